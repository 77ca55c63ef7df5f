// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspector/frameinspector.h"

#include "charts/chartpanel.h"
#include "files/framefile.h"
#include "inspector/channeltablemodel.h"
#include "inspector/frameheaderpanel.h"
#include "inspector/itemtablemodel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    // One line of text per row: the default section size is sized for editing, not reading.
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

} // namespace

FrameInspector::FrameInspector(QWidget *parent)
    : QStackedWidget(parent)
    , m_model(new ChannelTableModel(this))
    , m_items(new ItemTableModel(this))
{
    addWidget(createPlaceholder());
    addWidget(createFramePage());
}

QWidget *FrameInspector::createPlaceholder()
{
    auto *label = new QLabel(
        tr("No frame selected.\n\nPick a frame in a list, use File → Open TimeFrame… (%1) or "
           "drop .tf files here.")
            .arg(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)),
        this);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setEnabled(false); // drawn in the disabled colour: a hint, not content
    return label;
}

QWidget *FrameInspector::createItemsPage()
{
    auto *split = new QSplitter(Qt::Vertical, this);
    m_itemView = makeTable(m_items, split);
    m_itemView->setAccessibleName(tr("Items"));
    m_preview = new QPlainTextEdit(split);
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setAccessibleName(tr("Item preview"));
    m_preview->setPlaceholderText(tr("Select an item to see its payload."));
    split->addWidget(m_itemView);
    split->addWidget(m_preview);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    connect(m_itemView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_preview->setPlainText(m_items->preview(current.row()));
            });
    return split;
}

QWidget *FrameInspector::createFramePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_header = new FrameHeaderPanel(page);
    layout->addWidget(m_header);

    m_tabs = new QTabWidget(page);
    m_table = makeTable(m_model, m_tabs);
    m_table->setAccessibleName(tr("Channels"));
    m_tabs->addTab(m_table, tr("&Channels"));
    m_tabs->addTab(createItemsPage(), tr("&Items"));
    m_charts = new ChartPanel(ChartPanel::Mode::Frame, m_tabs);
    m_tabs->addTab(m_charts, tr("C&harts"));
    // A double click on the frame's charts opens the item in the Items tab.
    connect(m_charts, &ChartPanel::itemActivated, this,
            [this](qint64 frameId, const QString &channel, qsizetype itemIndex) {
                if (m_hasFrame && frameId == m_frame.view.startAt())
                    showItem(channel, itemIndex);
            });
    layout->addWidget(m_tabs, 1);
    return page;
}

bool FrameInspector::hasFrame() const
{
    return m_hasFrame;
}

const LoadedFrame &FrameInspector::frame() const
{
    return m_frame;
}

void FrameInspector::setFrame(const LoadedFrame &frame)
{
    m_frame = frame;
    m_hasFrame = true;
    m_header->setFrame(frame);
    m_model->setFrame(frame.view);
    m_items->setFrame(frame.view);
    m_preview->clear();
    m_charts->setFrame(frame.view);
    m_table->resizeColumnsToContents();
    m_itemView->resizeColumnToContents(ItemTableModel::ChannelColumn);
    m_itemView->resizeColumnToContents(ItemTableModel::TimestampColumn);
    setCurrentIndex(1);
}

QString FrameInspector::previewText() const
{
    return m_preview->toPlainText();
}

bool FrameInspector::showItem(const QString &channel, qsizetype itemIndex)
{
    const qsizetype c = m_frame.view.channelIndex(channel);
    if (!m_hasFrame || c < 0 || itemIndex < 0 || itemIndex >= m_frame.view.itemCount(c))
        return false;
    const int row = int(m_frame.view.channel(c).firstItem + itemIndex);
    m_tabs->setCurrentIndex(1);
    m_itemView->setCurrentIndex(m_items->index(row, ItemTableModel::PreviewColumn));
    m_itemView->scrollTo(m_itemView->currentIndex());
    return true;
}
