// The benchmark's work count: one step's matrix-product FLOPs against a hand computation.
#include <QtTest>

#include "modescope/machine/StepCost.h"

using namespace modescope;

class TestStepCost : public QObject
{
    Q_OBJECT
private slots:
    void paper1d_data();
    void paper1d();
    void imagesAreAsWideAsTheirPixels();
};

void TestStepCost::paper1d_data()
{
    // paper-1d: G 64-128-128-1, D 1-128-128-128-heads, B = 128. Per sample, in * out summed:
    // G 24704 (16512 above the first layer); D with 5 heads 33536 (33408 above the first),
    // with 2 heads 33152 (33024).
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("k");
    QTest::addColumn<double>("flops");
    // madgan, k = 4: G forward 2*512*24704 = 25296896; D phase 2*640*(33536+33536+33408) =
    // 128614400; G phase 2*512*(2*33536) = 68681728 plus G backward 2*512*(24704+16512) =
    // 42205184; with Sim off the cosine products still run forward (the violation rate is
    // measured): 2*128*4*4*128 = 524288.
    QTest::newRow("madgan k=4") << int(Method::MadGan) << 4 << 265322496.0;
    // gan: 2*128*24704 + 2*256*(2*33152+33024) + 2*128*(2*33152) + 2*128*(24704+16512).
    QTest::newRow("gan") << int(Method::Gan) << 4 << 84705280.0;
    // madgan-sim adds the cosine products, forward and backward: 2*2*128*4*4*128 = 1048576.
    QTest::newRow("madgan-sim k=4") << int(Method::MadGanSim) << 4 << 265846784.0;
}

void TestStepCost::paper1d()
{
    QFETCH(int, method);
    QFETCH(int, k);
    QFETCH(double, flops);
    TrainConfig config; // the defaults are paper-1d's networks
    config.method = static_cast<Method>(method);
    config.live.simEnabled = config.method == Method::MadGanSim; // as a preset starts it
    config.generators = k;
    QCOMPARE(matmulFlopsPerStep(config), flops);
    config.live.simEnabled = false; // Sim off costs what MAD-GAN costs
    if (config.method == Method::MadGanSim)
        QCOMPARE(matmulFlopsPerStep(config), 265322496.0);
}

void TestStepCost::imagesAreAsWideAsTheirPixels()
{
    // 2 x 2 images (a sample is 4 numbers), madgan k = 2, B = 10, G 3-5-4, D 4-6-3 heads.
    TrainConfig config;
    config.images = ImageTarget {};
    config.images->rows = 2;
    config.images->cols = 2;
    config.method = Method::MadGan;
    config.live.simEnabled = false;
    config.generators = 2;
    config.batch = 10;
    config.noiseDim = 3;
    config.generator.hidden = { 5 };
    config.discriminator.hidden = { 6 };
    // G layers 3*5 = 15 and 5*4 = 20: forward 2*10*2*35 = 1400, backward 2*10*2*(35 + 20) =
    // 2200. D 4*6 + 6*3 = 42 (18 above the first): a row of the D phase 42 + 42 + 18 = 102,
    // 2*3*10*102 = 6120; the G phase's D forward and input gradients 2*2*10*(42 + 42) = 3360.
    // The Sim cosines, measured: 2*10*2*2*6 = 480. With a sample 1 wide (as the cost was
    // counted before images) D's first layer would be 1*6 and G's last 5*1.
    QCOMPARE(matmulFlopsPerStep(config), 1400.0 + 2200 + 6120 + 3360 + 480);
    // G's first layer a trunk: run once on the 10 noise rows, not per generator. Forward
    // 2*10*(15 + 2*20) = 1100; backward 2*10*(15 + 2*(20 + 20)) = 1900 (no input gradient
    // below the trunk's first layer).
    config.generatorSharedLayers = 1;
    QCOMPARE(matmulFlopsPerStep(config), 1100.0 + 1900 + 6120 + 3360 + 480);
}

QTEST_MAIN(TestStepCost)
#include "tst_stepcost.moc"
