// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspector/frameheaderpanel.h"

#include "common/timetext.h"
#include "files/framefile.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>

using namespace Qt::StringLiterals;

FrameHeaderPanel::FrameHeaderPanel(QWidget *parent)
    : QGroupBox(tr("Frame"), parent)
{
    auto *layout = new QFormLayout(this);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_file = addRow(tr("Source:"));
    m_start = addRow(tr("Start:"));
    m_start->setObjectName(u"start"_s);
    m_end = addRow(tr("End:"));
    m_end->setObjectName(u"end"_s);
    m_duration = addRow(tr("Duration:"));
    m_layout = addRow(tr("Layout:"));
    m_size = addRow(tr("Size:"));
}

QLabel *FrameHeaderPanel::addRow(const QString &label)
{
    auto *value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    static_cast<QFormLayout *>(layout())->addRow(label, value);
    return value;
}

void FrameHeaderPanel::setFrame(const LoadedFrame &frame)
{
    const TimeFrame::Header &header = frame.view.header();
    const QLocale locale;
    m_file->setText(QFileInfo(frame.fileName).fileName());
    m_file->setToolTip(QFileInfo(frame.fileName).absoluteFilePath());
    m_start->setText(tr("%1 (%2 ms)").arg(TimeText::dateTime(header.startAt)).arg(header.startAt));
    m_end->setText(tr("%1 (%2 ms)").arg(TimeText::dateTime(header.endAt)).arg(header.endAt));
    m_duration->setText(TimeText::duration(header.endAt - header.startAt));
    const QString layoutName = TimeFrame::layoutName(frame.view.layout());
    m_layout->setText(
        frame.guess.certain
            ? tr("%1, guessed: %2").arg(layoutName, frame.guess.reason)
            : tr("%1, guessed without certainty: %2").arg(layoutName, frame.guess.reason));
    m_size->setText(tr("%1 bytes: %2 channels, %3 items, version %4")
                        .arg(locale.toString(header.totalSize()))
                        .arg(frame.view.channelCount())
                        .arg(frame.view.itemCount())
                        .arg(header.version));
}
