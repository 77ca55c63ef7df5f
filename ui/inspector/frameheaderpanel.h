// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGroupBox>

class QLabel;
struct LoadedFrame;

// The header of the open frame: file, time range, duration, layout (and why it was guessed), size.
class FrameHeaderPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit FrameHeaderPanel(QWidget *parent = nullptr);

    void setFrame(const LoadedFrame &frame);

private:
    QLabel *addRow(const QString &label);

    QLabel *m_file = nullptr;
    QLabel *m_start = nullptr;
    QLabel *m_end = nullptr;
    QLabel *m_duration = nullptr;
    QLabel *m_layout = nullptr;
    QLabel *m_size = nullptr;
};
