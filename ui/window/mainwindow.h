// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/engineapi.h"
#include "files/frameexporter.h"
#include "files/framefile.h"
#include "format/timeframe.h"
#include "frames/framelistmodel.h"
#include "service/appsettings.h"

#include <QHash>
#include <QMainWindow>

#include <memory>

class ChannelTableModel;
class ChartPanel;
class DemoFeed;
class ExportController;
class FrameFetcher;
class FrameImporter;
class FrameInspector;
class FrameListView;
class QSplitter;
class QTabWidget;
class ServerPanel;
class ServiceHost;
class ServiceStatusBar;
class TrayIcon;
struct ServiceState;

// The application's main window: it arranges the panels (server, frame lists, live charts,
// inspector) and the menus; each panel has its own file and model.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // host: the engine and server to show and control; null for a window of files only.
    explicit MainWindow(ServiceHost *host = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    ChannelTableModel *channelModel() const;
    FrameListModel *liveFrames() const { return m_liveFrames; }
    FrameListModel *importedFrames() const { return m_importedFrames; }
    FrameInspector *inspector() const { return m_inspector; }
    ChartPanel *liveCharts() const { return m_liveCharts; }
    ServerPanel *serverPanel() const { return m_serverPanel; }
    ExportController *exporter() const { return m_export; }
    TrayIcon *trayIcon() const { return m_tray; }

    // The stored settings and what the command line overrides in this run; the service runs
    // with the settings with the overrides applied.
    void setSettings(const AppSettings &settings, const CommandLineOverrides &overrides = {});
    const AppSettings &settings() const { return m_settings; } // as stored
    // What runs: the service's configuration, with the window's own options.
    AppSettings running() const;
    // Whether the desktop has a system tray (asked of the platform by default).
    void setSystemTrayAvailable(bool available);
    // Closing the window hides it and keeps serving: the tray setting is on and there is a tray.
    bool keepsServingOnClose() const;

public Q_SLOTS:
    // Imports files off the GUI thread; each ends in fileOpened() or fileOpenFailed(). What the
    // window shows changes only on success.
    void openFile(const QString &fileName);
    void openFiles(const QStringList &fileNames,
                   std::optional<TimeFrame::Layout> layout = std::nullopt);
    void showOpenDialog();
    // Chart layouts (docs/GUI.md): read and written off the GUI thread; each ends in
    // layoutOpened()/layoutFailed() or layoutSaved(). A bad file changes nothing.
    void openLayout(const QString &fileName);
    void saveLayoutAs(const QString &fileName);
    void showOpenLayoutDialog();
    void showSaveLayoutDialog();
    void showAbout();
    void setDemoRunning(bool running);
    void showExportDialog();
    void showSettings();
    void showShortcuts();
    // Quits the application, also where closing the window would only hide it.
    void quit();
    // The settings dialog's OK and Apply: stores them and restarts the service where the
    // engine's or the server's options changed.
    void applySettings(const AppSettings &settings);
    // The dialog's Apply: stores stored and makes wanted run, restarting only what changed
    // (an engine option restarts the engine and the server, a server option the server).
    void applySettings(const AppSettings &stored, const AppSettings &wanted);

Q_SIGNALS:
    void fileOpened(const QString &fileName);
    // message names the file, the byte offset where one is concerned, and the reason. The
    // window also shows it in a window-modal message box that does not block the caller.
    void fileOpenFailed(const QString &fileName, const QString &message);
    // missing: the series the layout names that the data does not hold (yet).
    void layoutOpened(const QString &fileName, const QStringList &missing);
    void layoutFailed(const QString &fileName, const QString &message);
    void layoutSaved(const QString &fileName, const QString &error); // error empty: saved

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void restoreChartLayout();
    void openChartItem(qint64 frameId, const QString &channel, qsizetype itemIndex);
    QWidget *createSidebar();
    void onEngineChanged(const std::shared_ptr<Engine::EngineApi> &engine);
    void onServiceState(const ServiceState &state);
    void refreshIndex();
    // The live row: the engine's open frame, with the counts given where they are of it.
    void updateLiveRow(qint64 frameId, int channels, qint64 items, qint64 bytes);
    void onImported(const LoadedFrame &frame);
    void onImportFailed(const QString &fileName, const QString &message);
    void inspectLiveSelection();
    void inspectImportedSelection();
    void showFrame(const LoadedFrame &frame);
    void updateTitle();
    void restoreLayout();
    void saveLayout() const;
    void updateTray();
    void applyWindowSettings(); // tray and time zone
    QList<FrameListModel::Row> selectedFrames(bool imported) const;
    QList<FrameExporter::Source> exportSources(QList<FrameListModel::Row> frames,
                                               bool imported) const;

    ServiceHost *m_host = nullptr;
    std::shared_ptr<Engine::EngineApi> m_engine;
    FrameListModel *m_liveFrames = nullptr;
    FrameListModel *m_importedFrames = nullptr;
    FrameListView *m_liveView = nullptr;
    FrameListView *m_importedView = nullptr;
    QTabWidget *m_listTabs = nullptr;
    QTabWidget *m_centre = nullptr;
    QSplitter *m_split = nullptr;
    ServerPanel *m_serverPanel = nullptr;
    ChartPanel *m_liveCharts = nullptr;
    struct PendingItem
    {
        qint64 frameId = 0;
        QString channel;
        qsizetype index = -1;
    };
    std::optional<PendingItem> m_pendingItem; // to select once its frame is shown
    bool m_layoutChosen = false; // --chart-layout or the menu: the last layout is not restored
    FrameInspector *m_inspector = nullptr;
    FrameImporter *m_importer = nullptr;
    FrameFetcher *m_fetcher = nullptr;
    DemoFeed *m_demo = nullptr;
    ServiceStatusBar *m_statusBar = nullptr;
    QAction *m_demoAction = nullptr;
    QHash<QString, LoadedFrame> m_imported; // by file name
    QString m_shownName; // of the frame in the inspector
    QMetaObject::Connection m_frameFinished;
    bool m_demoWanted = false; // the demo resumes on the restarted engine
    ExportController *m_export = nullptr;
    TrayIcon *m_tray = nullptr; // while the tray setting is on and the desktop has a tray
    AppSettings m_settings;
    AppSettings m_running;
    CommandLineOverrides m_overrides;
    bool m_trayAvailable = false;
    bool m_quitting = false;
    bool m_trayNoticeShown = false;
};
