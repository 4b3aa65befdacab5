#pragma once
// What the window tests share: a small fast run, and stepping it one snapshot at a time.
#include <QAction>
#include <QSignalSpy>
#include <QtTest>

#include <memory>
#include <stdexcept>

#include "support/SmallConfig.h"
#include "support/TestSettings.h"
#include "training/Lane.h"
#include "training/TrainingController.h"
#include "window/MainWindow.h"
#include "modescope/config/TrainConfig.h"

namespace window_test
{
using namespace modescope;
using namespace modescope::ui;

inline constexpr int kWaitMs = 30000; // generous: a shared CI machine may be slow

// The shared small run (support/SmallConfig.h) on three well separated modes.
inline TrainConfig smallConfig()
{
    TrainConfig c = test::smallConfig();
    c.presetName = "test";
    c.mixture = Mixture({ { 1, -10, 1 }, { 1, 0, 1 }, { 1, 10, 1 } });
    c.seed = 7;
    return c;
}

// Steps the window's training `n` times, one snapshot each.
inline void stepWindow(MainWindow& window, int n)
{
    for (int i = 0; i < n; ++i) {
        QSignalSpy snapshot(window.controller(), &TrainingController::snapshotReady);
        window.controller()->stepOnce();
        QVERIFY(snapshot.wait(kWaitMs));
    }
}

// A window running smallConfig(), at step 0 with its first snapshot drawn.
// The window's action labelled `text` ("Reset"), or nullptr.
inline QAction* action(MainWindow& window, const QString& text)
{
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == text)
            return a;
    return nullptr;
}

inline std::unique_ptr<MainWindow> newWindow(const TrainConfig& config = smallConfig())
{
    auto window = std::make_unique<MainWindow>();
    window->setQuiet(true);
    QSignalSpy snapshot(window->controller(), &TrainingController::snapshotReady);
    window->startConfig(config);
    // A helper that returns cannot QVERIFY: Qt Test fails the test on the exception instead.
    if (!snapshot.wait(kWaitMs))
        throw std::runtime_error("newWindow: no first snapshot within kWaitMs");
    return window;
}

// A window whose lanes are `specs`, reset onto `config` and at their first snapshots.
inline std::unique_ptr<MainWindow> compareWindow(
    const std::vector<LaneSpec>& specs, const TrainConfig& config = smallConfig())
{
    auto window = std::make_unique<MainWindow>();
    window->setQuiet(true);
    window->setCompare(specs);
    std::vector<std::unique_ptr<QSignalSpy>> firsts;
    for (int i = 0; i < window->laneCount(); ++i)
        firsts.push_back(std::make_unique<QSignalSpy>(
            window->lane(i)->controller(), &TrainingController::snapshotReady));
    window->startConfig(specs.front().applyTo(config)); // as --compare does
    for (auto& spy : firsts)
        if (spy->count() == 0 && !spy->wait(kWaitMs))
            throw std::runtime_error("compareWindow: a lane sent no first snapshot");
    return window;
}

// Exports as the request says and returns the errors (or that no exportFinished came).
inline QStringList exportAndWait(MainWindow& window, const ExportRequest& request)
{
    QSignalSpy done(&window, &MainWindow::exportFinished);
    window.exportTo(request);
    if (done.count() == 0)
        done.wait(kWaitMs);
    if (done.count() != 1)
        return { "no exportFinished" };
    return done.at(0).at(2).toStringList();
}

// Saves the window's session (a comparison folder when it has lanes) and returns the errors.
inline QStringList saveAndWait(MainWindow& window, const QString& dir, bool replace = false)
{
    QSignalSpy done(&window, &MainWindow::exportFinished);
    window.saveSession(dir, replace);
    if (done.count() == 0)
        done.wait(kWaitMs);
    if (done.count() != 1)
        return { "no exportFinished" };
    return done.at(0).at(2).toStringList();
}

} // namespace window_test
