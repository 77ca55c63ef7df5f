// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspectreport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

class Inspect
{
    Q_DECLARE_TR_FUNCTIONS(Inspect)
};

QString layoutLine(const TimeFrame::FrameView &view,
                   const std::optional<TimeFrame::LayoutGuess> &guess)
{
    const QString name = TimeFrame::layoutName(view.layout());
    if (!guess)
        return Inspect::tr("%1, chosen with --layout").arg(name);
    if (guess->certain)
        return Inspect::tr("%1, guessed: %2").arg(name, guess->reason);
    return Inspect::tr("%1, guessed without certainty: %2").arg(name, guess->reason);
}

// Left-aligned text columns, right-aligned number columns, two spaces between.
QString formatTable(const QList<QStringList> &rows, const QList<bool> &rightAligned)
{
    QList<qsizetype> widths(rightAligned.size(), 0);
    for (const QStringList &row : rows) {
        for (qsizetype column = 0; column < row.size(); ++column)
            widths[column] = std::max(widths[column], row[column].size());
    }
    QString text;
    for (const QStringList &row : rows) {
        QString line = u"  "_s;
        for (qsizetype column = 0; column < row.size(); ++column) {
            const bool last = column == row.size() - 1;
            if (rightAligned[column])
                line += row[column].rightJustified(widths[column]);
            else
                line += last ? row[column] : row[column].leftJustified(widths[column]);
            if (!last)
                line += u"  "_s;
        }
        text += line + u'\n';
    }
    return text;
}

} // namespace

QString formatTimestamp(qint64 msSinceEpoch)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
    const QString iso =
        time.isValid() ? time.toString(Qt::ISODateWithMs) : Inspect::tr("out of calendar range");
    return Inspect::tr("%1 (%2 ms)").arg(iso).arg(msSinceEpoch);
}

QString formatInspectReport(const QString &fileName, const TimeFrame::FrameView &view,
                            const std::optional<TimeFrame::LayoutGuess> &guess)
{
    const TimeFrame::Header &header = view.header();
    qint64 payloadBytes = 0;
    for (qsizetype i = 0; i < view.channelCount(); ++i)
        payloadBytes += view.channel(i).payloadBytes;

    QString text;
    const auto field = [&text](const QString &label, const QString &value) {
        text += QString(label + u':').leftJustified(11) + value + u'\n';
    };
    field(Inspect::tr("File"), fileName);
    field(Inspect::tr("Version"), QString::number(header.version));
    field(Inspect::tr("Layout"), layoutLine(view, guess));
    field(Inspect::tr("Start"), formatTimestamp(header.startAt));
    field(Inspect::tr("End"), formatTimestamp(header.endAt));
    field(Inspect::tr("Duration"), Inspect::tr("%1 ms").arg(header.endAt - header.startAt));
    field(Inspect::tr("Size"),
          Inspect::tr("%1 bytes (header %2, metadata %3, data %4)")
              .arg(header.totalSize())
              .arg(TimeFrame::kHeaderSize)
              .arg(header.metadataSize)
              .arg(header.dataSize));
    field(Inspect::tr("Channels"),
          Inspect::tr("%1 (%2 items, %3 bytes of item data)")
              .arg(view.channelCount())
              .arg(view.itemCount())
              .arg(payloadBytes));
    if (view.channelCount() == 0)
        return text;

    QList<QStringList> rows;
    rows.append({Inspect::tr("ID"), Inspect::tr("TYPE"), Inspect::tr("ITEMS"), Inspect::tr("BYTES"),
                 Inspect::tr("FIRST ITEM"), Inspect::tr("LAST ITEM")});
    for (qsizetype i = 0; i < view.channelCount(); ++i) {
        const TimeFrame::FrameView::ChannelRecord &channel = view.channel(i);
        const bool empty = channel.itemCount == 0;
        const QString none = u"-"_s;
        rows.append(
            {channel.id, channel.type, QString::number(channel.itemCount),
             QString::number(channel.payloadBytes),
             empty ? none : formatTimestamp(view.item(i, 0).timestamp),
             empty ? none : formatTimestamp(view.item(i, channel.itemCount - 1).timestamp)});
    }
    return text + u'\n' + formatTable(rows, {false, false, true, true, false, false});
}
