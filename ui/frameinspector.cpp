// SPDX-License-Identifier: GPL-3.0-or-later
#include "frameinspector.h"

#include "channeltablemodel.h"
#include "framefile.h"
#include "frameheaderpanel.h"

#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

FrameInspector::FrameInspector(QWidget *parent)
    : QStackedWidget(parent)
    , m_model(new ChannelTableModel(this))
{
    addWidget(createPlaceholder());
    addWidget(createFramePage());
}

QWidget *FrameInspector::createPlaceholder()
{
    auto *label = new QLabel(
        tr("No TimeFrame open.\n\nUse File → Open TimeFrame… (%1) or drop a .tf file here.")
            .arg(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)),
        this);
    label->setAlignment(Qt::AlignCenter);
    label->setEnabled(false); // drawn in the disabled colour: a hint, not content
    return label;
}

QWidget *FrameInspector::createFramePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_header = new FrameHeaderPanel(page);
    layout->addWidget(m_header);

    auto *channels = new QLabel(tr("Channels"), page);
    QFont bold = channels->font();
    bold.setBold(true);
    channels->setFont(bold);
    layout->addWidget(channels);

    m_table = new QTableView(page);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // One line of text per row: the default section size is sized for editing, not reading.
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    layout->addWidget(m_table, 1);
    return page;
}

void FrameInspector::setFrame(const LoadedFrame &frame)
{
    m_header->setFrame(frame);
    m_model->setFrame(frame.view);
    m_table->resizeColumnsToContents();
    setCurrentIndex(1);
}
