#pragma once

#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <optional>

#include "export/ComparisonExporter.h"
#include "export/ExportDialog.h"
#include "training/LaneSpec.h"
#include "training/RunHistory.h"
#include "training/SnapshotFlow.h"
#include "window/KeptStep.h"
#include "modescope/config/TrainConfig.h"

class QAction;
class QComboBox;
class QStackedWidget;
class QDockWidget;
class QSplitter;
class QLabel;
class QSlider;

namespace modescope::ui
{

class ComparisonExporter;
class ControlPanel;
class Lane;
class LaneSet;
class DensityPlot;
class ElidedLabel;
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

    // Lanes side by side (issue: compare methods): the first spec is the window's own lane
    // (lane 0, the panel's run), the rest train beside it on the same target, seed and settings
    // with their own method and k. Takes effect at the next reset (R, or startConfig with the
    // first spec's applyTo of the settings). One spec, or none: the window's own lane alone.
    void setCompare(const std::vector<LaneSpec>& lanes);
    // Run > Two routes: gan | unrolled | madgan-sim on the panel's target and seed, started
    // (after asking before a trained run is discarded).
    void compareRoutes();
    int laneCount() const { return static_cast<int>(m_lanes.size()); } // 1 or more
    std::vector<LaneSpec> otherLanes() const; // lanes 1 and on, as made; empty: one lane
    // Lock-step (the default: every lane at the same step) or free running (Run menu, L).
    void setLockStep(bool lockStep);
    // Lane i: 0 is the window's own (the panel's run), then the lanes beside it.
    Lane* lane(int i) const { return m_lanes.at(static_cast<size_t>(i)); }
    LaneSet* laneSet() const { return m_laneSet; }
    // A line above the plots telling a newcomer what to watch, until they hide it.
    void showHint(const QString& text);
    QString hint() const; // empty when hidden
    const TrainConfig& runningConfig() const; // the window's own lane's

    // Shows `config` in the panel and starts a fresh run of it.
    void startConfig(const TrainConfig& config);
    bool loadPreset(const QString& name); // false (and a message) when it cannot be read
    // Opens a session (run) folder: settings, networks, optimisers, step and metrics, exactly;
    // a comparison folder (compare.json) opens every lane so. Returns false, with a message,
    // when a folder cannot be read; the current runs go on.
    bool openSession(const QString& dir);
    // Writes the run folder to `dir` (a comparison folder when there are lanes, every lane's
    // run at the same step: saved where the lanes meet); `exportFinished` follows. A folder
    // holding a run (or comparison) is refused unless `replaceRun`.
    void saveSession(const QString& dir, bool replaceRun = false);
    void exportTo(const ExportRequest& request);
    // The window layout, view options and export choices of the last start (QSettings).
    void restoreLayout();
    // The last run settings, started afresh; false when there are none (or unreadable).
    bool restoreRun();
    // The last run settings without starting them; nullopt (and a message when unreadable)
    // when there are none.
    std::optional<TrainConfig> savedRun();
    // The lanes beside the last run (2 and on), and whether they ran in lock-step; none when
    // there were none or they cannot be read.
    std::vector<LaneSpec> savedOtherLanes() const;
    // savedRun's config with its lanes, made and started: what restoreRun does.
    void startSavedRun(const TrainConfig& config);
    // Both: everything of the last start. False when there was no run to restore.
    bool restoreSettings();
    // Asks before an action throws away a run that has trained since it was started, opened
    // or saved; `ask` replaces the dialog (tests). A quiet window does not ask.
    void setAskToDiscard(std::function<bool(const QString& question)> ask);
    // What the next figure's caption says: preset, method, k, seed and step.
    QString figureCaption() const;

    // The window's own lane's parts (lane(0)'s).
    DensityPlot* densityPlot() const;
    TrainingController* controller() const;
    const RunHistory& history() const;
    OwnershipMap* ownershipMap() const;
    ControlPanel* panel() const { return m_panel; }
    // Which lane's ownership map the diagnostics show (0: the window's own).
    void showOwnershipOf(int lane);
    int ownershipLane() const;
    QSlider* historySlider() const { return m_slider; }
    QString historyText() const; // the label beside the slider
    const ExportRequest& exportChoices() const { return m_lastExport; }
    void setExportChoices(const ExportRequest& choices) { m_lastExport = choices; }
    // Messages are shown in dialogs unless quiet (tests, batch measurements).
    void setQuiet(bool quiet) { m_quiet = quiet; }
    // An exception nobody expected (GuardedApplication): shown once; the run goes on.
    void reportFailure(const QString& message);

signals:
    void exportFinished(
        const QString& folder, const QStringList& written, const QStringList& errors);
    void sessionOpened(const QString& dir);
    // The runs that now train side by side (1 + the lanes), and whether they train on images
    // (products hundreds of numbers wide, which gain from every core): `main` shares the BLAS
    // threads.
    void runsChanged(int runs, bool images);

protected:
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override; // a click hides the hint

private:
    static constexpr int kMessageMs = 8000; // how long a status-bar message stays
    void buildActions();
    void resetTraining();
    // True when nothing trained would be lost, or the user agrees to lose it.
    bool confirmDiscard(const QString& action);
    bool hasUnsavedTraining() const;
    Lane* own() const { return m_lanes.front(); } // the window's own lane
    void onSnapshot(const SnapshotPtr& snapshot); // the window's own lane's
    void onOwnLaneDrawn(); // the slider, its label and the status line follow lane 0
    void showJudgeProgress(int percent); // an image run's judge being trained, in the status bar
    void redrawSidePlots(); // losses, metrics and the ownership map shown
    void showHistory(int index);
    // Comparisons (MainWindowLanes.cpp).
    std::vector<ComparisonLaneSource> comparisonSources() const;
    ComparisonView comparisonView() const;
    void exportComparison(const ExportRequest& request);
    void onComparisonExported(
        const QString& folder, const QStringList& written, const QStringList& errors);
    bool openComparison(const QString& path);
    void updateStatus(const Snapshot& s);
    QString historyLabel(int snapshots) const; // what the slider's right end holds
    const Snapshot& shownSnapshot() const; // the live one, or the history slider's
    void showRunning(bool running);
    void warn(const QString& title, const QString& message);
    void chooseExport();
    bool confirmReplaceRun(const QString& dir); // true when `dir` holds no run or the user agrees
    void chooseSaveSession();
    void chooseOpenSession();
    void saveSettings() const;
    void layOutDocks(); // gives the plot its room at the window's size
    std::vector<DensityPlot*> lanePlots() const; // the window's own first
    static void linkXAxes(DensityPlot* a, DensityPlot* b);
    ControlPanel* m_panel;
    LossPlot* m_losses;
    MetricsPlot* m_metrics;
    QStackedWidget* m_ownershipStack; // each lane's map, the window's own first
    QComboBox* m_ownershipLane; // which lane's map is shown; hidden with one lane
    ComparisonExporter* m_comparisonExporter;
    QSlider* m_slider;
    QLabel* m_sliderLabel;
    QLabel* m_status;
    QLabel* m_hint; // the first start's line of what to watch
    QString m_hintText; // its words, without the close mark
    LaneSet* m_laneSet;
    std::vector<Lane*> m_lanes; // every lane, the window's own first; owned by the splitter
    QSplitter* m_laneSplitter;
    QDockWidget* m_settingsDock;
    QDockWidget* m_diagnosticsDock;
    QAction* m_startPause;
    QAction* m_lockStepAction;
    QTimer m_sideRedraw;
    ExportRequest m_lastExport;
    QString m_device;
    std::function<bool(const QString&)> m_askToDiscard; // empty: a dialog
    KeptStep m_kept; // the step last started, opened or saved: nothing to lose
    QString m_openingComparison; // the comparison folder whose first lane the window opens
    bool m_layoutRestored = false; // the last start's dock layout is in place
    bool m_sideDirty = false;
    bool m_quiet = false;
};

} // namespace modescope::ui
