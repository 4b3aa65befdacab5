// The settings panel hands back the config it was given, untouched where the user changed
// nothing (a preset's uneven layer widths included), and the user's choices where they did.
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QWheelEvent>
#include <QtTest>

#include "panels/ControlPanel.h"
#include "panels/MixtureEditor.h"
#include "modescope/config/ConfigJson.h"

#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QTableWidget>

using namespace modescope;
using namespace modescope::ui;

class TestControlPanel : public QObject
{
    Q_OBJECT
private slots:
    void unchangedPanelKeepsTheConfig();
    void settingsBeyondMemoryAreNamedBeforeReset();
    void simFollowsTheMethod();
    void methodSettingFollowsTheMethod();
    void presetDescriptionIsShown();
    void aCustomMixtureIsLabelledCustom();
    void mixtureEditKeepsTheViewRange();
    void learningRatesTakeWhatIsTypedOrSayWhy();
    void aMethodWithItsOwnRatesShowsThem();
    void wheelChangesOnlyAFocusedBox();
};

namespace
{
QComboBox* presetBox(ControlPanel& panel)
{
    for (auto* box : panel.findChildren<QComboBox*>())
        if (box->findText("paper-1d") >= 0)
            return box;
    return nullptr;
}

QComboBox* methodBox(ControlPanel& panel)
{
    for (auto* box : panel.findChildren<QComboBox*>())
        if (box->findText("madgan-sim") >= 0)
            return box;
    return nullptr;
}

QDoubleSpinBox* discriminatorRateBox(ControlPanel& panel)
{
    for (auto* box : panel.findChildren<QDoubleSpinBox*>())
        if (box->minimum() > 0 && box->toolTip().contains("of the discriminator"))
            return box;
    return nullptr;
}

QDoubleSpinBox* lambdaBox(ControlPanel& panel)
{
    for (auto* box : panel.findChildren<QDoubleSpinBox*>())
        if (box->toolTip().startsWith("lambda"))
            return box;
    return nullptr;
}

QDoubleSpinBox* generatorRateBox(ControlPanel& panel)
{
    for (auto* box : panel.findChildren<QDoubleSpinBox*>())
        if (box->minimum() > 0 && box->toolTip().contains("generators"))
            return box;
    return nullptr;
}
} // namespace

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

// The route methods' own setting (K, n_critic, m) has one row, shown and named for the method
// chosen; each value is kept while another method is chosen, and reaches the config at Reset.
void TestControlPanel::methodSettingFollowsTheMethod()
{
    TrainConfig unrolled;
    unrolled.method = Method::Unrolled;
    unrolled.unrolled.steps = 7;
    ControlPanel panel;
    panel.setConfig(unrolled);
    panel.show();
    auto* setting = panel.findChild<QSpinBox*>("methodSetting");
    auto* route = panel.findChild<QLabel*>("route");
    QVERIFY(setting && route);
    QVERIFY(setting->isVisible());
    QCOMPARE(setting->value(), 7);
    QCOMPARE(setting->maximum(), 100);
    QVERIFY2(route->text().contains("route 1"), qPrintable(route->text()));
    QSpinBox* k = nullptr;
    for (auto* box : panel.findChildren<QSpinBox*>())
        if (box->toolTip().startsWith("Number of generators"))
            k = box;
    QVERIFY(k);
    QVERIFY(!k->isEnabled()); // one generator whatever k says

    setting->setValue(9);
    QVERIFY2(panel.resetHint().contains("Press R"), qPrintable(panel.resetHint()));
    QCOMPARE(panel.config().unrolled.steps, 9);

    QComboBox* method = nullptr;
    for (auto* box : panel.findChildren<QComboBox*>())
        if (box->findText("pacgan") >= 0)
            method = box;
    QVERIFY(method);
    method->setCurrentText("pacgan");
    QVERIFY(setting->isVisible());
    QCOMPARE(setting->maximum(), 4); // PacGAN's m: 1 (the plain GAN) to 4
    QCOMPARE(setting->value(), 2);
    setting->setValue(3);
    QCOMPARE(panel.config().pacGan.packing, 3);
    QCOMPARE(panel.config().unrolled.steps, 9); // kept
    method->setCurrentText("wgan-gp");
    QCOMPARE(setting->value(), 5); // the paper's n_critic
    method->setCurrentText("madgan");
    QVERIFY(!setting->isVisible());
    QVERIFY(k->isEnabled());
    QVERIFY2(route->text().contains("route 2"), qPrintable(route->text()));
    QVERIFY2(method->toolTip().contains("k+1 heads"), qPrintable(method->toolTip()));
}

void TestControlPanel::presetDescriptionIsShown()
{
    ControlPanel panel;
    panel.setConfig(loadPreset("seed-3mode", defaultPresetDirs()));
    QVERIFY2(panel.presetDescription().contains("textbook picture of mode collapse"),
        qPrintable(panel.presetDescription()));
    QComboBox* presets = presetBox(panel);
    QVERIFY(presets);
    // Each preset's description also shows on hover in the list (not a folder's name).
    const int paper = presets->findText("paper-1d");
    QVERIFY(presets->itemData(paper, Qt::ToolTipRole).toString().contains("MAD-GAN paper"));
}

void TestControlPanel::aCustomMixtureIsLabelledCustom()
{
    // A session with a mixture of its own: the preset box must not claim a preset.
    TrainConfig session = loadPreset("paper-1d", defaultPresetDirs());
    session.presetName = "custom";
    session.description = "six modes of my own";
    ControlPanel panel;
    QSignalSpy chosen(&panel, &ControlPanel::presetChosen);
    panel.setConfig(session);
    QCOMPARE(presetBox(panel)->currentText(), QString("custom"));
    QCOMPARE(chosen.count(), 0); // showing it loads nothing

    // Editing a preset's mixture makes it custom, with a description that says so.
    panel.setConfig(loadPreset("paper-1d-sim", defaultPresetDirs()));
    panel.mixtureEditor()->addMode();
    const TrainConfig edited = panel.config();
    QCOMPARE(edited.presetName, std::string("custom"));
    QCOMPARE(
        edited.description, std::string("A custom mixture, edited from the preset paper-1d-sim."));
    // What is exported or saved says the same.
    const TrainConfig saved = configFromJson(configToJson(edited), "test");
    QCOMPARE(saved.description, edited.description);
}

void TestControlPanel::mixtureEditKeepsTheViewRange()
{
    // paper-1d views [-10, 130]; the tester added a mode at 40 and got [-5, 115].
    ControlPanel panel;
    const TrainConfig preset = loadPreset("paper-1d", defaultPresetDirs());
    panel.setConfig(preset);
    const auto view = preset.effectiveViewRange();
    const auto metric = preset.effectiveMetricRange();
    QTableWidget* table = panel.mixtureEditor()->table();
    panel.mixtureEditor()->addMode(); // a sixth mode right of the mode at 110 (sd 1): at 116
    table->item(5, 1)->setText("40");
    TrainConfig edited = panel.config();
    QCOMPARE(edited.mixture.modes().back().mean.front(), 40.0);
    QCOMPARE(edited.effectiveViewRange(), view);
    QCOMPARE(edited.effectiveMetricRange(), metric);
    // A mode beyond the range widens it just enough (5 sd past the mode), never narrows it.
    table->item(5, 1)->setText("200");
    edited = panel.config();
    QCOMPARE(edited.effectiveViewRange().first, view.first);
    QCOMPARE(edited.effectiveViewRange().second, 205.0);
}

void TestControlPanel::learningRatesTakeWhatIsTypedOrSayWhy()
{
    ControlPanel panel;
    panel.setConfig(TrainConfig {});
    panel.show();
    QDoubleSpinBox* rate = generatorRateBox(panel);
    QVERIFY(rate);
    QSignalSpy live(&panel, &ControlPanel::liveSettingsChanged);
    // 1 and 0.5 were silently put back to 0.0001.
    for (const char* typed : { "1", "0.5" }) {
        rate->selectAll();
        QTest::keyClicks(rate, typed);
        QTest::keyClick(rate, Qt::Key_Return);
        QCOMPARE(rate->value(), QString(typed).toDouble());
        QCOMPARE(panel.liveSettings().generatorLr, QString(typed).toDouble());
    }
    QVERIFY(live.count() >= 2);
    QCOMPARE(panel.liveMessage(), QString());
    // 0 cannot be a rate: it is put back, and the panel says so, naming the field.
    rate->selectAll();
    QTest::keyClicks(rate, "0");
    QTest::keyClick(rate, Qt::Key_Return);

    QCOMPARE(rate->value(), 0.5);
    QVERIFY2(panel.liveMessage().contains("G learning rate"), qPrintable(panel.liveMessage()));
    QVERIFY2(panel.liveMessage().contains("kept 0.5"), qPrintable(panel.liveMessage()));
    rate->setValue(0.001); // a good value clears it
    QCOMPARE(panel.liveMessage(), QString());
}

// A preset that gives the plain GAN its own rates (the image presets): choosing gan shows
// them, to apply at Reset; a rate typed in is every method's.
void TestControlPanel::aMethodWithItsOwnRatesShowsThem()
{
    TrainConfig preset;
    preset.method = Method::MadGan;
    preset.presetRates = { 1e-4, 8e-4 };
    preset.live.generatorLr = 1e-4;
    preset.live.discriminatorLr = 8e-4;
    preset.methodRates[Method::Gan] = { 4e-4, 3e-4 };
    ControlPanel panel;
    panel.setConfig(preset);
    QDoubleSpinBox* g = generatorRateBox(panel);
    QDoubleSpinBox* d = discriminatorRateBox(panel);
    QComboBox* method = methodBox(panel);
    QVERIFY(g && d && method);
    QCOMPARE(d->value(), 8e-4);
    QVERIFY2(g->toolTip().contains("gan: G 0.0004, D 0.0003"), qPrintable(g->toolTip()));
    QSignalSpy live(&panel, &ControlPanel::liveSettingsChanged);
    QSignalSpy reset(&panel, &ControlPanel::resetNeeded);
    method->setCurrentText("gan");
    QCOMPARE(g->value(), 4e-4);
    QCOMPARE(d->value(), 3e-4);
    QCOMPARE(live.count(), 0); // the running lanes keep theirs until Reset
    QVERIFY(reset.count() > 0);
    QCOMPARE(panel.config().live.discriminatorLr, 3e-4);
    method->setCurrentText("madgan-sim"); // not named: the preset's
    QCOMPARE(g->value(), 1e-4);
    QCOMPARE(d->value(), 8e-4);

    // madgan-sim switched Sim on, which applies now, at the rates the run trains at (madgan's),
    // not gan's, shown a moment before.
    QCOMPARE(live.count(), 1);
    QCOMPARE(live.last().at(0).value<LiveSettings>().discriminatorLr, 8e-4);
    method->setCurrentText("gan");
    live.clear();
    lambdaBox(panel)->stepUp();
    QCOMPARE(live.count(), 1);
    QCOMPARE(live.last().at(0).value<LiveSettings>().generatorLr, 1e-4); // still madgan's
    QCOMPARE(live.last().at(0).value<LiveSettings>().discriminatorLr, 8e-4);
    method->setCurrentText("madgan");

    // Typed: it applies now, to every method; the other rate stays each method's own.
    live.clear();
    g->setValue(2e-4);
    QCOMPARE(live.count(), 1);
    QCOMPARE(live.last().at(0).value<LiveSettings>().generatorLr, 2e-4);
    QVERIFY2(g->toolTip().contains("gan: G 0.0002, D 0.0003"), qPrintable(g->toolTip()));
    method->setCurrentText("gan");
    QCOMPARE(g->value(), 2e-4);
    QCOMPARE(d->value(), 3e-4);
    QCOMPARE(panel.config().live.generatorLr, 2e-4);
}

void TestControlPanel::wheelChangesOnlyAFocusedBox()
{
    ControlPanel panel;
    panel.setConfig(TrainConfig {}); // batch 128
    panel.show();
    QSpinBox* batch = nullptr;
    for (QSpinBox* b : panel.findChildren<QSpinBox*>())
        if (b->maximum() == 65536)
            batch = b;
    QVERIFY(batch);
    QCOMPARE(batch->value(), 128);
    auto wheel = [batch] {
        const QPointF at(batch->width() / 2.0, batch->height() / 2.0);
        QWheelEvent event(at, batch->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
            Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(batch, &event);
    };
    // Scrolling over the panel passes over the box: nothing changes, no Reset is asked for.
    wheel();
    QCOMPARE(batch->value(), 128);
    QCOMPARE(panel.resetHint(), QString());
    // Once the user has picked the box (click or Tab), the wheel steps it as usual.
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    batch->setFocus();
    QTRY_VERIFY(batch->hasFocus());
    wheel();
    QCOMPARE(batch->value(), 127);
}

QTEST_MAIN(TestControlPanel)
#include "tst_controlpanel.moc"
