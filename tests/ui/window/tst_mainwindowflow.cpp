// The window's run flow as a user meets it: a trained run is never discarded without asking
// (Reset, a preset, Open), what was chosen for exports and the layout survive a start with
// --preset, the plot keeps its room in a 1024 x 700 window, and an opened session says where
// its metrics and its snapshots start.
#include <QAction>
#include <QComboBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "panels/ControlPanel.h"
#include "panels/MixtureEditor.h"
#include "plots/DensityPlot.h"
#include "support/WindowTestHelpers.h"
#include "modescope/config/ConfigJson.h"

using namespace window_test;

class TestMainWindowFlow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void resetAsksBeforeDiscardingATrainedRun();
    void presetChangeAsksAndCancelKeepsTheRun();
    void untrainedOrSavedRunsAreNotAskedAbout();
    void quittingAsksToo();
    void anOpenedSessionIsNotAskedAbout();
    void exportChoicesSurviveAStartWithAPreset();
    void plotKeepsItsRoomAt1024x700();
    void openedSessionSaysWhereItsHistoryStarts();
    void anEditedMixtureIsDescribedAsSuch();
};

namespace
{
// A window trained `steps` steps and saved as a session into `dir`.
void trainAndSave(int steps, const QTemporaryDir& dir)
{
    auto window = newWindow();
    stepWindow(*window, steps);
    QSignalSpy saved(window.get(), &MainWindow::exportFinished);
    window->saveSession(dir.path());
    QVERIFY(saved.count() == 1 || saved.wait(kWaitMs));
    QCOMPARE(saved.at(0).at(2).toStringList(), QStringList());
}

QComboBox* presetBox(MainWindow& window)
{
    for (auto* box : window.panel()->findChildren<QComboBox*>())
        if (box->findText("paper-1d") >= 0)
            return box;
    return nullptr;
}
} // namespace

void TestMainWindowFlow::initTestCase()
{
    test::isolateSettings("ModeScopeFlowTest");
}

void TestMainWindowFlow::resetAsksBeforeDiscardingATrainedRun()
{
    auto window = newWindow();
    stepWindow(*window, 3);
    QStringList asked;
    bool answer = false;
    window->setAskToDiscard([&](const QString& question) {
        asked << question;
        return answer;
    });
    QAction* reset = action(*window, "Reset");
    QVERIFY(reset);
    QSignalSpy resetDone(window->controller(), &TrainingController::resetDone);
    reset->trigger(); // the user says Cancel
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked[0].contains("step 3"), qPrintable(asked[0]));
    QVERIFY(!resetDone.wait(500));
    QCOMPARE(window->controller()->latest().iteration, 3LL); // the run goes on
    answer = true; // the user says Discard
    reset->trigger();
    QVERIFY(resetDone.count() == 1 || resetDone.wait(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->latest().iteration, 0LL, kWaitMs);
}

void TestMainWindowFlow::presetChangeAsksAndCancelKeepsTheRun()
{
    auto window = newWindow(); // the preset "test", not in the list: shown as custom
    stepWindow(*window, 2);
    int asked = 0;
    window->setAskToDiscard([&](const QString&) {
        ++asked;
        return false;
    });
    QComboBox* presets = presetBox(*window);
    QVERIFY(presets);
    QCOMPARE(presets->currentText(), QString("custom"));
    presets->setCurrentText("seed-3mode"); // the tester's choice that reset a 60 s run at once
    QCOMPARE(asked, 1);
    QCOMPARE(presets->currentText(), QString("custom")); // put back: the box tells the truth
    QCOMPARE(window->panel()->config().presetName, std::string("test"));
    QCOMPARE(window->panel()->config().seed, 7ULL); // seed-3mode's is 1
    QTest::qWait(300);
    QCOMPARE(window->controller()->latest().iteration, 2LL);
}

void TestMainWindowFlow::untrainedOrSavedRunsAreNotAskedAbout()
{
    auto window = newWindow();
    int asked = 0;
    window->setAskToDiscard([&](const QString&) {
        ++asked;
        return false;
    });
    QSignalSpy resetDone(window->controller(), &TrainingController::resetDone);
    action(*window, "Reset")->trigger(); // step 0: nothing to lose
    QVERIFY(resetDone.wait(kWaitMs));
    QCOMPARE(asked, 0);
    stepWindow(*window, 2);
    QTemporaryDir dir;
    QSignalSpy saved(window.get(), &MainWindow::exportFinished);
    window->saveSession(dir.filePath("run"));
    QVERIFY(saved.count() == 1 || saved.wait(kWaitMs));
    QCOMPARE(saved.at(0).at(2).toStringList(), QStringList());
    action(*window, "Reset")->trigger(); // saved at step 2: nothing to lose either
    QVERIFY(resetDone.wait(kWaitMs));
    QCOMPARE(asked, 0);
}

void TestMainWindowFlow::quittingAsksToo()
{
    auto window = newWindow();
    window->show();
    stepWindow(*window, 2);
    int asked = 0;
    window->setAskToDiscard([&](const QString& question) {
        ++asked;
        return !question.startsWith("Quitting"); // the user cancels quitting
    });
    QVERIFY(!window->close()); // Ctrl+Q, the window's close button
    QCOMPARE(asked, 1);
    QVERIFY(window->isVisible());
}

void TestMainWindowFlow::anOpenedSessionIsNotAskedAbout()
{
    QTemporaryDir dir;
    trainAndSave(3, dir);

    MainWindow opener;
    opener.setQuiet(true);
    int asked = 0;
    opener.setAskToDiscard([&](const QString&) {
        ++asked;
        return false;
    });
    QSignalSpy opened(&opener, &MainWindow::sessionOpened);
    QVERIFY(opener.openSession(dir.path()));
    QVERIFY(opened.wait(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(opener.controller()->latest().iteration, 3LL, kWaitMs);
    QSignalSpy resetDone(opener.controller(), &TrainingController::resetDone);
    for (QAction* a : opener.findChildren<QAction*>())
        if (a->text() == "Reset")
            a->trigger(); // the session on disk is the run: nothing to lose
    QCOMPARE(asked, 0);
    QVERIFY(resetDone.wait(kWaitMs));
}

void TestMainWindowFlow::exportChoicesSurviveAStartWithAPreset()
{
    {
        auto window = newWindow();
        ExportRequest choices = window->exportChoices();
        choices.figure.widthCm = 8.5;
        choices.figure.dpi = 600;
        choices.figure.fontPt = 8;
        choices.folder = "/tmp/figures-for-the-paper";
        choices.video = true;
        window->setExportChoices(choices); // as the export dialog leaves them
        window->show();
        window->close(); // saves them
    }
    // `modescope --preset X` restores the layout and export choices, not the run.
    MainWindow next;
    next.setQuiet(true);
    next.restoreLayout();
    QCOMPARE(next.exportChoices().figure.widthCm, 8.5);
    QCOMPARE(next.exportChoices().figure.dpi, 600);
    QCOMPARE(next.exportChoices().figure.fontPt, 8);
    QCOMPARE(next.exportChoices().folder, QString("/tmp/figures-for-the-paper"));
    QVERIFY(next.exportChoices().video);
    QSettings().setValue("export/dpi", 0); // a damaged value is kept within range
    MainWindow third;
    third.restoreLayout();
    QCOMPARE(third.exportChoices().figure.dpi, 50);
    QSettings().clear();
}

void TestMainWindowFlow::plotKeepsItsRoomAt1024x700()
{
    auto window = newWindow();
    window->resize(1024, 700);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QTest::qWait(100); // the docks are laid out after the first show
    DensityPlot* plot = window->densityPlot();
    QVERIFY2(plot->width() >= 380, qPrintable(QString::number(plot->width())));
    QVERIFY2(plot->height() >= 260, qPrintable(QString::number(plot->height())));
    QVERIFY(plot->isVisible());
}

void TestMainWindowFlow::openedSessionSaysWhereItsHistoryStarts()
{
    QTemporaryDir dir;
    trainAndSave(5, dir);

    MainWindow opener;
    opener.setQuiet(true);
    QSignalSpy opened(&opener, &MainWindow::sessionOpened);
    QSignalSpy snapshot(opener.controller(), &TrainingController::snapshotReady);
    QVERIFY(opener.openSession(dir.path()));
    QVERIFY(opened.wait(kWaitMs));
    QVERIFY(snapshot.count() >= 1 || snapshot.wait(kWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(opener.historyText().contains("snapshot"), kWaitMs);
    // Five rows of metrics came back from metrics.csv; the snapshots start at step 5.
    QCOMPARE(opener.history().rows().size(), size_t(5));
    QVERIFY2(opener.historyText().contains("from step 5; metrics from step 1"),
        qPrintable(opener.historyText()));
}

void TestMainWindowFlow::anEditedMixtureIsDescribedAsSuch()
{
    auto window = std::make_unique<MainWindow>();
    window->setQuiet(true);
    QSignalSpy resets(window->controller(), &TrainingController::resetDone);
    window->startConfig(loadPreset("seed-3mode", defaultPresetDirs()));
    QVERIFY(resets.wait(kWaitMs));
    QVERIFY(window->panel()->presetDescription().startsWith("Three well separated Gaussians"));
    window->panel()->mixtureEditor()->addMode(); // the tester's edit, then Reset
    QAction* reset = action(*window, "Reset");
    QVERIFY(reset);
    reset->trigger();
    QVERIFY(resets.wait(kWaitMs));
    QCOMPARE(presetBox(*window)->currentText(), QString("custom"));
    QCOMPARE(window->panel()->presetDescription(),
        QString("A custom mixture, edited from the preset seed-3mode."));
}

QTEST_MAIN(TestMainWindowFlow)
#include "tst_mainwindowflow.moc"
