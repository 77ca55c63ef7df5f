// SPDX-License-Identifier: GPL-3.0-or-later
// One time zone rule for the window: the frame list, the inspector's header and its tables write
// a frame's times the same way, in local time with the zone shown or in UTC, as the settings say.
#include "common/timetext.h"
#include "frames/framelistmodel.h"
#include "inspector/channeltablemodel.h"
#include "inspector/frameinspector.h"
#include "inspector/itemtablemodel.h"
#include "window/mainwindow.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <ctime>

using namespace Qt::StringLiterals;

class tst_TimeZone final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void oneRuleForTheWindow_data();
    void oneRuleForTheWindow();
};

void tst_TimeZone::initTestCase()
{
    // A zone that is never UTC: New York is 4 or 5 hours behind.
    qputenv("TZ", "America/New_York");
    tzset();
    QStandardPaths::setTestModeEnabled(true);
}

void tst_TimeZone::oneRuleForTheWindow_data()
{
    QTest::addColumn<bool>("utc");
    QTest::addRow("local time") << false;
    QTest::addRow("UTC") << true;
}

void tst_TimeZone::oneRuleForTheWindow()
{
    QFETCH(bool, utc);
    MainWindow window;
    AppSettings settings;
    settings.utcTimes = utc;
    window.setSettings(settings);
    QSignalSpy opened(&window, &MainWindow::fileOpened);
    window.openFile(QStringLiteral(SYNCSTREAMER_SHARED_TESTDATA) + u"/timeframe/example.tf"_s);
    QVERIFY(opened.wait());

    const FrameListModel *list = window.importedFrames();
    const qint64 start = list->row(0).startAt;
    const QString listed = list->index(0, FrameListModel::StartColumn).data().toString();
    const QString expectedZone = utc
        ? u"UTC"_s
        : QDateTime::fromMSecsSinceEpoch(start, Qt::LocalTime).timeZoneAbbreviation();
    QVERIFY2(expectedZone == u"EST"_s || expectedZone == u"EDT"_s || utc, qPrintable(expectedZone));
    QVERIFY2(listed.endsWith(u' ' + expectedZone), qPrintable(listed));
    const QDateTime inZone = utc ? QDateTime::fromMSecsSinceEpoch(start, Qt::UTC)
                                 : QDateTime::fromMSecsSinceEpoch(start, Qt::LocalTime);
    QVERIFY2(listed.startsWith(inZone.toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s)), qPrintable(listed));

    // The inspector's header writes the same moment the same way.
    auto *header = window.inspector()->findChild<QLabel *>(u"start"_s);
    QVERIFY(header);
    QVERIFY2(header->text().startsWith(listed), qPrintable(header->text() + u" / "_s + listed));

    // The tables: times of day in the same zone, full times in their tooltips.
    const ChannelTableModel *channels = window.channelModel();
    const ItemTableModel *items = window.inspector()->itemModel();
    QVERIFY(items->rowCount() > 0);
    const qint64 t = items->index(0, ItemTableModel::TimestampColumn)
                         .data(ItemTableModel::RawValueRole)
                         .toLongLong();
    const QDateTime itemTime = utc ? QDateTime::fromMSecsSinceEpoch(t, Qt::UTC)
                                   : QDateTime::fromMSecsSinceEpoch(t, Qt::LocalTime);
    QCOMPARE(items->index(0, ItemTableModel::TimestampColumn).data().toString(),
             itemTime.toString(u"HH:mm:ss.zzz"_s));
    QVERIFY(items->index(0, ItemTableModel::TimestampColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(TimeText::dateTime(t)));
    bool someFirst = false;
    for (int row = 0; row < channels->rowCount(); ++row) {
        const QVariant first = channels->index(row, ChannelTableModel::FirstItemColumn)
                                   .data(ChannelTableModel::RawValueRole);
        if (!first.isValid() || first.isNull())
            continue;
        const qint64 ms = first.toLongLong();
        const QDateTime firstTime = utc ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
                                        : QDateTime::fromMSecsSinceEpoch(ms, Qt::LocalTime);
        QCOMPARE(channels->index(row, ChannelTableModel::FirstItemColumn).data().toString(),
                 firstTime.toString(u"HH:mm:ss.zzz"_s));
        someFirst = true;
    }
    QVERIFY(someFirst);
    // The charts' time axes (Qt Charts writes them in the process's local time) follow the rule.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(now).toString(u"yyyy-MM-dd HH:mm"_s),
             (utc ? QDateTime::fromMSecsSinceEpoch(now, Qt::UTC)
                  : QDateTime::fromMSecsSinceEpoch(now, QTimeZone("America/New_York")))
                 .toString(u"yyyy-MM-dd HH:mm"_s));

    // Their headers name the zone.
    QVERIFY(channels->headerData(ChannelTableModel::FirstItemColumn, Qt::Horizontal)
                .toString()
                .contains(expectedZone));
    QVERIFY(items->headerData(ItemTableModel::TimestampColumn, Qt::Horizontal)
                .toString()
                .contains(expectedZone));
}

QTEST_MAIN(tst_TimeZone)
#include "tst_timezone.moc"
