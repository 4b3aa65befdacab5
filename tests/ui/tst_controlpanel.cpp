// The settings panel hands back the config it was given, untouched where the user changed
// nothing (a preset's uneven layer widths included), and the user's choices where they did.
#include <QSpinBox>
#include <QtTest>

#include "ControlPanel.h"

using namespace modescope;
using namespace modescope::ui;

class TestControlPanel : public QObject
{
    Q_OBJECT
private slots:
    void unchangedPanelKeepsTheConfig();
    void settingsBeyondMemoryAreNamedBeforeReset();
};

void TestControlPanel::unchangedPanelKeepsTheConfig()
{
    TrainConfig given;
    given.generator.hidden = { 64, 32 }; // uneven: the panel shows 64 x 2
    given.discriminator.hidden = { 96, 96, 48 };
    given.batch = 77;
    given.seed = 12;
    given.method = Method::Independent;
    given.generators = 6;
    given.phi = PhiSource::Generator;
    ControlPanel panel;
    panel.setConfig(given);
    const TrainConfig back = panel.config();
    QCOMPARE(back.generator.hidden, given.generator.hidden);
    QCOMPARE(back.discriminator.hidden, given.discriminator.hidden);
    QCOMPARE(back.batch, 77);
    QCOMPARE(back.seed, 12ULL);
    QCOMPARE(back.generators, 6);
    QVERIFY(back.method == Method::Independent);
    QVERIFY(back.phi == PhiSource::Generator);
}

void TestControlPanel::settingsBeyondMemoryAreNamedBeforeReset()
{
    ControlPanel panel;
    panel.setConfig(TrainConfig {});
    panel.show(); // the hint's visibility is read back
    QCOMPARE(panel.resetHint(), QString());
    // Each value is within its box's range; together they need far more than the machine has.
    QList<QSpinBox*> boxes = panel.findChildren<QSpinBox*>();
    auto box = [&](int maximum) {
        for (QSpinBox* b : boxes)
            if (b->maximum() == maximum)
                return b;
        return static_cast<QSpinBox*>(nullptr);
    };
    QSpinBox* batch = box(65536);
    QVERIFY(batch);
    batch->setValue(512);
    QVERIFY2(panel.resetHint().contains("Press R"), qPrintable(panel.resetHint()));
    batch->setValue(65536);
    for (QSpinBox* b : boxes)
        if (b->maximum() == 4096 || b->maximum() == 64)
            b->setValue(b->maximum());
    QVERIFY2(panel.resetHint().contains("would need about"), qPrintable(panel.resetHint()));
    QVERIFY2(panel.resetHint().contains("GiB"), qPrintable(panel.resetHint()));
}

QTEST_MAIN(TestControlPanel)
#include "tst_controlpanel.moc"
