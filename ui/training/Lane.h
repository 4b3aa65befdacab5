#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>
#include <string>

#include "training/LaneSpec.h"
#include "training/RunHistory.h"
#include "training/SnapshotFlow.h"
#include "modescope/config/TrainConfig.h"

class QCheckBox;
class QLabel;

namespace modescope::ui
{

class DensityPlot;
class ElidedLabel;
class Exporter;
class OwnershipMap;
class TrainingController;

// One run of the window: its training (a controller and worker thread of its own), what the
// window keeps of it (its history), and its view: a title naming the method, k and its live
// modes covered and HQ, a Sim switch for the MAD-GAN family, and its density plot. The window's
// own lane (lane 0, made with no spec) trains the settings panel's run whole, with the panel's
// Sim switch, and shows its title only beside other lanes; every other lane trains the panel's
// settings with its own method and k (its LaneSpec) and has a Sim switch of its own.
class Lane : public QWidget
{
    Q_OBJECT
public:
    // `spec` null: the window's own lane.
    explicit Lane(std::optional<LaneSpec> spec, QWidget* parent = nullptr);
    ~Lane() override;

    bool isOwn() const { return !m_spec; } // the window's own lane
    // Its method and k: the running run's for the window's own lane.
    LaneSpec spec() const;
    TrainingController* controller() const { return m_controller; }
    Exporter* exporter() const { return m_exporter; } // its run folder (and figures)
    // Its generators x modes map, shown in the window's diagnostics when chosen there; drawn
    // on refreshOwnership (the window's side redraws, and before an export).
    OwnershipMap* ownershipMap() const;
    void refreshOwnership();
    DensityPlot* plot() const { return m_plot; }
    const RunHistory& history() const { return m_history; }
    const TrainConfig& running() const { return m_running; }
    QString title() const; // as shown above the plot
    bool simOn() const; // the Sim hinge as it trains now (MAD-GAN family; else false)
    // The title line above the plot; the window's own lane shows it beside other lanes only.
    void setHeaderShown(bool shown);

    // A new run of `settings` (with this lane's method and k unless it is the window's own).
    void reset(const TrainConfig& settings);
    // Opens a lane of a saved comparison: its run (config, checkpoint) and its metrics rows;
    // its Sim switch as saved. `opened` follows, or a failure through `failed`.
    void openSession(
        const TrainConfig& config, const QString& checkpoint, std::vector<MetricsRow> rows);
    // The snapshot shown: the live one (empty before the first), or the history step the
    // slider asks for.
    const Snapshot& shown() const;
    // The window's live settings; a lane but the window's own keeps its own Sim switch, and
    // its own rates until the window's change.
    void setLiveSettings(LiveSettings settings);
    // The window's fields show `settings` now (a comparison opened: the first lane's); the
    // lane's own rates stay until one of them changes.
    void windowShows(const LiveSettings& settings) { m_liveSettings = settings; }
    // Shows the kept snapshot at `iteration` (the history slider), or the live one for -1.
    void showStep(long long iteration);
    // Draws the shown snapshot now, not at the redraw timer's next tick (before an export).
    void drawNow() { redraw(); }
    // Lanes in lock-step get their snapshots together: each lane's redraw waits `ms` longer
    // than the window's own, so their plots are drawn in separate passes of the event loop
    // (three replots back to back held the GUI thread ~50 ms). SnapshotFlow.h has the rates.
    void setRedrawOffset(int ms);
    int redrawDelay() const { return m_redraw.interval(); }

signals:
    void drawn(); // the plot and title show shown() now
    void opened(const QString& checkpoint); // openSession's run is the lane's now
    void failed(const QString& message); // the lane's training or opening failed

private:
    void redraw();
    void updateTitle(const Snapshot& shown);
    SnapshotPtr shownShared() const; // null when there is nothing to show

    std::optional<LaneSpec> m_spec; // null: the window's own lane
    TrainingController* m_controller;
    DensityPlot* m_plot;
    ElidedLabel* m_title;
    QLabel* m_route; // which route out of collapse the lane's method takes
    QCheckBox* m_sim; // the window's own lane has none: the panel's is its switch
    // Placed (and shown) by the window, deleted with the lane; guarded, since the window's
    // diagnostics may delete it first when the whole window closes.
    QPointer<OwnershipMap> m_ownership;
    Exporter* m_exporter;
    RunHistory m_history; // GUI thread
    SnapshotPtr m_live; // the latest snapshot, as the worker made it
    // This lane's work as the stall log names it (SlowWork.h, the window's --measure).
    std::string m_redrawWork;
    std::string m_historyWork;
    QString m_pendingOpen; // the checkpoint being opened
    TrainConfig m_pendingConfig;
    std::vector<MetricsRow> m_pendingRows;
    TrainConfig m_running;
    LiveSettings m_liveSettings; // the window's, before this lane's Sim switch
    // The rates this lane trains with: its method's when the preset gives methods their own,
    // until the window's rate fields change.
    AdamRates m_rates;
    QTimer m_redraw; // coalesces snapshots into redraws (SnapshotFlow.h)
    long long m_showing = -1; // the history step shown; -1: live
};

// Whether a run of `next` draws another part of space than one of `shown` (another view box
// or dimension): the plot then fits its view to the new run; the same target keeps the user's.
bool showsAnotherView(const TrainConfig& shown, const TrainConfig& next);

// The line above a lane's plot: "madgan-sim, k = 4 · modes covered 3/5 · HQ 88.1% · step 1200";
// a figure whose caption gives the step leaves it out.
// A figure, which has no Sim box beside it, says "Sim on" or "Sim off" after k (withSim; the
// MAD-GAN family only).
QString laneTitle(const TrainConfig& config, const Snapshot& shown, bool withStep = true,
    const CureTime& cure = {}, bool withSim = false);

// The grey words at the right of a lane's header ("route 1: better optimisation"), with the
// tooltip that says what the two routes are; setText(routeOf(method)) fills it.
QLabel* newRouteLabel(QWidget* parent);

} // namespace modescope::ui
