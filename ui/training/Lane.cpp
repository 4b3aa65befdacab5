#include "training/Lane.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "export/Exporter.h"
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

Lane::Lane(const LaneSpec& spec, QWidget* parent)
    : QWidget(parent)
    , m_spec(spec)
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
    m_sim->setEnabled(hasPerGeneratorHeads(spec.method));
    m_title->setExplanation(
        tr("This lane's method and k, its modes covered (modes holding at least "
           "half their fair share), HQ share and step"));
    auto* header = new QHBoxLayout;
    header->setContentsMargins(8, 2, 8, 0);
    header->addWidget(m_title, 1);
    m_route->setText(QString::fromStdString(routeOf(spec.method)));
    header->addWidget(m_route);
    header->addWidget(m_sim);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(m_plot, 1);
    m_plot->setMinimumHeight(140);

    m_redraw.setSingleShot(true);
    m_redraw.setInterval(kRedrawMs);
    connect(&m_redraw, &QTimer::timeout, this, &Lane::redraw);
    connect(m_controller, &TrainingController::snapshotReady, this, [this](const Snapshot& s) {
        m_history.add(s);
        if (!m_redraw.isActive())
            m_redraw.start();
    });
    connect(m_controller, &TrainingController::resetDone, this, [this](const TrainConfig& c) {
        if (showsAnotherView(m_running, c))
            m_plot->fitNextSnapshot();
        m_running = c;
        m_history.clear();
    });
    connect(
        m_controller, &TrainingController::sessionOpened, this, [this](const QString& checkpoint) {
            if (checkpoint != m_pendingOpen)
                return;
            m_pendingOpen.clear();
            m_running = m_pendingConfig;
            m_plot->fitNextSnapshot();
            m_history.clear();
            m_history.setRows(std::move(m_pendingRows));
            m_showing = -1;
        });
    connect(m_controller, &TrainingController::failed, this, [this](const QString& message) {
        m_pendingOpen.clear();
        emit failed(tr("Lane %1: %2").arg(QString::fromStdString(m_spec.name()), message));
    });
    connect(m_sim, &QCheckBox::toggled, this, [this] { setLiveSettings(m_live); });
}

Lane::~Lane()
{
    delete m_ownership.data(); // it lives in the window's diagnostics, not in this widget
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
    return m_sim->isChecked();
}

void Lane::reset(const TrainConfig& settings)
{
    TrainConfig config = m_spec.applyTo(settings);
    m_sim->blockSignals(true);
    m_sim->setChecked(config.live.simEnabled && hasPerGeneratorHeads(config.method));
    m_sim->blockSignals(false);
    m_live = settings.live;
    m_controller->reset(config);
}

void Lane::openSession(
    const TrainConfig& config, const QString& checkpoint, std::vector<MetricsRow> rows)
{
    m_sim->blockSignals(true);
    m_sim->setChecked(config.live.simEnabled && hasPerGeneratorHeads(config.method));
    m_sim->blockSignals(false);
    m_live = config.live;
    m_pendingOpen = checkpoint;
    m_pendingConfig = config;
    m_pendingRows = std::move(rows);
    m_controller->openSession(config, checkpoint);
}

const Snapshot& Lane::shown() const
{
    const Snapshot* kept = m_showing < 0 ? nullptr : m_history.snapshotAt(m_showing);
    return kept ? *kept : m_controller->latest();
}

void Lane::setLiveSettings(LiveSettings settings)
{
    m_live = settings;
    settings.simEnabled = m_sim->isChecked();
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
    if (m_showing >= 0 && !m_history.snapshotAt(m_showing))
        return;
    m_plot->setSnapshot(shown());
    updateTitle(shown());
    if (m_ownership && m_ownership->isVisible())
        refreshOwnership();
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
