// SPDX-License-Identifier: GPL-3.0-or-later
// The main window opens TimeFrame files off the GUI thread and shows their channels.
#include "frames/framelistmodel.h"
#include "inspector/channeltablemodel.h"
#include "inspector/frameinspector.h"
#include "inspector/itemtablemodel.h"
#include "window/mainwindow.h"

#include "format/timeframe.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString example()
{
    return QStringLiteral(SYNCSTREAMER_SHARED_TESTDATA) + u"/timeframe/example.tf"_s;
}

QByteArray readAll(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The rows as (id, type, item count, bytes), read through the model's public interface.
QList<QStringList> rows(const QAbstractItemModel &model)
{
    QList<QStringList> result;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column : {ChannelTableModel::IdColumn, ChannelTableModel::TypeColumn,
                           ChannelTableModel::ItemsColumn, ChannelTableModel::BytesColumn})
            cells.append(model.index(row, column).data(ChannelTableModel::RawValueRole).toString());
        result.append(cells);
    }
    return result;
}

const QList<QStringList> kExampleRows {
    {u"temperature"_s, u"application/json"_s, u"3"_s, u"47"_s},
    {u"camera-1"_s, u"application/octet-stream"_s, u"1"_s, u"40"_s},
    {u"idle"_s, u"text/plain"_s, u"0"_s, u"0"_s},
    {u"log"_s, u"text/plain"_s, u"2"_s, u"12"_s},
};

bool openAndWait(MainWindow &window, const QString &fileName)
{
    QSignalSpy opened(&window, &MainWindow::fileOpened);
    window.openFile(fileName);
    return opened.count() == 1 || opened.wait();
}

} // namespace

class tst_MainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void menus();
    void opensExample();
    void malformedKeepsWhatWasShown_data();
    void malformedKeepsWhatWasShown();
    void modelPassesTester();
    void notATimeFrameSaysWhatItLooksLike_data();
    void notATimeFrameSaysWhatItLooksLike();

private:
    QTemporaryDir m_dir;
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // never the user's settings
    if (!QFile::exists(example()))
        QSKIP("The shared worked example (testdata/timeframe/example.tf) is not present.");
    QVERIFY(m_dir.isValid());
}

void tst_MainWindow::menus()
{
    MainWindow window;
    QCOMPARE(window.windowTitle(), u"SyncStreamer"_s);
    QStringList menus;
    for (QAction *action : window.menuBar()->actions())
        menus.append(action->text());
    QCOMPARE(menus, (QStringList {u"&File"_s, u"&View"_s, u"&Help"_s}));

    const QList<QAction *> actions = window.findChildren<QAction *>();
    const auto find = [&actions](const QString &text) -> QAction * {
        for (QAction *action : actions) {
            if (action->text() == text)
                return action;
        }
        return nullptr;
    };
    QVERIFY(find(u"&Open TimeFrame…"_s));
    QCOMPARE(find(u"&Open TimeFrame…"_s)->shortcut(), QKeySequence(QKeySequence::Open));
    QVERIFY(find(u"&Quit"_s));
    QCOMPARE(find(u"&Quit"_s)->shortcut(), QKeySequence(u"Ctrl+Q"_s));
    QVERIFY(find(u"&About SyncStreamer"_s));
}

void tst_MainWindow::opensExample()
{
    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, example()));
    QCOMPARE(rows(*window.channelModel()), kExampleRows);
    QCOMPARE(window.windowTitle(), u"example.tf — SyncStreamer"_s);
    QVERIFY(!window.findChild<QMessageBox *>());

    // In the imported list, and its items through the zero-copy view.
    QCOMPARE(window.importedFrames()->rowCount(), 1);
    QCOMPARE(window.importedFrames()->row(0).fileName, example());
    ItemTableModel *items = window.inspector()->itemModel();
    QAbstractItemModelTester tester(items, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(items->rowCount(), 6);
    QCOMPARE(items->index(0, ItemTableModel::ChannelColumn).data().toString(), u"temperature"_s);
    QVERIFY(items->preview(0).contains(u'\n')); // pretty JSON
    const QString hex = items->preview(3); // camera-1: binary
    QVERIFY2(hex.startsWith(u"00000000  "_s), qPrintable(hex));
}

void tst_MainWindow::malformedKeepsWhatWasShown_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("hasOffset");

    const QByteArray good = readAll(example());
    QByteArray badVersion = good;
    badVersion[1] = 7;
    QTest::addRow("header truncated") << good.left(12) << true;
    QTest::addRow("version 7") << badVersion << true;
    QTest::addRow("section truncated") << good.left(good.size() - 1) << true;
    QTest::addRow("trailing bytes") << good + "!" << true;
    QTest::addRow("missing file") << QByteArray() << false;
}

void tst_MainWindow::malformedKeepsWhatWasShown()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, hasOffset);

    const QString fileName =
        m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".tf"_s);
    if (hasOffset) {
        QFile file(fileName);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }

    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, example()));
    const QString title = window.windowTitle();

    QSignalSpy failed(&window, &MainWindow::fileOpenFailed);
    QSignalSpy opened(&window, &MainWindow::fileOpened);
    window.openFile(fileName);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(opened.count(), 0);
    QCOMPARE(failed.at(0).at(0).toString(), fileName);

    const QString message = failed.at(0).at(1).toString();
    QVERIFY2(message.contains(fileName), qPrintable(message));
    if (hasOffset) {
        const auto decoded = TimeFrame::decode(bytes, std::nullopt);
        QVERIFY(!decoded);
        QVERIFY2(message.contains(u"at byte %1, "_s.arg(decoded.error().offset)),
                 qPrintable(message));
    }

    // The window shows the error without blocking, and still shows the frame it had.
    auto *box = window.findChild<QMessageBox *>();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->text(), message);
    QCOMPARE(rows(*window.channelModel()), kExampleRows);
    QCOMPARE(window.windowTitle(), title);
    box->close();
}

void tst_MainWindow::notATimeFrameSaysWhatItLooksLike_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("looksLike");
    QTest::addRow("JSON") << QByteArray("{\n  \"startAt\": 1000,\n  \"channels\": []\n}\n")
                          << u"JSON"_s;
    QTest::addRow("JSON array") << QByteArray("[1, 2, 3]") << u"JSON"_s;
    QTest::addRow("CSV") << QByteArray("channel,timestamp,size,payload\r\nlog,1200,5,first\r\n")
                         << u"CSV"_s;
    QTest::addRow("text") << QByteArray("A note: nothing more.\nSecond line.\n") << u"text"_s;
    QTest::addRow("short text") << QByteArray("hello") << u"text"_s;
}

void tst_MainWindow::notATimeFrameSaysWhatItLooksLike()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, looksLike);
    const QString fileName =
        m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + u".tf"_s);
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();

    MainWindow window;
    QSignalSpy failed(&window, &MainWindow::fileOpenFailed);
    window.openFile(fileName);
    QTRY_COMPARE(failed.count(), 1);
    const QString message = failed.at(0).at(1).toString();
    QVERIFY2(message.contains(u"not a TimeFrame file"_s), qPrintable(message));
    QVERIFY2(message.contains(u"looks like %1"_s.arg(looksLike)), qPrintable(message));
    QVERIFY2(!message.contains(u"version"_s), qPrintable(message));
}

void tst_MainWindow::modelPassesTester()
{
    MainWindow window;
    QAbstractItemModelTester tester(window.channelModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(openAndWait(window, example()));
    QCOMPARE(window.channelModel()->rowCount(), 4);
    QVERIFY(openAndWait(window, example())); // a reset from one frame to another
    window.channelModel()->clear();
    QCOMPARE(window.channelModel()->rowCount(), 0);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
