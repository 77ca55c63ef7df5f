// SPDX-License-Identifier: GPL-3.0-or-later
// Exporting from the window: the frames chosen when the dialog opened are the ones written, while
// new frames finish and push the rows down; the dialog remembers its choices and names files
// with their extension.
#include "fastservice.h"
#include "files/exportcontroller.h"
#include "files/exportdialog.h"
#include "frames/framelistmodel.h"
#include "frames/framelistview.h"
#include "service/servicehost.h"
#include "window/mainwindow.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

QByteArray readAll(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void selectData(QComboBox *box, int data)
{
    box->setCurrentIndex(box->findData(data));
}

} // namespace

class tst_ExportWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void exportsTheChosenFramesWhileNewOnesFinish_data();
    void exportsTheChosenFramesWhileNewOnesFinish();
    void dialogStartsInAFolderThatExists();
    void dialogRemembersItsChoices();
    void mergedFileIsNamedWithItsExtension();
};

void tst_ExportWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"SyncStreamerTest"_s);
    QCoreApplication::setApplicationName(u"tst_exportwindow"_s);
}

void tst_ExportWindow::init()
{
    QSettings().clear();
}

void tst_ExportWindow::exportsTheChosenFramesWhileNewOnesFinish_data()
{
    QTest::addColumn<bool>("merged");
    QTest::addColumn<FrameExporter::Format>("format");
    QTest::addRow("one TimeFrame per frame") << false << FrameExporter::Format::TimeFrame;
    QTest::addRow("merged TimeFrame") << true << FrameExporter::Format::TimeFrame;
    QTest::addRow("merged CSV") << true << FrameExporter::Format::Csv;
}

void tst_ExportWindow::exportsTheChosenFramesWhileNewOnesFinish()
{
    QFETCH(bool, merged);
    QFETCH(FrameExporter::Format, format);
    QTemporaryDir dir;
    ServiceHost host;
    host.apply(FastService::config(dir.filePath(u"data"_s)));
    QTRY_VERIFY(host.engine());
    MainWindow window(&host);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // A producer that does not stop (on a loaded machine a frame may still get no event).
    FastService::Producer producer(&host);

    // Three finished frames with items, not all next to each other, as the rows stand now.
    FrameListModel *model = window.liveFrames();
    const auto pick = [model] {
        QList<int> rows;
        for (int row = 1; row < model->rowCount() && rows.size() < 3; ++row) {
            const FrameListModel::Row &r = model->row(row);
            if (!r.live && r.items > 0 && (rows.size() != 2 || row > rows.constLast() + 1))
                rows.append(row);
        }
        return rows;
    };
    QTRY_VERIFY_WITH_TIMEOUT(pick().size() == 3, 30000);
    auto *view = window.findChild<FrameListView *>(u"liveFrames"_s);
    QVERIFY(view);
    QList<qint64> chosen;
    view->selectionModel()->clear();
    for (int row : pick()) {
        chosen.append(model->row(row).id);
        view->selectionModel()->select(model->index(row, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    std::sort(chosen.begin(), chosen.end());

    window.showExportDialog();
    auto *dialog = window.findChild<ExportDialog *>();
    QVERIFY(dialog);
    dialog->findChild<QRadioButton *>(merged ? u"merged"_s : u"perFrame"_s)->setChecked(true);
    selectData(dialog->findChild<QComboBox *>(u"format"_s), int(format));
    const QString target = merged ? dir.filePath(u"out/merged"_s) : dir.filePath(u"out"_s);
    dialog->findChild<QLineEdit *>(u"target"_s)->setText(target);

    // New frames finish while the dialog is open: the chosen rows move down.
    const int before = FastService::finishedRows(*model);
    QTRY_VERIFY_WITH_TIMEOUT(FastService::finishedRows(*model) >= before + 3, 20000);
    QSignalSpy finished(window.exporter(), &ExportController::finished);
    dialog->accept();
    QVERIFY(finished.wait(20000));
    producer.stop();
    const auto outcome = finished.constFirst().constFirst().value<FrameExporter::Outcome>();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));

    const auto engine = host.engine();
    QList<TimeFrame::Frame> frames;
    for (qint64 id : std::as_const(chosen)) {
        const std::optional<QByteArray> bytes = engine->frameBytes(id);
        QVERIFY(bytes);
        frames.append(TimeFrame::decode(*bytes).value());
    }
    if (!merged) {
        QStringList expected;
        for (qint64 id : std::as_const(chosen))
            expected.append(QString::number(id) + u".tf"_s);
        QCOMPARE(QDir(target).entryList(QDir::Files | QDir::Hidden), expected);
        for (qint64 id : std::as_const(chosen))
            QCOMPARE(readAll(QDir(target).filePath(QString::number(id) + u".tf"_s)),
                     *engine->frameBytes(id));
        return;
    }
    // Exactly the chosen frames, in time order, from the first one's start to the last one's end.
    const QString file = target + u'.' + FrameExporter::extension(format);
    QCOMPARE(outcome.files, QStringList {file});
    const TimeFrame::Frame expected =
        FrameExporter::merge(frames, frames.constFirst().startAt, frames.constLast().endAt);
    qint64 items = 0;
    for (const TimeFrame::Frame &frame : std::as_const(frames))
        for (const TimeFrame::Channel &channel : frame.channels)
            items += channel.items.size();
    QCOMPARE(expected.channels.size(), 1);
    QCOMPARE(expected.channels.constFirst().items.size(), items);
    QCOMPARE(readAll(file),
             format == FrameExporter::Format::Csv ? FrameExporter::toCsv(expected)
                                                  : TimeFrame::encode(expected).value());
}

void tst_ExportWindow::dialogStartsInAFolderThatExists()
{
    QSettings settings;
    settings.setValue(u"export/folder"_s, u"/nonexistent/folder/of/a/removed/disk"_s);
    ExportDialog dialog(1, 1000, 2000, 1000, 2000);
    auto *edit = dialog.findChild<QLineEdit *>(u"target"_s);
    // The folder is checked off the GUI thread; the suggestion follows.
    QTRY_VERIFY2(QFileInfo(QDir::fromNativeSeparators(edit->text())).isDir(),
                 qPrintable(edit->text()));
    const QString target = QDir::fromNativeSeparators(edit->text());
    QCOMPARE(target, ExportDialog::defaultFolder());
    QCOMPARE(dialog.options().target, target);
}

void tst_ExportWindow::dialogRemembersItsChoices()
{
    QTemporaryDir dir;
    {
        ExportDialog dialog(2, 1000, 3000, 1000, 3000);
        dialog.findChild<QRadioButton *>(u"merged"_s)->setChecked(true);
        selectData(dialog.findChild<QComboBox *>(u"format"_s), int(FrameExporter::Format::Json));
        selectData(dialog.findChild<QComboBox *>(u"layout"_s), int(TimeFrame::Layout::Reference));
        dialog.findChild<QLineEdit *>(u"target"_s)->setText(dir.filePath(u"run.json"_s));
        dialog.accept();
    }
    ExportDialog again(1, 5000, 6000, 1000, 6000);
    const FrameExporter::Options options = again.options();
    QCOMPARE(options.format, FrameExporter::Format::Json);
    QCOMPARE(options.mode, FrameExporter::Mode::Merged);
    QCOMPARE(options.layout, TimeFrame::Layout::Reference);
    QCOMPARE(QFileInfo(options.target).absolutePath(), dir.path());
    QCOMPARE(QFileInfo(options.target).suffix(), u"json"_s);

    // Back to one file per frame: the folder it remembered.
    again.findChild<QRadioButton *>(u"perFrame"_s)->setChecked(true);
    QCOMPARE(again.options().target, dir.path());
}

void tst_ExportWindow::mergedFileIsNamedWithItsExtension()
{
    QTemporaryDir dir;
    ExportDialog dialog(2, 1000, 3000, 1000, 3000);
    dialog.findChild<QRadioButton *>(u"merged"_s)->setChecked(true);
    auto *format = dialog.findChild<QComboBox *>(u"format"_s);
    auto *target = dialog.findChild<QLineEdit *>(u"target"_s);
    selectData(format, int(FrameExporter::Format::Csv));
    QVERIFY(target->text().endsWith(u".csv"_s));
    target->setText(dir.filePath(u"frames"_s));
    QCOMPARE(dialog.options().target, dir.filePath(u"frames.csv"_s));
    selectData(format, int(FrameExporter::Format::TimeFrame));
    QCOMPARE(dialog.options().target, dir.filePath(u"frames.tf"_s));
    target->setText(dir.filePath(u"frames.json"_s)); // another format's extension is replaced
    QCOMPARE(dialog.options().target, dir.filePath(u"frames.tf"_s));
}

QTEST_MAIN(tst_ExportWindow)
#include "tst_exportwindow.moc"
