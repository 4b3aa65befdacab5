#pragma once

#include <QWidget>

#include "modescope/config/TrainConfig.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QSpinBox;

namespace modescope::ui
{

class LaneEditor;
class MixtureEditor;

// The side panel: what to train (applied at Reset) and the live settings (applied at once).
class ControlPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ControlPanel(QWidget* parent = nullptr);

    void setConfig(const TrainConfig& config);
    // The preset's config with the panel's choices on top.
    TrainConfig config() const;
    LiveSettings liveSettings() const; // as the fields show them: what Reset applies
    // What the panel's run trains at now, and what liveSettingsChanged sends: the fields, but
    // the rates last applied (a method chosen shows its own rates, which wait for Reset).
    LiveSettings appliedLiveSettings() const;
    void markApplied(); // Reset: the fields' rates are the run's now
    MixtureEditor* mixtureEditor() const { return m_mixture; }
    LaneEditor* laneEditor() const { return m_lanes; } // lanes beside this run (at Reset)
    void setDevice(const QString& device);
    void clearResetHint();
    // "Press R" after a reset-only change, or why the changed settings cannot be applied.
    QString resetHint() const;
    // Why the last value typed into a live field was refused; empty once a good one is set.
    QString liveMessage() const;
    // Shows the run's preset in the preset box without loading it ("custom" for anything not a
    // preset), with its description under the box: the window shows the running run's when a
    // run starts and when a change is cancelled.
    void showPresetOf(const TrainConfig& run);
    QString presetDescription() const; // as shown under the preset box

signals:
    void presetChosen(const QString& name);
    void liveSettingsChanged(const modescope::LiveSettings& settings);
    void resetNeeded(); // a setting that only takes effect at Reset was changed

private:
    void needReset();
    void updateSimGroup(); // enabled for the MAD-GAN family, else says why not
    // The route line, k (off for one-generator methods) and the method's own setting row.
    void updateMethodSetting();
    void showPreset(const QString& name);
    void describePreset(const QString& description);
    // The rate fields' tooltips: what a preset's per-method rates give each method, if it has any.
    void updateRateTips();

    TrainConfig m_base;
    AdamRates m_appliedRates; // the rates the panel's run trains at (appliedLiveSettings)
    QComboBox* m_preset;
    QLabel* m_presetDescription;
    QLabel* m_liveMessage;
    MixtureEditor* m_mixture;
    QLabel* m_imageTarget; // an image target: what it trains on, in the editor's place
    LaneEditor* m_lanes;
    QComboBox* m_method;
    QLabel* m_route;
    QLabel* m_methodSettingLabel;
    QSpinBox* m_methodSetting; // K, n_critic or m, as the method reads
    // The route settings as last set, each kept while another method is chosen.
    struct {
        UnrolledSettings unrolled;
        WganGpSettings wganGp;
        PacGanSettings pacGan;
    } m_routeSettings;
    QSpinBox* m_generators;
    QSpinBox* m_generatorWidth;
    QSpinBox* m_generatorDepth;
    QSpinBox* m_discriminatorWidth;
    QSpinBox* m_discriminatorDepth;
    QSpinBox* m_batch;
    QSpinBox* m_seed;
    QComboBox* m_device;
    QLabel* m_deviceInUse;
    QDoubleSpinBox* m_generatorLr;
    QDoubleSpinBox* m_discriminatorLr;
    QCheckBox* m_sim;
    QGroupBox* m_simGroup;
    QDoubleSpinBox* m_lambda;
    QDoubleSpinBox* m_nu;
    QComboBox* m_phi;
    QLabel* m_resetHint;
    bool m_resetPending = false; // a change waits for Reset (the hint says so, in colour)
};

} // namespace modescope::ui
