#include "window/MainWindow.h"

#include <QAction>
#include <QCloseEvent>
#include <QSettings>

#include <QDoubleSpinBox>

#include <algorithm>
#include <cmath>
#include <utility>

#include "panels/ControlPanel.h"
#include "plots/DensityPlot.h"
#include "plots/LossPlot.h"
#include "training/LaneSet.h"
#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"

// What the window remembers between starts (QSettings): its layout, the view options, the
// export choices and the last run's settings.
namespace modescope::ui
{

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!confirmDiscard(tr("Quitting"))) {
        event->ignore();
        return;
    }
    saveSettings();
    event->accept();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("run/config", QString::fromStdString(configToJson(m_panel->config())));
    QStringList lanes; // the lanes beside the run, as made (not as edited and not applied)
    for (const LaneSpec& lane : otherLanes())
        lanes << QString::fromStdString(lane.name());
    settings.setValue("run/lanes", lanes.join(','));
    settings.setValue("run/lockStep", m_laneSet->lockStep());
    const DensityPlot* plot = densityPlot();
    settings.setValue("view/dReal", plot->showsDiscriminator());
    settings.setValue("view/ownerStrip", plot->showsOwnerStrip());
    settings.setValue("view/shares", plot->showsShares());
    settings.setValue("view/contours", plot->showsContours());
    settings.setValue("view/lossSmoothing", m_losses->smoothing());
    settings.setValue("export/folder", m_lastExport.folder);
    const FigureSize& figure = m_lastExport.figure;
    settings.setValue("export/widthCm", figure.widthCm);
    settings.setValue("export/heightCm", figure.heightCm);
    settings.setValue("export/dpi", figure.dpi);
    settings.setValue("export/fontPt", figure.fontPt);
    settings.setValue("export/caption", figure.caption);
    settings.setValue("export/inches", m_lastExport.inches);
    for (auto [key, flag] :
        { std::pair("png", m_lastExport.png), std::pair("pdf", m_lastExport.pdf),
            std::pair("svg", m_lastExport.svg), std::pair("sidePlots", m_lastExport.sidePlots),
            std::pair("runData", m_lastExport.runData), std::pair("strip", m_lastExport.strip),
            std::pair("video", m_lastExport.video) })
        settings.setValue(QString("export/") + key, flag);
    settings.setValue("export/videoFormat", m_lastExport.videoFormat);
}

bool MainWindow::restoreSettings()
{
    restoreLayout();
    return restoreRun();
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (!settings.contains("window/geometry"))
        return;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    m_layoutRestored = restoreState(settings.value("window/state").toByteArray());
    if (auto* a = findChild<QAction*>("showDReal"))
        a->setChecked(settings.value("view/dReal", true).toBool());
    if (auto* a = findChild<QAction*>("showOwnerStrip"))
        a->setChecked(settings.value("view/ownerStrip", true).toBool());
    if (auto* a = findChild<QAction*>("showShares"))
        a->setChecked(settings.value("view/shares", true).toBool());
    if (auto* a = findChild<QAction*>("showContours"))
        a->setChecked(settings.value("view/contours", false).toBool());
    const double smoothing = settings.value("view/lossSmoothing", m_losses->smoothing()).toDouble();
    if (std::isfinite(smoothing))
        if (auto* box = findChild<QDoubleSpinBox*>("lossSmoothing"))
            box->setValue(smoothing); // and so the plot's
    // A hand-edited or damaged file: a value that is not a number keeps the default.
    auto number = [&settings](const char* key, double fallback) {
        const double v = settings.value(key, fallback).toDouble();
        return std::isfinite(v) ? v : fallback;
    };
    m_lastExport.folder = settings.value("export/folder", m_lastExport.folder).toString();
    FigureSize& figure = m_lastExport.figure;
    figure.widthCm = number("export/widthCm", figure.widthCm);
    figure.heightCm = number("export/heightCm", figure.heightCm);
    figure.dpi = settings.value("export/dpi", figure.dpi).toInt();
    figure.fontPt = settings.value("export/fontPt", figure.fontPt).toInt();
    figure.caption = settings.value("export/caption", figure.caption).toBool();
    m_lastExport.inches = settings.value("export/inches", m_lastExport.inches).toBool();
    for (auto [key, flag] :
        { std::pair("png", &m_lastExport.png), std::pair("pdf", &m_lastExport.pdf),
            std::pair("svg", &m_lastExport.svg), std::pair("sidePlots", &m_lastExport.sidePlots),
            std::pair("runData", &m_lastExport.runData), std::pair("strip", &m_lastExport.strip),
            std::pair("video", &m_lastExport.video) })
        *flag = settings.value(QString("export/") + key, *flag).toBool();
    m_lastExport.videoFormat
        = settings.value("export/videoFormat", m_lastExport.videoFormat).toString();
    // Values from a hand-edited or older file: kept within what the export dialog offers.
    figure.widthCm = std::clamp(figure.widthCm, 2.0, 100.0);
    figure.heightCm = std::clamp(figure.heightCm, 2.0, 100.0);
    figure.dpi = std::clamp(figure.dpi, 50, 1200);
    figure.fontPt = std::clamp(figure.fontPt, kMinFontPt, kMaxFontPt);
}

std::optional<TrainConfig> MainWindow::savedRun()
{
    QSettings settings;
    if (!settings.contains("run/config"))
        return std::nullopt;
    try {
        return configFromJson(
            settings.value("run/config").toString().toStdString(), "the saved settings");
    } catch (const ConfigError& e) { // settings from another version: start from the default
        warn(tr("Settings"), QString::fromStdString(e.what()));
        return std::nullopt;
    }
}

std::vector<LaneSpec> MainWindow::savedOtherLanes() const
{
    const QString lanes = QSettings().value("run/lanes").toString();
    if (lanes.isEmpty())
        return {};
    try {
        std::vector<LaneSpec> others = parseLaneSpecs(lanes.toStdString());
        if (others.size() + 1 > size_t(kMaxLanes))
            others.resize(kMaxLanes - 1);
        return others;
    } catch (const ConfigError&) { // a hand-edited file: the run alone
        return {};
    }
}

void MainWindow::startSavedRun(const TrainConfig& config)
{
    // A lane this machine cannot build (saved on a bigger one) is left out, so the run starts.
    std::vector<LaneSpec> others;
    for (const LaneSpec& lane : savedOtherLanes()) {
        try {
            validate(lane.applyTo(config));
            others.push_back(lane);
        } catch (const ConfigError& e) {
            warn(tr("Settings"),
                tr("The saved lane %1 is left out: %2")
                    .arg(QString::fromStdString(lane.name()), QString::fromStdString(e.what())));
        }
    }
    if (!others.empty()) {
        std::vector<LaneSpec> lanes { LaneSpec { config.method, std::nullopt } };
        lanes.insert(lanes.end(), others.begin(), others.end());
        setCompare(lanes);
    }
    setLockStep(QSettings().value("run/lockStep", true).toBool());
    startConfig(config);
}

bool MainWindow::restoreRun()
{
    const std::optional<TrainConfig> saved = savedRun();
    if (saved)
        startSavedRun(*saved);
    return saved.has_value();
}

} // namespace modescope::ui
