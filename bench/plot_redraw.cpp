// How long one redraw of the window's plots takes on the GUI thread, curves drawn exactly
// (one outline with a join at every point, as files get them) and segment by segment (as the
// window draws them, drawCurvesFast): the density plot of a paper-1d lane (k = 4: data, four
// generators, their average, D_real; 512 points each) and the metrics plot with three lanes'
// 2000-point stepped curves. Prints the mean and worst of ROUNDS redraws of each.
//   xvfb-run -a build/bench/plot_redraw [ROUNDS=60]
#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "plots/DensityPlot.h"
#include "plots/MetricsPlot.h"
#include "modescope/io/RunFolder.h"
#include "modescope/training/Snapshot.h"

using namespace modescope;

namespace
{
constexpr int kGrid = 512; // the window's snapshot grid
constexpr int kGenerators = 4; // paper-1d's k

Snapshot paperLikeSnapshot(long long step)
{
    Snapshot s;
    s.iteration = step;
    s.generatorDensity.assign(kGenerators, {});
    for (int i = 0; i < kGrid; ++i) {
        const double x = -10 + 20.0 * i / (kGrid - 1);
        s.grid.push_back(x);
        double data = 0;
        for (int m = -2; m <= 2; ++m)
            data += std::exp(-(x - 4 * m) * (x - 4 * m) / 2) / 5;
        s.dataDensity.push_back(data);
        double average = 0;
        for (int g = 0; g < kGenerators; ++g) {
            const double d = x - 4 * (g - 1.5) - 0.01 * static_cast<double>(step % 7);
            const double v = std::exp(-d * d) + 0.02 * std::sin(i * 0.7 + g);
            s.generatorDensity[g].push_back(v);
            average += v / kGenerators;
        }
        s.mixtureDensity.push_back(average);
        s.dReal.push_back(0.5 + 0.4 * std::sin(x));
    }
    s.gLosses.assign(kGenerators, 0.7);
    return s;
}

std::vector<MetricsRow> laneRows(int rows, int lane)
{
    std::vector<MetricsRow> out(static_cast<size_t>(rows));
    for (int r = 0; r < rows; ++r) {
        out[r].losses.iteration = 10LL * r;
        out[r].metrics.modesBalanced = 3 + (r / 37 + lane) % 3; // steps up and down
        out[r].metrics.hqFraction = 0.8 + 0.1 * std::sin(r * 0.01 + lane);
    }
    return out;
}

template <typename Redraw> std::pair<double, double> time(int rounds, Redraw redraw)
{
    QElapsedTimer timer;
    double total = 0;
    double worst = 0;
    for (int r = 0; r < rounds; ++r) {
        timer.start();
        redraw(r);
        QApplication::processEvents();
        const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        total += ms;
        worst = std::max(worst, ms);
    }
    return { total / rounds, worst };
}
} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 60;
    std::printf("plot redraws on the GUI thread, mean / worst of %d, ms\n", rounds);
    for (const bool fast : { false, true }) {
        ui::DensityPlot density;
        density.resize(1000, 300); // a lane in a 1600 x 1000 window
        density.show();
        density.setPlottingHint(QCP::phFastPolylines, fast);
        const auto [dMean, dWorst] = time(rounds, [&](int r) {
            density.setSnapshot(paperLikeSnapshot(1000 + r));
            density.replot(QCustomPlot::rpImmediateRefresh);
        });
        ui::MetricsPlot metrics;
        metrics.resize(400, 250);
        metrics.show();
        metrics.setPlottingHint(QCP::phFastPolylines, fast);
        std::vector<std::vector<MetricsRow>> lanes { laneRows(20000, 0), laneRows(20000, 1),
            laneRows(20000, 2) };
        const auto [mMean, mWorst] = time(rounds, [&](int) {
            std::vector<ui::MetricsPlot::LaneRows> shown;
            for (size_t l = 0; l < lanes.size(); ++l)
                shown.push_back({ QString("lane %1").arg(l + 1), &lanes[l] });
            metrics.setLanes(shown);
            metrics.setRows(lanes[0], 5);
            metrics.replot(QCustomPlot::rpImmediateRefresh);
        });
        std::printf("%-26s density %5.1f / %5.1f   metrics (3 lanes) %5.1f / %5.1f\n",
            fast ? "segment by segment (window)" : "exact joins (files)", dMean, dWorst, mMean,
            mWorst);
    }
    return 0;
}
