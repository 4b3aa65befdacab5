#pragma once

#include <QWidget>

#include "modescope/TrainConfig.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QSpinBox;

namespace modescope::ui
{

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
    LiveSettings liveSettings() const;
    MixtureEditor* mixtureEditor() const { return m_mixture; }
    void setDevice(const QString& device);
    void clearResetHint();
    // "Press R" after a reset-only change, or why the changed settings cannot be applied.
    QString resetHint() const;

signals:
    void presetChosen(const QString& name);
    void liveSettingsChanged(const modescope::LiveSettings& settings);
    void resetNeeded(); // a setting that only takes effect at Reset was changed

private:
    void needReset();
    void updateSimGroup(); // enabled for the MAD-GAN family, else says why not

    TrainConfig m_base;
    QComboBox* m_preset;
    MixtureEditor* m_mixture;
    QComboBox* m_method;
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
};

} // namespace modescope::ui
