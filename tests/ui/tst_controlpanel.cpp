// The settings panel hands back the config it was given, untouched where the user changed
// nothing (a preset's uneven layer widths included), and the user's choices where they did.
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QSignalSpy>
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
    void simFollowsTheMethod();
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

void TestControlPanel::simFollowsTheMethod()
{
    TrainConfig madgan;
    madgan.method = Method::MadGan;
    ControlPanel panel;
    panel.setConfig(madgan);
    auto* sim = panel.findChild<QCheckBox*>();
    QVERIFY(sim);
    auto* group = qobject_cast<QGroupBox*>(sim->parentWidget());
    QVERIFY(group);
    QVERIFY(group->isEnabled()); // switchable live in a madgan run
    QVERIFY(!sim->isChecked());
    QSignalSpy live(&panel, &ControlPanel::liveSettingsChanged);
    sim->setChecked(true);
    QCOMPARE(live.count(), 1);
    QCOMPARE(live.last().at(0).value<LiveSettings>().simEnabled, true);

    QComboBox* method = nullptr;
    for (auto* box : panel.findChildren<QComboBox*>())
        if (box->findText("madgan-sim") >= 0)
            method = box;
    QVERIFY(method);
    // gan and independent have no per-generator heads: the group is off and says why.
    method->setCurrentText("gan");
    QVERIFY(!group->isEnabled());
    QVERIFY2(group->toolTip().contains("k+1 heads"), qPrintable(group->toolTip()));
    // Choosing madgan-sim starts it as a preset would: Sim on; madgan: off.
    method->setCurrentText("madgan-sim");
    QVERIFY(group->isEnabled());
    QVERIFY(sim->isChecked());
    QVERIFY(panel.config().live.simEnabled);
    method->setCurrentText("madgan");
    QVERIFY(!sim->isChecked());
}

QTEST_MAIN(TestControlPanel)
#include "tst_controlpanel.moc"
