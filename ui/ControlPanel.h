#pragma once

#include <QWidget>

#include "modescope/TrainConfig.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace modescope::ui
{

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
    void setDevice(const QString& device);

signals:
    void presetChosen(const QString& name);
    void liveSettingsChanged(const modescope::LiveSettings& settings);
    void resetNeeded(bool needed); // a setting that only takes effect at Reset was changed

private:
    TrainConfig m_base;
    QComboBox* m_preset;
    QComboBox* m_method;
    QSpinBox* m_generators;
    QSpinBox* m_seed;
    QDoubleSpinBox* m_generatorLr;
    QDoubleSpinBox* m_discriminatorLr;
    QCheckBox* m_sim;
    QDoubleSpinBox* m_lambda;
    QDoubleSpinBox* m_nu;
    QLabel* m_device;
    QLabel* m_resetHint;
};

} // namespace modescope::ui
