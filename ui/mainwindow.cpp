// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "frameinspector.h"
#include "frameloader.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace {

QString localFileOf(const QMimeData *mime)
{
    const QList<QUrl> urls = mime->urls();
    return urls.size() == 1 && urls.constFirst().isLocalFile() ? urls.constFirst().toLocalFile()
                                                               : QString();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_inspector(new FrameInspector(this))
    , m_loader(new FrameLoader(this))
{
    setCentralWidget(m_inspector);
    setAcceptDrops(true);
    createMenus();
    updateTitle();
    resize(900, 560);
    statusBar()->showMessage(tr("Ready"));

    connect(m_loader, &FrameLoader::started, this, [this](const QString &fileName) {
        statusBar()->showMessage(tr("Reading %1…").arg(QFileInfo(fileName).fileName()));
    });
    connect(m_loader, &FrameLoader::loaded, this, &MainWindow::onLoaded);
    connect(m_loader, &FrameLoader::failed, this, &MainWindow::onFailed);
}

ChannelTableModel *MainWindow::channelModel() const
{
    return m_inspector->channelModel();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open TimeFrame…"), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    if (quit->shortcut().isEmpty()) // QKeySequence::Quit is empty on some platforms
        quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About SyncStreamer"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::openFile(const QString &fileName)
{
    m_loader->load(fileName);
}

void MainWindow::showOpenDialog()
{
    const QString fileName = QFileDialog::getOpenFileName(
        this, tr("Open TimeFrame"), QFileInfo(m_fileName).absolutePath(),
        tr("TimeFrame files (*.tf);;All files (*)"));
    if (!fileName.isEmpty())
        openFile(fileName);
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

void MainWindow::onLoaded(const LoadedFrame &frame)
{
    m_fileName = frame.fileName;
    m_inspector->setFrame(frame);
    updateTitle();
    statusBar()->showMessage(tr("Opened %1 (channels: %2, items: %3)")
                                 .arg(QFileInfo(frame.fileName).fileName())
                                 .arg(frame.view.channelCount())
                                 .arg(frame.view.itemCount()));
    Q_EMIT fileOpened(frame.fileName);
}

void MainWindow::onFailed(const QString &fileName, const TimeFrame::Error &error)
{
    const QString name = QFileInfo(fileName).fileName();
    const QString message = error.offset >= 0
        ? tr("%1 is not a valid TimeFrame file: at byte %2, %3")
              .arg(fileName)
              .arg(error.offset)
              .arg(error.message)
        : tr("%1 could not be opened: %2").arg(fileName, error.message);
    statusBar()->showMessage(tr("Could not open %1").arg(name));

    // open(), not exec(): no nested event loop, and callers (and tests) are never blocked.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot open %1").arg(name), message,
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT fileOpenFailed(fileName, message);
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_fileName.isEmpty()
                       ? tr("SyncStreamer")
                       : tr("%1 — SyncStreamer").arg(QFileInfo(m_fileName).fileName()));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFileOf(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString fileName = localFileOf(event->mimeData());
    if (fileName.isEmpty())
        return;
    event->acceptProposedAction();
    openFile(fileName);
}
