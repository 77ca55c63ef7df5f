// SPDX-License-Identifier: GPL-3.0-or-later
// The frame list: newest on top, a live row first, updates by inserts and removes only.
#include "frames/framelistmodel.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

namespace {

Engine::FrameSummary frame(qint64 id)
{
    return {id, id, id + 10'000, 2, 5, 100, true, false};
}

QList<qint64> ids(const FrameListModel &model)
{
    QList<qint64> out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, 0).data(FrameListModel::FrameIdRole).toLongLong());
    return out;
}

} // namespace

class tst_FrameList final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newestOnTopWithLiveRow();
    void keepsSelectionAcrossUpdates();
    void importedOnTop();
};

void tst_FrameList::newestOnTopWithLiveRow()
{
    FrameListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setIndex({frame(20'000), frame(10'000)});
    QCOMPARE(ids(model), (QList<qint64> {20'000, 10'000}));

    model.setLive(FrameListModel::Row {30'000, 30'000, 40'000, 1, 3, 42, true, {}});
    QCOMPARE(ids(model), (QList<qint64> {30'000, 20'000, 10'000}));
    QVERIFY(model.index(0, 0).data(FrameListModel::LiveRole).toBool());
    QCOMPARE(
        model.index(0, FrameListModel::ItemsColumn).data(FrameListModel::RawValueRole).toLongLong(),
        3);

    // The open frame finished, a new one opened, the oldest fell out of retention.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setIndex({frame(30'000), frame(20'000)});
    model.setLive(FrameListModel::Row {40'000, 40'000, 50'000, 0, 0, 0, true, {}});
    QCOMPARE(ids(model), (QList<qint64> {40'000, 30'000, 20'000}));
    QVERIFY(!model.index(1, 0).data(FrameListModel::LiveRole).toBool());
    QCOMPARE(reset.count(), 0);

    model.setLive(std::nullopt);
    QCOMPARE(ids(model), (QList<qint64> {30'000, 20'000}));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_FrameList::keepsSelectionAcrossUpdates()
{
    FrameListModel model;
    model.setIndex({frame(20'000), frame(10'000)});
    const QPersistentModelIndex selected(model.index(1, 0)); // frame 10 000
    model.setLive(FrameListModel::Row {30'000, 30'000, 40'000, 0, 0, 0, true, {}});
    model.setIndex({frame(25'000), frame(20'000), frame(10'000)});
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data(FrameListModel::FrameIdRole).toLongLong(), 10'000);
    QCOMPARE(selected.row(), 3);
}

void tst_FrameList::importedOnTop()
{
    FrameListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addImported({1, 1, 2, 1, 1, 50, false, QStringLiteral("/tmp/a.tf")});
    model.addImported({5, 5, 6, 1, 1, 50, false, QStringLiteral("/tmp/b.tf")});
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("b.tf"));
    QCOMPARE(model.index(1, 0).data(FrameListModel::FileNameRole).toString(),
             QStringLiteral("/tmp/a.tf"));
}

QTEST_APPLESS_MAIN(tst_FrameList)
#include "tst_framelist.moc"
