// The figures a person reads first: the headline counts the modes the picture shows as
// covered (modes_balanced), not PacGAN's lenient count that one stray sample satisfies; the
// Sim figures say n/a where a method has none; a figure's caption names the run.
#include <QtTest>

#include "plots/MetricsPlot.h"
#include "window/HelpDialog.h"
#include "window/StatusText.h"
#include "modescope/maths/Metrics.h"

using namespace modescope;
using namespace modescope::ui;

class TestStatusText : public QObject
{
    Q_OBJECT
private slots:
    void collapsedRunCoversOneModeThoughItCapturesThree();
    void spreadRunCoversEveryMode();
    void cureSaysSinceWhenAndHowLong();
    void simFiguresSayNaWhereThereAreNone();
    void captionNamesTheRun();
    void guideDefinesEveryPlottedMetric();
};

namespace
{
// seed-3mode's target: three unit Gaussians at -10, 0 and 10, equal weights.
const Mixture kThreeModes({ { 1, -10, 1 }, { 1, 0, 1 }, { 1, 10, 1 } });

Snapshot snapshotOf(const std::vector<std::vector<double>>& samples)
{
    Snapshot s;
    s.iteration = 1200;
    s.stepsPerSecond = 150;
    s.metrics = computeMetrics(samples, kThreeModes, { -15, 15 }, {});
    return s;
}
} // namespace

void TestStatusText::collapsedRunCoversOneModeThoughItCapturesThree()
{
    // The tester's plain GAN: 500 samples, 498 on the mode at -10 and one stray sample each
    // near 0 and 10. PacGAN counts 3 captured; the picture shows one mode covered.
    std::vector<double> samples(498, -10.0);
    samples.push_back(0.5);
    samples.push_back(9.5);
    const Snapshot s = snapshotOf({ samples });
    QCOMPARE(s.metrics.modesCaptured, 3);
    QCOMPARE(s.metrics.modesBalanced, 1); // 498/500 >= 1/6 at -10; 1/500 < 1/6 elsewhere
    QCOMPARE(headline(s.metrics, 3), QString("modes covered 1/3"));
    const QString status = statusText(s, 3, "cpu");
    QVERIFY2(status.contains("modes covered 1/3"), qPrintable(status));
    QVERIFY2(!status.contains("captured"), qPrintable(status)); // not the number read first
    QVERIFY2(statusDetails(s, 3).contains("Modes captured (PacGAN) 3"), qPrintable(status));
}

void TestStatusText::spreadRunCoversEveryMode()
{
    // Three generators, one per mode: each mode holds a third of all samples (>= 1/6).
    const Snapshot s = snapshotOf({ std::vector<double>(100, -10.2), std::vector<double>(100, 0.3),
        std::vector<double>(100, 9.9) });
    QCOMPARE(s.metrics.modesBalanced, 3);
    QCOMPARE(headline(s.metrics, 3), QString("modes covered 3/3"));
    QVERIFY(statusText(s, 3, "cpu").contains("HQ 100.0%"));
}

void TestStatusText::cureSaysSinceWhenAndHowLong()
{
    Snapshot s;
    s.iteration = 3000;
    s.metrics.modesBalanced = 3;
    // Not cured: nothing added to the line.
    QVERIFY(!statusText(s, 3, "cpu").contains("since"));
    QCOMPARE(cureText(CureTime {}, 3), QString());
    CureTime cure;
    cure.step = 2100;
    cure.seconds = 17.6;
    QVERIFY2(statusText(s, 3, "cpu", cure).endsWith("all 3 modes covered since step 2100, 18 s"),
        qPrintable(statusText(s, 3, "cpu", cure)));
    // Paused, the last speed is stale: "paused" stands in its place.
    s.stepsPerSecond = 109;
    QVERIFY(statusText(s, 3, "cpu").startsWith("step 3000   109 steps/s   cpu"));
    QVERIFY2(statusText(s, 3, "cpu", {}, true).startsWith("step 3000   paused   cpu"),
        qPrintable(statusText(s, 3, "cpu", {}, true)));
    // Rows logged before the clock was kept: the step alone, never "nan s".
    cure.seconds = kNotMeasured;
    QCOMPARE(cureText(cure, 3), QString("all 3 modes covered since step 2100"));
}

void TestStatusText::simFiguresSayNaWhereThereAreNone()
{
    Snapshot gan = snapshotOf({ std::vector<double>(10, 0.0) });
    QVERIFY(statusText(gan, 3, "cpu").endsWith("Sim n/a")); // kNotMeasured, not "0%"
    Snapshot sim = gan;
    sim.simOn = true;
    sim.simHinge = 0.25;
    sim.simViolationRate = 0.625;
    const QString text = statusText(sim, 3, "cpu");
    QVERIFY2(text.endsWith("Sim on: hinge 0.25, violations 62.5%"), qPrintable(text));
    QVERIFY(statusDetails(sim, 3).contains("floor about 50%"));
    // A 2-D run has no histogram measures: n/a, not "nan".
    Snapshot map = gan;
    map.dimension = 2;
    map.metrics.chiSquare = map.metrics.klHist = kNotMeasured;
    QVERIFY(statusDetails(map, 3).contains("KL hist, chi-square n/a"));
    QVERIFY(!statusDetails(map, 3).contains("nan"));
}

void TestStatusText::captionNamesTheRun()
{
    TrainConfig config;
    config.presetName = "seed-3mode";
    config.method = Method::Gan;
    config.generators = 4; // gan trains one whatever k says
    config.seed = 3;
    QCOMPARE(figureCaptionFor(config, 1200, false),
        QString("seed-3mode \u00b7 gan, k = 1 \u00b7 seed 3 \u00b7 step 1200"));
    // The MAD-GAN family's figures say whether the Sim hinge was on at that step.
    config.method = Method::MadGanSim;
    QCOMPARE(figureCaptionFor(config, 1200, true),
        QString("seed-3mode \u00b7 madgan-sim, k = 4, Sim on \u00b7 seed 3 \u00b7 step 1200"));
    config.method = Method::MadGan;
    QCOMPARE(figureCaptionFor(config, 50, false),
        QString("seed-3mode \u00b7 madgan, k = 4, Sim off \u00b7 seed 3 \u00b7 step 50"));
}

void TestStatusText::guideDefinesEveryPlottedMetric()
{
    // Every curve of the metrics plot is named in the in-app guide, by its name without the
    // axis mark: a metric added to the plot without a definition fails here.
    const QString guide = HelpDialog::guideHtml();
    for (QString name : MetricsPlot::curveNames()) {
        name.remove(" (R)").remove(" (PacGAN)");
        QVERIFY2(guide.contains(name), qPrintable(name));
    }
    for (const char* key : { "Space", "Ctrl+E", "F1" })
        QVERIFY2(guide.contains(key), key);
}

QTEST_MAIN(TestStatusText)
#include "tst_statustext.moc"
