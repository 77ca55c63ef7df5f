// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class ChannelTableModel;
class FrameInspector;
class FrameLoader;
struct LoadedFrame;
namespace TimeFrame {
struct Error;
}

// The application's main window: menus, the frame inspector and the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    ChannelTableModel *channelModel() const;

public Q_SLOTS:
    // Reads the file off the GUI thread; ends in fileOpened() or fileOpenFailed(). What the
    // window shows changes only on success.
    void openFile(const QString &fileName);
    void showOpenDialog();
    void showAbout();

Q_SIGNALS:
    void fileOpened(const QString &fileName);
    // message names the file, the byte offset where one is concerned, and the reason. The
    // window also shows it in a window-modal message box that does not block the caller.
    void fileOpenFailed(const QString &fileName, const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    void onLoaded(const LoadedFrame &frame);
    void onFailed(const QString &fileName, const TimeFrame::Error &error);
    void updateTitle();

    FrameInspector *m_inspector = nullptr;
    FrameLoader *m_loader = nullptr;
    QString m_fileName; // of the frame shown
};
