// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStackedWidget>

class ChannelTableModel;
class FrameHeaderPanel;
class QTableView;
struct LoadedFrame;

// The central area: a hint while no frame is open, then the frame's header and channel table.
class FrameInspector : public QStackedWidget
{
    Q_OBJECT
public:
    explicit FrameInspector(QWidget *parent = nullptr);

    void setFrame(const LoadedFrame &frame);
    ChannelTableModel *channelModel() const { return m_model; }

private:
    QWidget *createPlaceholder();
    QWidget *createFramePage();

    ChannelTableModel *m_model = nullptr;
    FrameHeaderPanel *m_header = nullptr;
    QTableView *m_table = nullptr;
};
