#include "training/Lane.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "export/Exporter.h"
#include "modescope/machine/SlowWork.h"
#include "panels/ElidedLabel.h"
#include "plots/DensityPlot.h"
#include "plots/OwnershipMap.h"
#include "training/TrainingController.h"
#include "window/StatusText.h"

namespace modescope::ui
{

QLabel* newRouteLabel(QWidget* parent)
{
    auto* route = new QLabel(parent);
    route->setObjectName("laneRoute");
    route->setStyleSheet("color: #606060");
    route->setToolTip(QObject::tr("Route 1 improves the optimisation so one generator reaches a "
                                  "better optimum (unrolled, wgan-gp); route 2 changes the "
                                  "architecture so the model must hold more modes (madgan, "
                                  "madgan-sim, pacgan)"));
    return route;
}

QString laneTitle(const TrainConfig& config, const Snapshot& shown, bool withStep,
    const CureTime& cure, bool withSim)
{
    const QString sim = !withSim || !hasPerGeneratorHeads(config.method) ? QString()
        : shown.simOn                                                    ? QObject::tr(", Sim on")
                                                                         : QObject::tr(", Sim off");
    const QString title = QObject::tr("%1, k = %2%5 \u00b7 %3 \u00b7 HQ %4%")
                              .arg(QString::fromStdString(toString(config.method)))
                              .arg(config.effectiveGenerators())
                              .arg(headline(shown.metrics, config.modeCount()))
                              .arg(100 * shown.metrics.hqFraction, 0, 'f', 1)
                              .arg(sim);
    const QString stepped
        = withStep ? QObject::tr("%1 \u00b7 step %2").arg(title).arg(shown.iteration) : title;
    return cure.reached() ? stepped + " \u00b7 " + cureText(cure, config.modeCount()) : stepped;
}

Lane::Lane(std::optional<LaneSpec> spec, QWidget* parent)
    : QWidget(parent)
    , m_spec(std::move(spec))
    , m_controller(new TrainingController(this))
    , m_plot(new DensityPlot(this))
    , m_title(new ElidedLabel(this))
    , m_route(newRouteLabel(this))
    , m_sim(new QCheckBox(tr("Sim"), this))
    , m_ownership(new OwnershipMap)
    , m_exporter(
          new Exporter({ m_plot, nullptr, nullptr, m_ownership, &m_history, m_controller }, this))
{
    m_sim->setToolTip(tr("This lane's Sim hinge, switched at the next step (MAD-GAN family only: "
                         "the other methods have no per-generator heads)"));
    m_sim->setEnabled(m_spec && hasPerGeneratorHeads(m_spec->method));
    const std::string name = m_spec ? "lane " + m_spec->name() : std::string("the window's lane");
    m_redrawWork = name + ": redraw";
    m_historyWork = name + ": history add";
    m_title->setExplanation(isOwn()
            ? tr("This lane's method and k, its modes covered, HQ share and step (the settings "
                 "panel's run)")
            : tr("This lane's method and k, its modes covered (modes holding at least half their "
                 "fair share), HQ share and step"));
    auto* header = new QHBoxLayout;
    header->setContentsMargins(8, 2, 8, 0);
    header->addWidget(m_title, 1);
    if (m_spec)
        m_route->setText(QString::fromStdString(routeOf(m_spec->method)));
    header->addWidget(m_route);
    header->addWidget(m_sim);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(m_plot, 1);
    m_plot->setMinimumHeight(140);
    setHeaderShown(!isOwn()); // the window's own: once there are others

    m_redraw.setSingleShot(true);
    m_redraw.setInterval(kRedrawMs);
    connect(&m_redraw, &QTimer::timeout, this, &Lane::redraw);
    connect(m_controller, &TrainingController::snapshotReady, this, [this](const SnapshotPtr& s) {
        m_live = s;
        const TimedWork timed(m_historyWork.c_str());
        m_history.add(*s);
        if (!m_redraw.isActive())
            m_redraw.start();
    });
    connect(m_controller, &TrainingController::resetDone, this, [this](const TrainConfig& c) {
        if (showsAnotherView(m_running, c))
            m_plot->fitNextSnapshot();
        m_running = c;
        m_route->setText(QString::fromStdString(routeOf(c.method)));
        m_history.clear();
        m_showing = -1; // a new run is shown live
    });
    connect(
        m_controller, &TrainingController::sessionOpened, this, [this](const QString& checkpoint) {
            if (checkpoint != m_pendingOpen)
                return;
            m_pendingOpen.clear();
            m_running = m_pendingConfig;
            m_route->setText(QString::fromStdString(routeOf(m_running.method)));
            m_plot->fitNextSnapshot(); // its own target, not the view of the run before
            m_history.clear();
            m_history.setRows(std::move(m_pendingRows));
            m_showing = -1;
            emit opened(checkpoint);
        });
    connect(m_controller, &TrainingController::failed, this, [this](const QString& message) {
        m_pendingOpen.clear();
        emit failed(message);
    });
    connect(m_sim, &QCheckBox::toggled, this, [this] { setLiveSettings(m_liveSettings); });
}

Lane::~Lane()
{
    delete m_ownership.data(); // it lives in the window's diagnostics, not in this widget
}

LaneSpec Lane::spec() const
{
    return m_spec ? *m_spec : LaneSpec { m_running.method, std::nullopt };
}

OwnershipMap* Lane::ownershipMap() const
{
    return m_ownership.data();
}

void Lane::refreshOwnership()
{
    if (m_ownership)
        m_ownership->setOwnership(shown().metrics.ownership, m_running);
}

QString Lane::title() const
{
    return m_title->text();
}

bool Lane::simOn() const
{
    if (!hasPerGeneratorHeads(m_running.method))
        return false;
    return isOwn() ? m_liveSettings.simEnabled : m_sim->isChecked();
}

void Lane::setHeaderShown(bool shown)
{
    m_title->setVisible(shown);
    m_route->setVisible(shown);
    m_sim->setVisible(shown && !isOwn());
}

void Lane::reset(const TrainConfig& settings)
{
    const TrainConfig config = m_spec ? m_spec->applyTo(settings) : settings;
    m_sim->blockSignals(true);
    m_sim->setChecked(config.live.simEnabled && hasPerGeneratorHeads(config.method));
    m_sim->blockSignals(false);
    m_liveSettings = settings.live;
    m_rates = { config.live.generatorLr, config.live.discriminatorLr };
    m_controller->reset(config);
}

void Lane::openSession(
    const TrainConfig& config, const QString& checkpoint, std::vector<MetricsRow> rows)
{
    m_sim->blockSignals(true);
    m_sim->setChecked(config.live.simEnabled && hasPerGeneratorHeads(config.method));
    m_sim->blockSignals(false);
    m_liveSettings = config.live;
    m_rates = { config.live.generatorLr, config.live.discriminatorLr };
    m_pendingOpen = checkpoint;
    m_pendingConfig = config;
    m_pendingRows = std::move(rows);
    m_controller->openSession(config, checkpoint);
}

SnapshotPtr Lane::shownShared() const
{
    if (m_showing >= 0)
        if (SnapshotPtr kept = m_history.sharedAt(m_showing))
            return kept;
    return m_live; // live, or nothing kept to scrub to
}

const Snapshot& Lane::shown() const
{
    static const Snapshot none;
    const SnapshotPtr shown = shownShared();
    // Held by the history or as the live one until the next snapshot or step shown.
    return shown ? *shown : none;
}

void Lane::setLiveSettings(LiveSettings settings)
{
    // A rate the window changes applies to every lane; one it leaves as it was stays this
    // lane's own (lanes of a preset with per-method rates train at different ones).
    if (settings.generatorLr != m_liveSettings.generatorLr)
        m_rates.generator = settings.generatorLr;
    if (settings.discriminatorLr != m_liveSettings.discriminatorLr)
        m_rates.discriminator = settings.discriminatorLr;
    m_liveSettings = settings;
    if (!isOwn())
        settings.simEnabled = m_sim->isChecked();
    settings.generatorLr = m_rates.generator;
    settings.discriminatorLr = m_rates.discriminator;
    m_controller->setLiveSettings(settings);
}

void Lane::setRedrawOffset(int ms)
{
    m_redraw.setInterval(kRedrawMs + ms);
}

void Lane::showStep(long long iteration)
{
    m_showing = iteration;
    redraw();
}

void Lane::redraw()
{
    const TimedWork timed(m_redrawWork.c_str());
    const SnapshotPtr shown = shownShared();
    if (!shown)
        return;
    if (shown != m_plot->sharedSnapshot()) // a step scrubbed to is drawn once
        m_plot->setSnapshot(shown);
    updateTitle(*shown);
    emit drawn();
}

void Lane::updateTitle(const Snapshot& shown)
{
    m_title->setText(laneTitle(
        m_running, shown, true, m_history.cureAt(shown.iteration, m_running.modeCount())));
}

bool showsAnotherView(const TrainConfig& shown, const TrainConfig& next)
{
    return shown.dimension() != next.dimension()
        || shown.effectiveViewRange(0) != next.effectiveViewRange(0)
        || (next.dimension() == 2 && shown.effectiveViewRange(1) != next.effectiveViewRange(1));
}

} // namespace modescope::ui
