// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/mainwindow.h"

#include "charts/chartpanel.h"
#include "files/exportcontroller.h"
#include "files/exportdialog.h"
#include "files/frameimporter.h"
#include "files/importdialog.h"
#include "frames/framefetcher.h"
#include "frames/framelistmodel.h"
#include "frames/framelistview.h"
#include "inspector/frameinspector.h"
#include "service/demofeed.h"
#include "service/servicehost.h"
#include "settings/settingsdialog.h"
#include "window/serverpanel.h"
#include "window/servicestatusbar.h"
#include "window/trayicon.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QStringList tfFilesOf(const QMimeData *mime)
{
    QStringList files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            files.append(url.toLocalFile());
    }
    return files;
}

} // namespace

MainWindow::MainWindow(ServiceHost *host, QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
    , m_liveFrames(new FrameListModel(this))
    , m_importedFrames(new FrameListModel(this))
    , m_importer(new FrameImporter(this))
    , m_fetcher(new FrameFetcher(this))
    , m_demo(new DemoFeed(this))
    , m_export(new ExportController(this))
    , m_trayAvailable(TrayIcon::isAvailable())
{
    m_liveCharts = new ChartPanel(ChartPanel::Mode::Live, this);
    m_inspector = new FrameInspector(this);
    m_centre = new QTabWidget(this);
    m_centre->setObjectName(u"centre"_s);
    m_centre->setDocumentMode(true);
    m_centre->addTab(m_liveCharts, tr("&Live charts"));
    m_centre->addTab(m_inspector, tr("I&nspector"));

    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setObjectName(u"mainSplitter"_s);
    m_split->addWidget(createSidebar());
    m_split->addWidget(m_centre);
    m_split->setStretchFactor(1, 1);
    m_split->setSizes({600, 680}); // the frame list whole, Size column included
    setCentralWidget(m_split);
    setAcceptDrops(true);
    m_statusBar = new ServiceStatusBar(statusBar());
    createMenus();
    updateTitle();
    resize(1280, 800);
    statusBar()->showMessage(tr("Ready"), 3000);

    connect(m_importer, &FrameImporter::imported, this, &MainWindow::onImported);
    connect(m_importer, &FrameImporter::failed, this, &MainWindow::onImportFailed);
    connect(m_fetcher, &FrameFetcher::fetched, this, &MainWindow::showFrame);
    connect(m_fetcher, &FrameFetcher::failed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    connect(m_liveCharts, &ChartPanel::snapshotApplied, this, [this](const ChartSnapshot &s) {
        // The snapshot's counts belong to the frame its last events went to: shown only while
        // that frame is still the open one.
        updateLiveRow(s.openFrame.frameId, s.openFrame.channels, s.openFrame.items,
                      s.openFrame.bytes);
    });
    connect(m_export, &ExportController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_demo, &DemoFeed::runningChanged, this,
            [this](bool running) { m_demoAction->setChecked(running); });

    if (m_host) {
        connect(m_host, &ServiceHost::engineChanged, this, &MainWindow::onEngineChanged);
        connect(m_host, &ServiceHost::stateChanged, this, &MainWindow::onServiceState);
        connect(m_serverPanel, &ServerPanel::servingRequested, m_host, &ServiceHost::setServing);
        onEngineChanged(m_host->engine());
    }
    restoreLayout();
    connect(m_liveCharts, &ChartPanel::itemActivated, this, &MainWindow::openChartItem);
    // After the command line had its say (--chart-layout): the last layout comes back.
    QTimer::singleShot(0, this, &MainWindow::restoreChartLayout);
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::createSidebar()
{
    auto *side = new QWidget(this);
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    m_serverPanel = new ServerPanel(side);
    m_serverPanel->setVisible(m_host != nullptr);
    layout->addWidget(m_serverPanel);

    m_listTabs = new QTabWidget(side);
    m_liveView = new FrameListView(m_listTabs);
    m_liveView->setModel(m_liveFrames);
    m_liveView->setObjectName(u"liveFrames"_s);
    m_liveView->setAccessibleName(tr("Frames"));
    m_importedView = new FrameListView(m_listTabs);
    m_importedView->setModel(m_importedFrames);
    m_importedView->setObjectName(u"importedFrames"_s);
    m_importedView->setAccessibleName(tr("Imported frames"));
    for (FrameListView *view : {m_liveView, m_importedView}) {
        view->hideColumn(FrameListModel::EndColumn);
        view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        view->horizontalHeader()->setStretchLastSection(false);
    }
    m_listTabs->addTab(m_liveView, tr("&Frames"));
    m_listTabs->addTab(m_importedView, tr("Im&ported"));
    layout->addWidget(m_listTabs, 1);

    connect(m_liveView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::inspectLiveSelection);
    connect(m_importedView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::inspectImportedSelection);
    // Selecting a row fills the inspector behind the live charts; Enter or a double click on
    // it brings the inspector to the front.
    for (FrameListView *view : {m_liveView, m_importedView})
        connect(view, &QAbstractItemView::activated, this,
                [this] { m_centre->setCurrentWidget(m_inspector); });
    return side;
}

void MainWindow::setDemoRunning(bool running)
{
    m_demoWanted = running && !m_engine; // starts with the engine
    m_demo->start(running ? m_engine : nullptr);
    m_demoAction->setChecked(running);
    if (running && m_engine)
        m_centre->setCurrentWidget(m_liveCharts);
}

void MainWindow::onEngineChanged(const std::shared_ptr<Engine::EngineApi> &engine)
{
    disconnect(m_frameFinished);
    const bool demo = m_demo->isRunning() || m_demoWanted;
    m_engine = engine;
    m_liveCharts->setEngine(engine);
    if (!engine) {
        m_demoWanted = demo;
        m_demo->stop();
        m_liveFrames->setLive(std::nullopt);
        return;
    }
    m_frameFinished = connect(engine.get(), &Engine::EngineApi::frameFinished, this,
                              &MainWindow::refreshIndex, Qt::QueuedConnection);
    refreshIndex();
    if (demo) {
        m_demoWanted = false;
        m_demo->start(engine);
    }
}

void MainWindow::refreshIndex()
{
    if (!m_engine)
        return;
    const Engine::FrameIndex index = m_engine->index();
    m_liveFrames->setIndex(index ? *index : QList<Engine::FrameSummary>());
    // The frame that was open is in the index now: the live row moves on to the next one,
    // whether or not an event has come for it.
    const int live = m_liveFrames->rowCount() > 0 && m_liveFrames->row(0).live ? 0 : -1;
    const FrameListModel::Row current = live == 0 ? m_liveFrames->row(0) : FrameListModel::Row {};
    updateLiveRow(current.id, current.channels, current.items, current.size);
}

void MainWindow::updateLiveRow(qint64 frameId, int channels, qint64 items, qint64 bytes)
{
    if (!m_engine)
        return;
    const Engine::Status status = m_engine->status();
    const qint64 id = status.openFrameId ? status.openFrameId : frameId;
    if (id == 0)
        return;
    const qint64 duration = m_host ? m_host->config().engine.frameDurationMs : 0;
    const qint64 endAt = status.openFrameEndAt > id ? status.openFrameEndAt : id + duration;
    const bool counted = frameId == id;
    m_liveFrames->setLive(FrameListModel::Row {
        id, id, endAt, counted ? channels : 0, counted ? items : 0, counted ? bytes : 0, true, {}});
}

void MainWindow::onServiceState(const ServiceState &state)
{
    m_serverPanel->setState(state);
    m_statusBar->setState(state);
    if (m_tray)
        m_tray->setState(state);
}

void MainWindow::openFile(const QString &fileName)
{
    openFiles({fileName});
}

void MainWindow::openFiles(const QStringList &fileNames, std::optional<TimeFrame::Layout> layout)
{
    if (fileNames.isEmpty())
        return;
    statusBar()->showMessage(tr("Reading %n file(s)…", "", int(fileNames.size())));
    m_importer->import(fileNames, layout);
}

void MainWindow::showOpenDialog()
{
    auto *dialog = new ImportDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::filesChosen, this, &MainWindow::openFiles);
    dialog->open();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About SyncStreamer"),
        tr("<h3>SyncStreamer %1</h3>"
           "<p>Collects timestamped events into TimeFrames and serves them on the LAN, so that "
           "every client plays them back at the same time.</p>"
           "<p>License: GPL-3.0-or-later. This program comes with ABSOLUTELY NO WARRANTY.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::onImported(const LoadedFrame &frame)
{
    const bool known = m_imported.contains(frame.fileName);
    m_imported.insert(frame.fileName, frame);
    if (!known) {
        const TimeFrame::Header &header = frame.view.header();
        m_importedFrames->addImported({header.startAt, header.startAt, header.endAt,
                                       int(frame.view.channelCount()), frame.view.itemCount(),
                                       header.totalSize(), false, frame.fileName});
    }
    m_listTabs->setCurrentWidget(m_importedView);
    for (int row = 0; row < m_importedFrames->rowCount(); ++row) {
        if (m_importedFrames->row(row).fileName == frame.fileName) {
            m_importedView->setCurrentIndex(m_importedFrames->index(row, 0));
            break;
        }
    }
    showFrame(frame); // also where the row was current already
    m_centre->setCurrentWidget(m_inspector); // the user asked for this file
    statusBar()->showMessage(tr("Opened %1 (channels: %2, items: %3)")
                                 .arg(QFileInfo(frame.fileName).fileName())
                                 .arg(frame.view.channelCount())
                                 .arg(frame.view.itemCount()),
                             5000);
    Q_EMIT fileOpened(frame.fileName);
}

void MainWindow::onImportFailed(const QString &fileName, const QString &message)
{
    const QString name = QFileInfo(fileName).fileName();
    statusBar()->showMessage(tr("Could not open %1").arg(name), 5000);
    // open(), not exec(): no nested event loop, and callers (and tests) are never blocked.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot open %1").arg(name), message,
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT fileOpenFailed(fileName, message);
}

void MainWindow::inspectLiveSelection()
{
    const QModelIndex current = m_liveView->currentIndex();
    if (!current.isValid() || !m_engine)
        return;
    const FrameListModel::Row &row = m_liveFrames->row(current.row());
    const TimeFrame::Layout layout =
        m_host ? m_host->config().engine.layout : TimeFrame::Layout::Documented;
    m_fetcher->fetch(m_engine, row.id, row.live, layout);
}

void MainWindow::inspectImportedSelection()
{
    const QModelIndex current = m_importedView->currentIndex();
    if (!current.isValid())
        return;
    const auto it = m_imported.constFind(m_importedFrames->row(current.row()).fileName);
    if (it != m_imported.cend() && it->fileName != m_shownName)
        showFrame(*it);
}

void MainWindow::showFrame(const LoadedFrame &frame)
{
    m_shownName = frame.fileName;
    m_inspector->setFrame(frame);
    if (m_pendingItem && m_pendingItem->frameId == frame.view.startAt()) {
        if (m_inspector->showItem(m_pendingItem->channel, m_pendingItem->index))
            m_centre->setCurrentWidget(m_inspector);
        m_pendingItem.reset();
    }
    updateTitle();
}

ChannelTableModel *MainWindow::channelModel() const
{
    return m_inspector->channelModel();
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_shownName.isEmpty()
                       ? tr("SyncStreamer")
                       : tr("%1 — SyncStreamer").arg(QFileInfo(m_shownName).fileName()));
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    m_split->restoreState(settings.value(u"window/splitter"_s).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/splitter"_s, m_split->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    if (!m_quitting && keepsServingOnClose()) {
        event->ignore();
        hide();
        if (!m_trayNoticeShown) {
            m_trayNoticeShown = true;
            m_tray->notifyHidden();
        }
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!tfFilesOf(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = tfFilesOf(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    openFiles(files);
}
