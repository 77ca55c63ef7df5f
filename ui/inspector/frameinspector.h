// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "files/framefile.h"

#include <QStackedWidget>

class ChannelTableModel;
class ChartPanel;
class FrameHeaderPanel;
class ItemTableModel;
class QPlainTextEdit;
class QTableView;
class QTabWidget;

// One frame (live, archived or imported) in detail: header fields, channels, the items with a
// preview of the selected one, and the charts restricted to that frame.
class FrameInspector : public QStackedWidget
{
    Q_OBJECT
public:
    explicit FrameInspector(QWidget *parent = nullptr);

    void setFrame(const LoadedFrame &frame);
    bool hasFrame() const;
    const LoadedFrame &frame() const; // the one shown, where hasFrame()
    ChannelTableModel *channelModel() const { return m_model; }
    ItemTableModel *itemModel() const { return m_items; }
    ChartPanel *charts() const { return m_charts; }
    QTableView *itemView() const { return m_itemView; }
    QString previewText() const;
    // Brings the Items tab forward with that item selected (its preview shown).
    bool showItem(const QString &channel, qsizetype itemIndex);

private:
    QWidget *createPlaceholder();
    QWidget *createFramePage();
    QWidget *createItemsPage();

    ChannelTableModel *m_model = nullptr;
    ItemTableModel *m_items = nullptr;
    FrameHeaderPanel *m_header = nullptr;
    QTableView *m_table = nullptr;
    QTableView *m_itemView = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QTabWidget *m_tabs = nullptr;
    ChartPanel *m_charts = nullptr;
    LoadedFrame m_frame;
    bool m_hasFrame = false;
};
