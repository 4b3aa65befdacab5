#include "panels/ControlPanel.h"
#include "panels/WheelGuard.h"

#include "modescope/config/ConfigError.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStringList>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <functional>
#include <tuple>

#include "panels/LaneEditor.h"
#include "panels/MethodChoice.h"
#include "panels/MixtureEditor.h"
#include "modescope/config/ConfigJson.h"

namespace modescope::ui
{

namespace
{
constexpr double kMinRate = 1e-6; // learning-rate fields' range: from hardly moving...
constexpr double kMaxRate = 10.0; // ...to far past divergence, which a user may want to see
constexpr int kPresetRole = Qt::UserRole; // true on the preset box's items that are presets

// A number box that says when it puts back its last value: QAbstractSpinBox calls fixup() on
// input it cannot accept (0, a lone "-") as editing ends, then silently restores the old value.
class CheckedSpinBox : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;
    std::function<void(const QString& input)> onRefused;

    void fixup(QString& input) const override
    {
        if (onRefused)
            onRefused(input);
        QDoubleSpinBox::fixup(input);
    }
};

CheckedSpinBox* rateBox(QWidget* parent, const QString& tip)
{
    auto* box = new CheckedSpinBox(parent);
    box->setDecimals(6);
    box->setRange(kMinRate, kMaxRate);
    box->setSingleStep(1e-4);
    box->setToolTip(tip + QObject::tr(" (%1 to %2)").arg(kMinRate).arg(kMaxRate));
    return box;
}

std::pair<double, double> span(std::pair<double, double> a, std::pair<double, double> b)
{
    return { std::min(a.first, b.first), std::max(a.second, b.second) };
}

QSpinBox* intBox(QWidget* parent, int lo, int hi, const QString& tip)
{
    auto* box = new QSpinBox(parent);
    box->setRange(lo, hi);
    box->setToolTip(tip);
    return box;
}

// The panel shows a network as the width of its first hidden layer and its depth. When those
// are as shown for `network` it is kept as it is (a preset may vary its widths); otherwise
// every hidden layer takes the panel's width.
NetworkConfig withShape(NetworkConfig network, int width, int depth)
{
    const int shownWidth = network.hidden.empty() ? 1 : network.hidden.front();
    if (width != shownWidth || depth != static_cast<int>(network.hidden.size()))
        network.hidden.assign(static_cast<size_t>(depth), width);
    return network;
}
} // namespace

ControlPanel::ControlPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);

    auto* target = new QGroupBox(tr("Target (applies at Reset)"), this);
    auto* targetLayout = new QFormLayout(target);
    m_preset = new QComboBox(target);
    for (const auto& name : presetNames(defaultPresetDirs())) {
        m_preset->addItem(QString::fromStdString(name), true);
        try { // the description shows on hover in the list, and under the box once chosen
            const TrainConfig preset = loadPreset(name, defaultPresetDirs());
            m_preset->setItemData(
                m_preset->count() - 1, QString::fromStdString(preset.description), Qt::ToolTipRole);
        } catch (const ConfigError&) { // listed but unreadable: choosing it says why
        }
    }
    m_preset->setToolTip(tr("The target distribution with its default settings. Choosing one "
                            "starts a new run (asking first when the current one has trained)."));
    targetLayout->addRow(tr("Preset"), m_preset);
    m_presetDescription = new QLabel(target);
    m_presetDescription->setWordWrap(true);
    m_presetDescription->setStyleSheet("color: #505050");
    targetLayout->addRow(m_presetDescription);
    m_mixture = new MixtureEditor(target);
    targetLayout->addRow(m_mixture);
    // An image target has no modes to edit: what it trains on, instead of the editor.
    m_imageTarget = new QLabel(target);
    m_imageTarget->setWordWrap(true);
    m_imageTarget->setVisible(false);
    targetLayout->addRow(m_imageTarget);
    layout->addWidget(target);

    auto* setup = new QGroupBox(tr("Run (applies at Reset)"), this);
    auto* form = new QFormLayout(setup);
    m_method = new QComboBox(setup);
    m_method->setObjectName("method");
    fillMethodBox(m_method);
    form->addRow(tr("Method"), m_method);
    m_route = new QLabel(setup);
    m_route->setObjectName("route");
    m_route->setStyleSheet("color: #505050");
    form->addRow(m_route);
    m_generators = intBox(
        setup, 1, 64, tr("Number of generators k (gan, unrolled, wgan-gp and pacgan use one)"));
    form->addRow(tr("Generators k"), m_generators);
    // The one setting of the method's own (K, n_critic or m), on a row shown for it alone.
    m_methodSetting = new QSpinBox(setup);
    m_methodSetting->setObjectName("methodSetting");
    m_methodSettingLabel = new QLabel(setup);
    form->addRow(m_methodSettingLabel, m_methodSetting);
    connect(m_methodSetting, &QSpinBox::valueChanged, this, [this](int value) {
        switch (static_cast<Method>(m_method->currentData().toInt())) {
        case Method::Unrolled:
            m_routeSettings.unrolled.steps = value;
            break;
        case Method::WganGp:
            m_routeSettings.wganGp.criticSteps = value;
            break;
        case Method::PacGan:
            m_routeSettings.pacGan.packing = value;
            break;
        default:
            return;
        }
        needReset();
    });
    m_generatorWidth = intBox(setup, 1, 4096, tr("Units in each hidden layer of a generator"));
    m_generatorDepth = intBox(setup, 1, 16, tr("Hidden layers of a generator"));
    m_discriminatorWidth = intBox(setup, 1, 4096, tr("Units in each hidden layer of D"));
    m_discriminatorDepth = intBox(setup, 1, 16, tr("Hidden layers of D"));
    for (auto [label, width, depth] :
        { std::tuple(tr("G width x depth"), m_generatorWidth, m_generatorDepth),
            std::tuple(tr("D width x depth"), m_discriminatorWidth, m_discriminatorDepth) }) {
        auto* row = new QHBoxLayout;
        row->addWidget(width, 3);
        row->addWidget(new QLabel("x", setup));
        row->addWidget(depth, 2);
        form->addRow(label, row);
    }
    m_batch = intBox(setup, 1, 65536, tr("Samples per generator, and real samples, per step"));
    form->addRow(tr("Batch"), m_batch);
    m_seed = intBox(setup, 0, 1 << 30, tr("Seed of every random draw: same seed, same run"));
    form->addRow(tr("Seed"), m_seed);
    m_device = new QComboBox(setup);
    for (DeviceChoice d : { DeviceChoice::Auto, DeviceChoice::Cpu, DeviceChoice::Cuda })
        m_device->addItem(QString::fromStdString(toString(d)), int(d));
    m_device->setToolTip(tr("auto: CUDA when LibTorch has it and a GPU is present, else CPU"));
    form->addRow(tr("Device"), m_device);
    m_deviceInUse = new QLabel(setup);
    form->addRow(tr("In use"), m_deviceInUse);
    // Always there, grey until a change waits for Reset: a line appearing would push the
    // Compare group down under the mouse (a lane's x missed its next click).
    m_resetHint = new QLabel(setup);
    m_resetHint->setWordWrap(true);
    form->addRow(m_resetHint);
    clearResetHint();
    layout->addWidget(setup);

    auto* compare = new QGroupBox(tr("Compare (applies at Reset)"), this);
    auto* compareLayout = new QVBoxLayout(compare);
    m_lanes = new LaneEditor(compare);
    compareLayout->addWidget(m_lanes);
    connect(m_lanes, &LaneEditor::changed, this, &ControlPanel::needReset);
    layout->addWidget(compare);

    auto* live = new QGroupBox(tr("Live (applies at the next step)"), this);
    auto* liveForm = new QFormLayout(live);
    m_generatorLr = rateBox(live, tr("Adam learning rate of the generators"));
    m_discriminatorLr = rateBox(live, tr("Adam learning rate of the discriminator"));
    liveForm->addRow(tr("G learning rate"), m_generatorLr);
    liveForm->addRow(tr("D learning rate"), m_discriminatorLr);
    m_liveMessage = new QLabel(live);
    m_liveMessage->setStyleSheet("color: #c00000");
    m_liveMessage->setWordWrap(true);
    m_liveMessage->setVisible(false);
    liveForm->addRow(m_liveMessage);
    for (auto [box, name] : { std::pair(m_generatorLr, tr("G learning rate")),
             std::pair(m_discriminatorLr, tr("D learning rate")) }) {
        static_cast<CheckedSpinBox*>(box)->onRefused
            = [this, box = box, name = name](const QString& input) {
                  m_liveMessage->setText(tr("%1: \"%2\" is not a rate from %3 to %4; kept %5.")
                                             .arg(name, input.trimmed())
                                             .arg(kMinRate)
                                             .arg(kMaxRate)
                                             .arg(box->value()));
                  m_liveMessage->setVisible(true);
                  box->setProperty("keptAfterRefusal", box->value());
              };
        // A new value clears the message; the old value put back after a refusal (which the
        // box may announce again) does not.
        connect(box, &QDoubleSpinBox::valueChanged, m_liveMessage, [this, box = box](double v) {
            if (v != box->property("keptAfterRefusal").toDouble())
                m_liveMessage->hide();
        });
    }
    layout->addWidget(live);

    auto* sim = new QGroupBox(tr("Sim regulariser (MAD-GAN)"), this);
    m_simGroup = sim;
    auto* simForm = new QFormLayout(sim);
    m_sim = new QCheckBox(tr("On"), sim);
    m_sim->setToolTip(tr("MAD-GAN-Sim's hinge: similar samples of different generators must be "
                         "told apart by D. Switch it while training runs, in a madgan or "
                         "madgan-sim run alike: madgan-sim is madgan that starts with it on."));
    simForm->addRow(m_sim);
    m_lambda = new QDoubleSpinBox(sim);
    m_lambda->setRange(0, 100);
    m_lambda->setSingleStep(0.1);
    m_lambda->setToolTip(tr("lambda: weight of the hinge in each generator's loss"));
    simForm->addRow(tr("lambda"), m_lambda);
    m_nu = new QDoubleSpinBox(sim);
    m_nu->setRange(-10, 10);
    m_nu->setSingleStep(0.05);
    m_nu->setToolTip(tr("nu: margin per unit of cosine similarity"));
    simForm->addRow(tr("nu"), m_nu);
    m_phi = new QComboBox(sim);
    for (PhiSource p : { PhiSource::Discriminator, PhiSource::DiscriminatorPreActivation,
             PhiSource::DiscriminatorCentred, PhiSource::Generator })
        m_phi->addItem(QString::fromStdString(toString(p)), int(p));
    m_phi->setToolTip(
        tr("Feature map phi whose cosine similarity the hinge uses (applies at Reset):\n"
           "discriminator: D's last hidden layer (the default)\n"
           "discriminator-preactivation: the same layer before its activation\n"
           "discriminator-centred: D's features minus their mean over the step's generated "
           "samples, so cosines can be negative\n"
           "generator: generator i's own last hidden layer, as the seed article suggests; "
           "different generators' hidden units share no coordinates, so this cosine compares "
           "unrelated features"));
    simForm->addRow(tr("phi (at Reset)"), m_phi);
    layout->addWidget(sim);
    layout->addStretch(1);

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_preset->itemData(index, kPresetRole).toBool()) // "custom" has nothing to load
            emit presetChosen(m_preset->itemText(index));
    });
    for (auto* box : { m_generators, m_generatorWidth, m_generatorDepth, m_discriminatorWidth,
             m_discriminatorDepth, m_batch, m_seed })
        connect(box, &QSpinBox::valueChanged, this, &ControlPanel::needReset);
    for (auto* box : { m_method, m_device, m_phi })
        connect(box, &QComboBox::currentIndexChanged, this, &ControlPanel::needReset);
    connect(m_mixture, &MixtureEditor::changed, this, &ControlPanel::needReset);
    auto emitLive = [this] { emit liveSettingsChanged(appliedLiveSettings()); };
    for (auto* box : { m_lambda, m_nu })
        connect(box, &QDoubleSpinBox::valueChanged, this, emitLive);
    // A rate typed in applies now, to every lane and method, as --lr does: the preset's
    // per-method rates give way to it (that rate only), at Reset too.
    connect(m_generatorLr, &QDoubleSpinBox::valueChanged, this, [this, emitLive](double rate) {
        m_appliedRates.generator = rate;
        m_base.setRatesForEveryMethod(rate, std::nullopt);
        updateRateTips();
        emitLive();
    });
    connect(m_discriminatorLr, &QDoubleSpinBox::valueChanged, this, [this, emitLive](double rate) {
        m_appliedRates.discriminator = rate;
        m_base.setRatesForEveryMethod(std::nullopt, rate);
        updateRateTips();
        emitLive();
    });
    connect(m_sim, &QCheckBox::toggled, this, emitLive);
    // A method chosen here starts as it does in a preset: madgan-sim with Sim on, madgan off.
    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        const auto method = static_cast<Method>(m_method->currentData().toInt());
        if (hasPerGeneratorHeads(method))
            m_sim->setChecked(method == Method::MadGanSim);
        if (!m_base.methodRates.empty()) { // the preset gives this method its own rates
            const AdamRates rates = m_base.ratesFor(method);
            const QSignalBlocker g(m_generatorLr), d(m_discriminatorLr); // they apply at Reset
            m_generatorLr->setValue(rates.generator);
            m_discriminatorLr->setValue(rates.discriminator);
        }
        updateSimGroup();
        updateMethodSetting();
    });
    guardWheelsIn(this); // the lanes' rows, made later, guard their own
}

void ControlPanel::updateMethodSetting()
{
    const auto method = static_cast<Method>(m_method->currentData().toInt());
    m_method->setToolTip(methodTip(method));
    m_route->setText(routeText(method));
    m_generators->setEnabled(!hasSingleGenerator(method));
    const QSignalBlocker block(m_methodSetting);
    auto show = [this](const QString& label, int lo, int hi, int value, const QString& tip) {
        m_methodSettingLabel->setText(label);
        m_methodSetting->setRange(lo, hi);
        m_methodSetting->setValue(value);
        m_methodSetting->setToolTip(tip);
        m_methodSettingLabel->setToolTip(tip);
    };
    switch (method) {
    case Method::Unrolled:
        show(tr("Unrolled steps K"), 1, 100, m_routeSettings.unrolled.steps,
            tr("unrolled.steps: D steps the generator looks ahead; each costs about one more D "
               "step, through which the gradient also flows (second order)"));
        break;
    case Method::WganGp:
        show(tr("Critic steps"), 1, 100, m_routeSettings.wganGp.criticSteps,
            tr("wgan_gp.critic_steps (n_critic): critic steps per generator step, each on a fresh "
               "batch; the paper's 5"));
        break;
    case Method::PacGan:
        show(tr("Packing m"), 1, 4, m_routeSettings.pacGan.packing,
            tr("pacgan.packing: samples D judges together in one input; 1 is the plain GAN"));
        break;
    default:
        break;
    }
    const bool shown
        = method == Method::Unrolled || method == Method::WganGp || method == Method::PacGan;
    m_methodSetting->setVisible(shown);
    m_methodSettingLabel->setVisible(shown);
}

void ControlPanel::updateSimGroup()
{
    // The hinge compares D's per-generator heads: only the MAD-GAN family has them.
    const bool applies = hasPerGeneratorHeads(static_cast<Method>(m_method->currentData().toInt()));
    m_simGroup->setEnabled(applies);
    m_simGroup->setToolTip(applies
            ? QString()
            : tr("Sim needs D's k+1 heads (one per generator): choose madgan or madgan-sim. "
                 "The other methods train against one discriminator without them."));
}

void ControlPanel::needReset()
{
    // The same check as Reset and the headless trainer: a setting the run cannot have (too
    // much memory for this machine, say) is named here, before the user presses R.
    QString refusal;
    try {
        validate(config());
    } catch (const ConfigError& e) {
        refusal = QString::fromStdString(e.what());
    }
    m_resetHint->setText(
        refusal.isEmpty() ? tr("Press R (Reset) to apply.") : tr("Cannot apply: %1").arg(refusal));
    m_resetHint->setStyleSheet(refusal.isEmpty() ? "color: #b35900" : "color: #c00000");
    m_resetPending = true;
    emit resetNeeded();
}

void ControlPanel::setConfig(const TrainConfig& config)
{
    m_base = config;
    const QSignalBlocker b1(m_preset), b2(m_method), b3(m_generators), b4(m_seed),
        b5(m_generatorLr), b6(m_discriminatorLr), b7(m_sim), b8(m_lambda), b9(m_nu),
        b10(m_generatorWidth), b11(m_generatorDepth), b12(m_discriminatorWidth),
        b13(m_discriminatorDepth), b14(m_batch), b15(m_device), b16(m_phi);
    showPreset(QString::fromStdString(config.presetName));
    describePreset(QString::fromStdString(config.description));
    m_mixture->setMixture(config.mixture);
    m_mixture->setVisible(!config.images);
    m_imageTarget->setVisible(config.images.has_value());
    if (config.images) {
        const ImageTarget& images = *config.images;
        m_imageTarget->setText(
            (images.stacked ? tr("Stacked images: %1 (3 x %2 x %3 pixels, %4 classes cubed%5)")
                            : tr("Images: %1 (%2 x %3 pixels, %4 classes%5)"))
                .arg(QFileInfo(QString::fromStdString(images.images)).fileName())
                .arg(images.rows)
                .arg(images.cols)
                .arg(images.classes)
                .arg(images.limit > 0 ? tr(", the first %1").arg(images.limit) : QString()));
        m_imageTarget->setToolTip(
            tr("The preset's image files: %1 and %2. Edit a copy of the "
               "preset to train on your own IDX files (docs/IMAGES.md).")
                .arg(QString::fromStdString(images.images), QString::fromStdString(images.labels)));
    }
    m_method->setCurrentIndex(m_method->findData(int(config.method)));
    m_generators->setValue(config.generators);
    m_generatorWidth->setValue(config.generator.hidden.empty() ? 1 : config.generator.hidden[0]);
    m_generatorDepth->setValue(static_cast<int>(config.generator.hidden.size()));
    m_discriminatorWidth->setValue(
        config.discriminator.hidden.empty() ? 1 : config.discriminator.hidden[0]);
    m_discriminatorDepth->setValue(static_cast<int>(config.discriminator.hidden.size()));
    m_batch->setValue(config.batch);
    m_seed->setValue(static_cast<int>(config.seed));
    m_device->setCurrentIndex(m_device->findData(int(config.device)));
    m_generatorLr->setValue(config.live.generatorLr);
    m_discriminatorLr->setValue(config.live.discriminatorLr);
    m_appliedRates = { config.live.generatorLr, config.live.discriminatorLr };
    m_sim->setChecked(config.live.simEnabled);
    m_lambda->setValue(config.live.simLambda);
    m_nu->setValue(config.live.simNu);
    m_phi->setCurrentIndex(m_phi->findData(int(config.phi)));
    m_routeSettings.unrolled = config.unrolled;
    m_routeSettings.wganGp = config.wganGp;
    m_routeSettings.pacGan = config.pacGan;
    updateSimGroup();
    updateMethodSetting();
    updateRateTips();
    clearResetHint();
    m_liveMessage->setVisible(false); // about a value these settings replace
}

void ControlPanel::showPresetOf(const TrainConfig& run)
{
    showPreset(QString::fromStdString(run.presetName));
    describePreset(QString::fromStdString(run.description));
}

void ControlPanel::showPreset(const QString& name)
{
    const QSignalBlocker block(m_preset);
    int index = m_preset->findText(name);
    if (index < 0 || !m_preset->itemData(index, kPresetRole).toBool()) {
        index = m_preset->findText(tr("custom"));
        if (index < 0) {
            m_preset->addItem(tr("custom"), false);
            index = m_preset->count() - 1;
            m_preset->setItemData(index,
                tr("A mixture of your own or a session's, not one of the presets"),
                Qt::ToolTipRole);
            // Shown, never chosen: there is nothing to load under this name.
            if (auto* model = qobject_cast<QStandardItemModel*>(m_preset->model()))
                model->item(index)->setEnabled(false);
        }
    }
    m_preset->setCurrentIndex(index);
}

void ControlPanel::describePreset(const QString& description)
{
    m_presetDescription->setText(description);
    m_presetDescription->setVisible(!description.isEmpty());
}

void ControlPanel::updateRateTips()
{
    QString tipG = tr("Adam learning rate of the generators");
    QString tipD = tr("Adam learning rate of the discriminator");
    if (!m_base.methodRates.empty()) {
        QStringList own;
        for (const auto& [method, rates] : m_base.methodRates)
            own << tr("%1: G %2, D %3")
                       .arg(QString::fromStdString(toString(method)))
                       .arg(rates.generator)
                       .arg(rates.discriminator);
        const QString perMethod
            = tr("\n\nThe preset gives methods their own rates (%1; every other method G %2, "
                 "D %3): choosing a method shows its rates, and each lane trains at its "
                 "method's. A rate typed here applies to every lane and method.")
                  .arg(own.join("; "))
                  .arg(m_base.presetRates.generator)
                  .arg(m_base.presetRates.discriminator);
        tipG += perMethod;
        tipD += perMethod;
    }
    m_generatorLr->setToolTip(tipG);
    m_discriminatorLr->setToolTip(tipD);
}

QString ControlPanel::presetDescription() const
{
    return m_presetDescription->isHidden() ? QString() : m_presetDescription->text();
}

QString ControlPanel::liveMessage() const
{
    return m_liveMessage->isHidden() ? QString() : m_liveMessage->text();
}

QString ControlPanel::resetHint() const
{
    return m_resetPending ? m_resetHint->text() : QString();
}

void ControlPanel::clearResetHint()
{
    m_resetPending = false;
    m_resetHint->setText(tr("Changes above and below apply at Reset (R)."));
    m_resetHint->setStyleSheet("color: #909090");
    m_mixture->clearError(); // the refusal's cause is gone with the run it was about
}

TrainConfig ControlPanel::config() const
{
    TrainConfig c = m_base;
    const Mixture mixture = m_mixture->mixture();
    bool sameMixture = mixture.size() == c.mixture.size();
    for (int m = 0; sameMixture && m < mixture.size(); ++m) {
        const Mode& a = mixture.modes()[m];
        const Mode& b = c.mixture.modes()[m];
        sameMixture = a.weight == b.weight && a.mean == b.mean && a.sd == b.sd;
    }
    if (!sameMixture) {
        // The view and metric ranges stay as they were, widened only as far as the new modes
        // need: an edit never moves the picture or cuts the curves short of the axis.
        c.viewRange = span(c.effectiveViewRange(), mixture.defaultRange());
        c.metricRange = span(c.effectiveMetricRange(), mixture.defaultRange());
        if (mixture.dimension() == 2)
            c.viewRangeY = span(c.effectiveViewRange(1), mixture.defaultRange(1));
        c.mixture = mixture;
        if (c.presetName != "custom")
            c.description = "A custom mixture, edited from the preset " + c.presetName + ".";
        c.presetName = "custom";
    }
    c.method = static_cast<Method>(m_method->currentData().toInt());
    c.generators = m_generators->value();
    c.generator = withShape(c.generator, m_generatorWidth->value(), m_generatorDepth->value());
    c.discriminator
        = withShape(c.discriminator, m_discriminatorWidth->value(), m_discriminatorDepth->value());
    c.batch = m_batch->value();
    c.seed = static_cast<unsigned long long>(m_seed->value());
    c.device = static_cast<DeviceChoice>(m_device->currentData().toInt());
    c.phi = static_cast<PhiSource>(m_phi->currentData().toInt());
    c.unrolled = m_routeSettings.unrolled;
    c.wganGp = m_routeSettings.wganGp;
    c.pacGan = m_routeSettings.pacGan;
    c.live = liveSettings();
    return c;
}

LiveSettings ControlPanel::appliedLiveSettings() const
{
    LiveSettings s = liveSettings();
    s.generatorLr = m_appliedRates.generator;
    s.discriminatorLr = m_appliedRates.discriminator;
    return s;
}

void ControlPanel::markApplied()
{
    m_appliedRates = { m_generatorLr->value(), m_discriminatorLr->value() };
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
    m_deviceInUse->setText(device);
}

} // namespace modescope::ui
