// A sweep plan expands to the runs a researcher expects (the Cartesian product, named by their
// axis values), refuses what cannot run before anything runs, and its summary figures match
// hand computations; the Slurm script asks for one array job over the runs still to do.
#include <QtTest>

#include <cmath>

#include "sweep/SlurmScript.h"
#include "modescope/config/ConfigError.h"
#include "modescope/sweep/SweepFigure.h"
#include "modescope/sweep/SweepPlan.h"
#include "modescope/sweep/SweepReport.h"

using namespace modescope;

namespace
{
const std::vector<std::filesystem::path> kPresets { MODESCOPE_PRESETS_DIR };

SweepPlan parse(const std::string& text)
{
    return parseSweepPlan(text, "plan.json", ".", kPresets);
}

const char* kMethodsBySeed = R"({
  "name": "methods",
  "base": "paper-1d",
  "set": {"iterations": 500, "optimizer": {"g_lr": 5e-4}},
  "axes": {"method": ["gan", "madgan-sim"], "seed": [1, 2, 3]}
})";
} // namespace

class TestSweepPlan : public QObject
{
    Q_OBJECT
private slots:
    void productInOrderWithNames();
    void runsOfOneShapeGroupIntoPopulations();
    void severalFieldsOnOneAxis();
    void aMethodsSettingIsAnAxisOnABaseWithoutIt();
    void aMethodAxisGivesEachMethodItsPresetRates();
    void planAsRunRebuildsTheSameRuns();
    void badPlansAreRefusedNamingTheField_data();
    void badPlansAreRefusedNamingTheField();
    void quantilesMatchHandValues();
    void summaryPoolsSeedsPerCell();
    void twoDimensionalSummaryHasNoHistogramMetrics();
    void slurmScriptIsOneArrayJob();
    void figureShowsEveryRunAndTheMedian();
};

void TestSweepPlan::productInOrderWithNames()
{
    const SweepPlan plan = parse(kMethodsBySeed);
    QCOMPARE(plan.name, std::string("methods"));
    QCOMPARE(plan.runs.size(), size_t(6));
    QCOMPARE(plan.seedAxis, 1);
    // The first axis slowest; names are folder names.
    QCOMPARE(plan.runs[0].name, std::string("method=gan,seed=1"));
    QCOMPARE(plan.runs[2].name, std::string("method=gan,seed=3"));
    QCOMPARE(plan.runs[3].name, std::string("method=madgan-sim,seed=1"));
    QCOMPARE(plan.runs[5].index, 5);
    QVERIFY(plan.runs[4].config.method == Method::MadGanSim);
    QCOMPARE(plan.runs[4].config.seed, 2ULL);
    // "set" reaches every run; the base preset's other fields stay.
    for (const SweepRun& run : plan.runs) {
        QCOMPARE(run.config.iterations, 500LL);
        QCOMPARE(run.config.live.generatorLr, 5e-4);
        QCOMPARE(run.config.live.discriminatorLr, 1e-4);
        QCOMPARE(run.config.mixture.size(), 5);
    }
    // The method decides where Sim starts, as in a preset.
    QCOMPARE(plan.runs[0].config.live.simEnabled, false);
    QCOMPARE(plan.runs[3].config.live.simEnabled, true);
}

void TestSweepPlan::severalFieldsOnOneAxis()
{
    const SweepPlan plan = parse(R"({"name": "lr", "base": "seed-3mode",
        "axes": {"optimizer.g_lr+optimizer.d_lr": [1e-4, 5e-4], "sim.nu": [0, 0.25]}})");
    QCOMPARE(plan.runs.size(), size_t(4));
    QCOMPARE(plan.seedAxis, -1);
    QCOMPARE(plan.axes[0].label, std::string("g_lr+d_lr"));
    QCOMPARE(plan.runs[2].name, std::string("g_lr+d_lr=0.0005,nu=0"));
    QCOMPARE(plan.runs[2].config.live.generatorLr, 5e-4);
    QCOMPARE(plan.runs[2].config.live.discriminatorLr, 5e-4);
    QCOMPARE(plan.runs[3].config.live.simNu, 0.25);
}

void TestSweepPlan::aMethodsSettingIsAnAxisOnABaseWithoutIt()
{
    // ring-8 is a GAN preset: its config has no "pacgan" object, and the axis makes one.
    const SweepPlan plan = parse(R"({"name": "packs", "base": "ring-8",
        "set": {"method": "pacgan"}, "axes": {"pacgan.packing": [1, 2, 4]}})");
    QCOMPARE(plan.runs.size(), size_t(3));
    QCOMPARE(plan.runs[2].name, std::string("packing=4"));
    QVERIFY(plan.runs[2].config.method == Method::PacGan);
    QCOMPARE(plan.runs[0].config.pacGan.packing, 1);
    QCOMPARE(plan.runs[2].config.pacGan.packing, 4);
}

void TestSweepPlan::aMethodAxisGivesEachMethodItsPresetRates()
{
    // fashion-mnist gives the plain GAN its own rates (G 2e-4, D 1e-4) beside MAD-GAN's (G
    // 1e-4, D 8e-4): a method axis runs each at its own, from the plan and from plan.json.
    const SweepPlan methods = parse(R"({"name": "m", "base": "fashion-mnist",
        "axes": {"method": ["gan", "madgan"]}})");
    QCOMPARE(methods.runs[0].config.live.generatorLr, 2e-4);
    QCOMPARE(methods.runs[0].config.live.discriminatorLr, 1e-4);
    QCOMPARE(methods.runs[1].config.live.generatorLr, 1e-4);
    QCOMPARE(methods.runs[1].config.live.discriminatorLr, 8e-4);
    const SweepPlan again = parseSweepPlan(methods.asRunJson, "sweep/plan.json", "sweep", {});
    QCOMPARE(again.runs[0].config.live.discriminatorLr, 1e-4);
    QCOMPARE(again.runs[1].config.live.discriminatorLr, 8e-4);

    // A plan that sets a rate sets that rate for every method (else the GAN's own would replace
    // the axis's values and the sweep vary nothing), by an axis or by "set"; the other rate
    // stays each method's own.
    const SweepPlan rates = parse(R"({"name": "r", "base": "fashion-mnist",
        "set": {"method": "gan"}, "axes": {"optimizer.d_lr": [3e-4, 6e-4]}})");
    QCOMPARE(rates.runs[0].config.live.generatorLr, 2e-4);
    QCOMPARE(rates.runs[0].config.live.discriminatorLr, 3e-4);
    QCOMPARE(rates.runs[1].config.live.discriminatorLr, 6e-4);
    QCOMPARE(rates.runs[1].config.ratesFor(Method::MadGan).discriminator, 6e-4);
    const SweepPlan set = parse(R"({"name": "s", "base": "fashion-mnist",
        "set": {"optimizer": {"g_lr": 3e-4}}, "axes": {"method": ["gan", "madgan"]}})");
    QCOMPARE(set.runs[0].config.live.generatorLr, 3e-4);
    QCOMPARE(set.runs[0].config.live.discriminatorLr, 1e-4);
    QCOMPARE(set.runs[1].config.live.generatorLr, 3e-4);
    QCOMPARE(set.runs[1].config.live.discriminatorLr, 8e-4);
    // The GAN's own rates swept by their path keep the others' as the preset gives them, and
    // win over a rate the plan gives every method.
    const SweepPlan own = parse(R"({"name": "o", "base": "fashion-mnist",
        "axes": {"method": ["gan", "madgan"], "optimizer.per_method.gan.d_lr": [2e-4],
                 "optimizer.d_lr": [5e-4]}})");
    QCOMPARE(own.runs[0].config.live.discriminatorLr, 2e-4);
    QCOMPARE(own.runs[0].config.live.generatorLr, 2e-4);
    QCOMPARE(own.runs[1].config.live.discriminatorLr, 5e-4);
}

void TestSweepPlan::planAsRunRebuildsTheSameRuns()
{
    // plan.json holds the base preset whole: the folder alone rebuilds every run, with no
    // preset to look up (a cluster node), and writing it again gives the same text.
    const SweepPlan plan = parse(kMethodsBySeed);
    const SweepPlan again = parseSweepPlan(plan.asRunJson, "sweep/plan.json", "sweep", {});
    QCOMPARE(again.asRunJson, plan.asRunJson);
    QCOMPARE(again.runs.size(), plan.runs.size());
    for (size_t i = 0; i < plan.runs.size(); ++i) {
        QCOMPARE(again.runs[i].name, plan.runs[i].name);
        QCOMPARE(again.runs[i].configJson, plan.runs[i].configJson);
    }
}

void TestSweepPlan::badPlansAreRefusedNamingTheField_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no name") << R"({"base": "paper-1d", "axes": {"seed": [1]}})"
                             << "\"name\"";
    QTest::newRow("name with a slash")
        << R"({"name": "a/b", "base": "paper-1d", "axes": {"seed": [1]}})"
        << "\"name\" may hold";
    QTest::newRow("unknown top field")
        << R"({"name": "a", "base": "paper-1d", "axis": {"seed": [1]}})"
        << "\"axis\"";
    QTest::newRow("population 0")
        << R"({"name": "a", "base": "paper-1d", "population": 0, "axes": {"seed": [1]}})"
        << "\"population\" must be a whole number from 1 to 256";
    QTest::newRow("population not whole")
        << R"({"name": "a", "base": "paper-1d", "population": 2.5, "axes": {"seed": [1]}})"
        << "\"population\"";
    QTest::newRow("unknown preset") << R"({"name": "a", "base": "paper-9d", "axes": {"seed": [1]}})"
                                    << "unknown preset";
    QTest::newRow("no axes") << R"({"name": "a", "base": "paper-1d"})"
                             << "\"axes\"";
    QTest::newRow("empty axis") << R"({"name": "a", "base": "paper-1d", "axes": {"seed": []}})"
                                << "axes \"seed\"";
    QTest::newRow("unknown field on an axis")
        << R"({"name": "a", "base": "paper-1d", "axes": {"sim.nux": [1]}})"
        << "sim.nux";
    QTest::newRow("a value the field refuses")
        << R"({"name": "a", "base": "paper-1d", "axes": {"method": ["gan", "wgan"]}})"
        << "run method=wgan";
    QTest::newRow("an object no config has")
        << R"({"name": "a", "base": "paper-1d", "axes": {"pacman.packing": [1]}})"
        << "pacman";
    QTest::newRow("path through a number")
        << R"({"name": "a", "base": "paper-1d", "axes": {"batch.size": [1]}})"
        << "batch.size";
    QTest::newRow("set of the wrong type")
        << R"({"name": "a", "base": "paper-1d", "set": [1], "axes": {"seed": [1]}})"
        << "\"set\"";
    QTest::newRow("two runs, one folder name")
        << R"({"name": "a", "base": "paper-1d", "axes": {"description": ["x/y", "x:y"]}})"
        << "share the folder name";
    QTest::newRow("one field on two axes")
        << R"({"name": "a", "base": "paper-1d", "axes": {"optimizer.g_lr": [1e-4, 2e-4],
             "optimizer.d_lr+optimizer.g_lr": [1e-3]}})"
        << "\"optimizer.g_lr\" is set by another axis too";
    QTest::newRow("too many runs")
        << R"({"name": "a", "base": "paper-1d", "axes": {"seed": [1,2,3,4,5,6,7,8,9,10,11],
             "batch": [1,2,3,4,5,6,7,8,9,10], "log_every": [1,2,3,4,5,6,7,8,9,10],
             "samples": [1,2,3,4,5,6,7,8,9,10], "iterations": [1,2,3,4,5,6,7,8,9,10]}})"
        << "more than 100000 runs";
}

void TestSweepPlan::badPlansAreRefusedNamingTheField()
{
    QFETCH(QString, plan);
    QFETCH(QString, mentions);
    try {
        parse(plan.toStdString());
        QFAIL("a bad plan was accepted");
    } catch (const ConfigError& e) {
        const QString message = e.what();
        QVERIFY2(message.startsWith("plan.json: "), qPrintable(message));
        QVERIFY2(message.contains(mentions), qPrintable(message));
    }
}

void TestSweepPlan::quantilesMatchHandValues()
{
    // numpy.quantile([1, 2, 4, 10], q): 0.25 -> 1.75, 0.5 -> 3, 0.75 -> 5.5.
    const std::vector<double> v { 10, 1, 4, 2 };
    QCOMPARE(quantile(v, 0.25), 1.75);
    QCOMPARE(quantile(v, 0.5), 3.0);
    QCOMPARE(quantile(v, 0.75), 5.5);
    QCOMPARE(quantile(v, 0.0), 1.0);
    QCOMPARE(quantile(v, 1.0), 10.0);
    QCOMPARE(quantile({ 7 }, 0.25), 7.0);
    QVERIFY(std::isnan(quantile({}, 0.5)));
    QCOMPARE(quantile({ 1, std::nan(""), 3 }, 0.5), 2.0); // a missing figure is left out
}

void TestSweepPlan::summaryPoolsSeedsPerCell()
{
    const SweepPlan plan = parse(kMethodsBySeed);
    // gan: balanced 1, 2, 5 of 5 (the last cured at step 300); madgan-sim: 5, 5, cured at 200
    // and 400 (seed 3 did not finish).
    std::vector<SweepRunResult> results;
    auto add = [&](int run, int balanced, double hq, long long cured = -1) {
        SweepRunResult r;
        r.run = run;
        r.step = 500;
        r.modes = 5;
        r.metrics.modesBalanced = balanced;
        r.metrics.hqFraction = hq;
        r.metrics.samplesPerGenerator = 2500;
        r.cure.step = cured;
        r.cure.seconds = cured < 0 ? kNotMeasured : cured / 64.0;
        results.push_back(r);
    };
    add(0, 1, 0.5);
    add(1, 2, 0.7);
    add(2, 5, 0.9, 300);
    add(3, 5, 0.95, 200);
    add(4, 5, 0.97, 400);
    const std::string csv = summaryCsv(plan, results);
    const QStringList lines = QString::fromStdString(csv).trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith("method,runs,all_balanced_share,cured_share,cure_step_median,"
                                "modes_balanced_median,modes_balanced_q1,modes_balanced_q3,"
                                "modes_balanced_min,"));
    // gan: 3 runs, 1 of 3 with every mode balanced, 1 of 3 cured (at 300), balanced median 2,
    // q1 1.5, q3 3.5; madgan-sim: both cured, at 200 and 400: median 300.
    QVERIFY2(
        lines[1].startsWith("gan,3,0.333333,0.333333,300,2,1.5,3.5,1,5,"), qPrintable(lines[1]));
    QVERIFY2(lines[2].startsWith("madgan-sim,2,1,1,300,5,5,5,5,5,"), qPrintable(lines[2]));

    const QString md = QString::fromStdString(
        summaryMarkdown(plan, results, { "method=madgan-sim,seed=3: failed (exit 3: nan)" }));
    QVERIFY2(md.contains("5 of 6 runs finished"), qPrintable(md));
    QVERIFY2(
        md.contains("| gan | 3 | 2 [1.5, 3.5] / 5 | 1/3 | 1/3, 300 [300, 300] | 70 [60, 80]% |"),
        qPrintable(md));
    QVERIFY2(md.contains("| madgan-sim | 2 | 5 [5, 5] / 5 | 2/2 | 2/2, 300 [250, 350] |"),
        qPrintable(md));
    QVERIFY2(md.contains("- method=madgan-sim,seed=3: failed"), qPrintable(md));

    const QStringList rows
        = QString::fromStdString(resultsCsv(plan, results)).trimmed().split('\n');
    QCOMPARE(rows.size(), 6);
    QVERIFY2(rows[0].startsWith("run,method,seed,step,wall_seconds,samples,modes,hq_fraction,"),
        qPrintable(rows[0]));
    QVERIFY2(
        rows[1].startsWith("\"method=gan,seed=1\",gan,1,500,0,2500,5,0.5,"), qPrintable(rows[1]));
    QVERIFY2(rows[0].endsWith(",kl_hist,cure_step,cure_seconds"), qPrintable(rows[0]));
    QVERIFY2(rows[1].endsWith(",nan,nan"), qPrintable(rows[1])); // not cured
    QVERIFY2(rows[3].endsWith(",300,4.6875"), qPrintable(rows[3])); // cured at 300, 300 / 64 s
}

void TestSweepPlan::twoDimensionalSummaryHasNoHistogramMetrics()
{
    const SweepPlan plan = parse(kMethodsBySeed);
    std::vector<SweepRunResult> results;
    for (int run = 0; run < 2; ++run) {
        SweepRunResult r;
        r.run = run;
        r.modes = 25;
        r.metrics.modesBalanced = 20 + run;
        r.metrics.hqFraction = 0.9;
        r.metrics.chiSquare = r.metrics.klHist = std::nan(""); // 2-D: not measured (SPEC 6)
        results.push_back(r);
    }
    const QString md = QString::fromStdString(summaryMarkdown(plan, results, {}));
    QVERIFY2(md.contains("| 90 [90, 90]% | 0 [0, 0] | n/a |"), qPrintable(md));
    QStringList names;
    for (const auto& [name, figure] : summaryFigures(plan, results))
        names << QString::fromStdString(name);
    QCOMPARE(
        names, QStringList({ "modes_balanced", "modes_captured", "hq_fraction", "reverse_kl" }));
}

void TestSweepPlan::slurmScriptIsOneArrayJob()
{
    using namespace modescope::app;
    QCOMPARE(arrayList({ 0, 1, 2, 5, 7, 8 }), std::string("0-2,5,7-8"));
    QCOMPARE(arrayList({ 3 }), std::string("3"));
    SlurmOptions options;
    options.partition = "gpu";
    options.time = "0:30:00";
    options.cpusPerTask = 4;
    options.gres = "gpu:1";
    options.maxConcurrent = 2;
    options.extraLines = { "--account=lab" };
    const QString script = QString::fromStdString(sbatchScript("modescope-methods",
        "/opt/ms/bin/modescope-sweep", "/shared/it's here", { 0, 1, 2, 5 }, options));
    for (const char* line : { "#SBATCH --array=0-2,5%2\n", "#SBATCH --partition=gpu\n",
             "#SBATCH --time=0:30:00\n", "#SBATCH --cpus-per-task=4\n", "#SBATCH --gres=gpu:1\n",
             "#SBATCH --account=lab\n", "#SBATCH --job-name=modescope-methods\n",
             "exec '/opt/ms/bin/modescope-sweep' task '/shared/it'\\''s here' "
             "\"$SLURM_ARRAY_TASK_ID\"\n" })
        QVERIFY2(script.contains(line), qPrintable(script));
    QVERIFY(script.startsWith("#!/bin/bash\n"));
    QCOMPARE(script.count("#SBATCH --array"), 1); // ONE array job
}

void TestSweepPlan::figureShowsEveryRunAndTheMedian()
{
    // [0.3, 0.97] in about 5 steps: 0.134 rounds up to a step of 0.2.
    const std::vector<double> fractions = niceTicks(0.3, 0.97);
    const std::vector<double> expected { 0.2, 0.4, 0.6, 0.8, 1.0 };
    QCOMPARE(fractions.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
        QVERIFY(std::abs(fractions[i] - expected[i]) < 1e-12);
    QCOMPARE(niceTicks(1, 5), (std::vector<double> { 1, 2, 3, 4, 5 }));
    QCOMPARE(niceTicks(222, 882), (std::vector<double> { 200, 400, 600, 800, 1000 }));
    // Two cells: three runs and two (one of them nan, left out).
    const Figure f
        = stripPlot("t: hq", { "gan", "madgan-sim" }, { { 1, 2, 5 }, { 4, std::nan("") } });
    int points = 0;
    std::vector<const FigureMark*> bars;
    for (const FigureMark& m : f.marks) {
        points += m.kind == FigureMark::Kind::Circle;
        if (m.kind == FigureMark::Kind::Line && m.width == 3)
            bars.push_back(&m);
    }
    QCOMPARE(points, 4);
    QCOMPARE(bars.size(), size_t(2));
    // The first cell's median (2) sits level with its point of value 2.
    double yOfTwo = -1;
    int seen = 0;
    for (const FigureMark& m : f.marks)
        if (m.kind == FigureMark::Kind::Circle && ++seen == 2)
            yOfTwo = m.y1;
    QCOMPARE(bars[0]->y1, yOfTwo);
    const QString svg = QString::fromStdString(toSvg(f));
    QVERIFY(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    QCOMPARE(svg.count("<circle"), 4);
    QVERIFY(svg.contains(">madgan-sim</text>"));
    QVERIFY(svg.contains(">t: hq</text>"));
}

// Runs join a population only with runs whose steps read the same settings, in plan order,
// at most `cap` to one; the plan's "population" is kept in plan.json.
void TestSweepPlan::runsOfOneShapeGroupIntoPopulations()
{
    const SweepPlan plan = parse(R"({"name": "p", "base": "seed-3mode", "population": 2,
        "axes": {"method": ["madgan", "gan"], "seed": [1, 2, 3], "log_every": [50, 100]}})");
    QCOMPARE(plan.population, 2);
    QCOMPARE(parseSweepPlan(plan.asRunJson, "sweep/plan.json", "sweep", {}).population, 2);
    std::vector<int> all;
    for (const SweepRun& run : plan.runs)
        all.push_back(run.index);
    // log_every is not read by a step: 6 madgan runs, then 6 gan runs, in threes.
    const std::vector<std::vector<int>> three = populationGroups(plan, all, 3);
    QCOMPARE(three,
        (std::vector<std::vector<int>> { { 0, 1, 2 }, { 3, 4, 5 }, { 6, 7, 8 }, { 9, 10, 11 } }));
    for (const auto& group : three)
        for (int index : group)
            QVERIFY(plan.runs[static_cast<size_t>(index)].config.method
                == plan.runs[static_cast<size_t>(group.front())].config.method);
    QCOMPARE(populationGroups(plan, all, 1).size(), all.size());
    QCOMPARE(populationGroups(plan, { 11, 0, 6, 1 }, 8),
        (std::vector<std::vector<int>> { { 11, 6 }, { 0, 1 } }));
}

QTEST_APPLESS_MAIN(TestSweepPlan)
#include "tst_sweepplan.moc"
