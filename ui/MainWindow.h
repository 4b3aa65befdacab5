#pragma once

#include <QMainWindow>
#include <QTimer>

#include "ExportDialog.h"
#include "RunHistory.h"
#include "modescope/TrainConfig.h"

class QAction;
class QLabel;
class QSlider;

namespace modescope::ui
{

class ControlPanel;
class DensityPlot;
class Exporter;
class LossPlot;
class MetricsPlot;
class OwnershipMap;
class TrainingController;

// The window: the density plot with its history slider, the settings panel, the diagnostics
// (losses, metrics, ownership), and the run, session and export actions.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows `config` in the panel and starts a fresh run of it.
    void startConfig(const TrainConfig& config);
    bool loadPreset(const QString& name); // false (and a message) when it cannot be read
    // Opens a session (run) folder: settings, networks, optimisers, step and metrics, exactly.
    // Returns false, with a message, when the folder cannot be read; the current run goes on.
    bool openSession(const QString& dir);
    // Writes the run folder to `dir`; `exportFinished` follows. A folder holding a run is
    // refused unless `replaceRun`.
    void saveSession(const QString& dir, bool replaceRun = false);
    void exportTo(const ExportRequest& request);
    // The last settings and window layout (QSettings); false when there are none.
    bool restoreSettings();

    DensityPlot* densityPlot() const { return m_plot; }
    ControlPanel* panel() const { return m_panel; }
    TrainingController* controller() const { return m_controller; }
    const RunHistory& history() const { return m_history; }
    OwnershipMap* ownershipMap() const { return m_ownership; }
    QSlider* historySlider() const { return m_slider; }
    // Messages are shown in dialogs unless quiet (tests, batch measurements).
    void setQuiet(bool quiet) { m_quiet = quiet; }
    // An exception nobody expected (GuardedApplication): shown once; the run goes on.
    void reportFailure(const QString& message);

signals:
    void exportFinished(
        const QString& folder, const QStringList& written, const QStringList& errors);
    void sessionOpened(const QString& dir);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void resetTraining();
    void onSnapshot(const Snapshot& snapshot);
    void redraw(); // from the coalescing timer: draws the latest snapshot only
    void redrawSidePlots();
    void showHistory(int index);
    void updateStatus(const Snapshot& s);
    void showRunning(bool running);
    void warn(const QString& title, const QString& message);
    void chooseExport();
    bool confirmReplaceRun(const QString& dir); // true when `dir` holds no run or the user agrees
    void chooseSaveSession();
    void chooseOpenSession();
    void saveSettings() const;

    TrainingController* m_controller;
    DensityPlot* m_plot;
    ControlPanel* m_panel;
    LossPlot* m_losses;
    MetricsPlot* m_metrics;
    OwnershipMap* m_ownership;
    Exporter* m_exporter;
    QSlider* m_slider;
    QLabel* m_sliderLabel;
    QLabel* m_status;
    QAction* m_startPause;
    QTimer m_redraw;
    QTimer m_sideRedraw;
    RunHistory m_history; // GUI thread
    TrainConfig m_running; // the config of the run being shown
    ExportRequest m_lastExport;
    QString m_device;
    QString m_pendingOpen; // the session folder whose checkpoint the worker is loading
    TrainConfig m_pendingConfig;
    std::vector<MetricsRow> m_pendingRows;
    bool m_dirty = false;
    bool m_sideDirty = false;
    bool m_quiet = false;
};

} // namespace modescope::ui
