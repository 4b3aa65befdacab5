#include "ControlPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "modescope/ConfigJson.h"

namespace modescope::ui
{

namespace
{
QDoubleSpinBox* rateBox(QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setDecimals(5);
    box->setRange(1e-5, 1e-1);
    box->setSingleStep(1e-4);
    return box;
}
} // namespace

ControlPanel::ControlPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);

    auto* setup = new QGroupBox(tr("Run (applies at Reset)"), this);
    auto* form = new QFormLayout(setup);
    m_preset = new QComboBox(setup);
    for (const auto& name : presetNames(defaultPresetDirs()))
        m_preset->addItem(QString::fromStdString(name));
    m_preset->setToolTip(tr("Target distribution and default settings (resources/presets)"));
    form->addRow(tr("Preset"), m_preset);
    m_method = new QComboBox(setup);
    for (Method m : { Method::Gan, Method::Independent, Method::MadGan, Method::MadGanSim })
        m_method->addItem(QString::fromStdString(toString(m)), int(m));
    m_method->setToolTip(tr("gan: one generator; independent: k generators, one ordinary D;\n"
                            "madgan: D with k+1 heads; madgan-sim: plus the similarity hinge"));
    form->addRow(tr("Method"), m_method);
    m_generators = new QSpinBox(setup);
    m_generators->setRange(1, 64);
    m_generators->setToolTip(tr("Number of generators k"));
    form->addRow(tr("Generators k"), m_generators);
    m_seed = new QSpinBox(setup);
    m_seed->setRange(0, 1 << 30);
    form->addRow(tr("Seed"), m_seed);
    m_resetHint = new QLabel(tr("Press R (Reset) to apply."), setup);
    m_resetHint->setStyleSheet("color: #b35900");
    m_resetHint->setVisible(false);
    form->addRow(m_resetHint);
    layout->addWidget(setup);

    auto* live = new QGroupBox(tr("Live (applies at the next step)"), this);
    auto* liveForm = new QFormLayout(live);
    m_generatorLr = rateBox(live);
    m_discriminatorLr = rateBox(live);
    liveForm->addRow(tr("G learning rate"), m_generatorLr);
    liveForm->addRow(tr("D learning rate"), m_discriminatorLr);
    m_sim = new QCheckBox(tr("Sim regulariser"), live);
    m_sim->setToolTip(tr("MAD-GAN-Sim's hinge: similar samples of different generators must be "
                         "told apart by D (madgan-sim only)"));
    liveForm->addRow(m_sim);
    m_lambda = new QDoubleSpinBox(live);
    m_lambda->setRange(0, 100);
    m_lambda->setSingleStep(0.1);
    m_lambda->setToolTip(tr("lambda: weight of the hinge in each generator's loss"));
    liveForm->addRow(tr("lambda"), m_lambda);
    m_nu = new QDoubleSpinBox(live);
    m_nu->setRange(-10, 10);
    m_nu->setSingleStep(0.05);
    m_nu->setToolTip(tr("nu: margin per unit of cosine similarity"));
    liveForm->addRow(tr("nu"), m_nu);
    layout->addWidget(live);

    m_device = new QLabel(this);
    layout->addWidget(m_device);
    layout->addStretch(1);

    connect(m_preset, &QComboBox::currentTextChanged, this, &ControlPanel::presetChosen);
    for (auto* box : { m_generators, m_seed })
        connect(box, &QSpinBox::valueChanged, this, [this] {
            m_resetHint->setVisible(true);
            emit resetNeeded(true);
        });
    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        m_resetHint->setVisible(true);
        emit resetNeeded(true);
    });
    auto emitLive = [this] { emit liveSettingsChanged(liveSettings()); };
    for (auto* box : { m_generatorLr, m_discriminatorLr, m_lambda, m_nu })
        connect(box, &QDoubleSpinBox::valueChanged, this, emitLive);
    connect(m_sim, &QCheckBox::toggled, this, emitLive);
}

void ControlPanel::setConfig(const TrainConfig& config)
{
    m_base = config;
    const QSignalBlocker b1(m_preset), b2(m_method), b3(m_generators), b4(m_seed),
        b5(m_generatorLr), b6(m_discriminatorLr), b7(m_sim), b8(m_lambda), b9(m_nu);
    m_preset->setCurrentText(QString::fromStdString(config.presetName));
    m_method->setCurrentIndex(m_method->findData(int(config.method)));
    m_generators->setValue(config.generators);
    m_seed->setValue(static_cast<int>(config.seed));
    m_generatorLr->setValue(config.live.generatorLr);
    m_discriminatorLr->setValue(config.live.discriminatorLr);
    m_sim->setChecked(config.live.simEnabled);
    m_lambda->setValue(config.live.simLambda);
    m_nu->setValue(config.live.simNu);
    m_resetHint->setVisible(false);
}

TrainConfig ControlPanel::config() const
{
    TrainConfig c = m_base;
    c.method = static_cast<Method>(m_method->currentData().toInt());
    c.generators = m_generators->value();
    c.seed = static_cast<unsigned long long>(m_seed->value());
    c.live = liveSettings();
    return c;
}

LiveSettings ControlPanel::liveSettings() const
{
    LiveSettings s;
    s.generatorLr = m_generatorLr->value();
    s.discriminatorLr = m_discriminatorLr->value();
    s.simEnabled = m_sim->isChecked();
    s.simLambda = m_lambda->value();
    s.simNu = m_nu->value();
    return s;
}

void ControlPanel::setDevice(const QString& device)
{
    m_device->setText(tr("Device: %1").arg(device));
}

} // namespace modescope::ui
