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

QTEST_MAIN(TestControlPanel)
#include "tst_controlpanel.moc"
