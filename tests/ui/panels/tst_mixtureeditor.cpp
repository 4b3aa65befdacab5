// The mixture editor refuses rows that cannot be a mode's, says why, and keeps the last good
// mixture; good edits, added and removed modes change the mixture and signal it.
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include "panels/MixtureEditor.h"

using namespace modescope;
using namespace modescope::ui;

class TestMixtureEditor : public QObject
{
    Q_OBJECT
private slots:
    void badCellsAreRefused_data();
    void badCellsAreRefused();
    void goodEditChangesTheMixture();
    void addAndRemoveModes();
    void theLastModeCannotGo();

private:
    static Mixture twoModes() { return Mixture({ { 1, -5, 1 }, { 3, 5, 2 } }); }
};

void TestMixtureEditor::badCellsAreRefused_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");
    QTest::newRow("weight zero") << 0 << "0"
                                 << "Mode 2's weight must be above zero.";
    QTest::newRow("weight negative") << 0 << "-1"
                                     << "Mode 2's weight must be above zero.";
    QTest::newRow("sd zero") << 2 << "0"
                             << "Mode 2's sd must be above zero.";
    QTest::newRow("mean not a number") << 1 << "ten"
                                       << "Mode 2's mean must be a number, not \"ten\".";
    QTest::newRow("sd infinite") << 2 << "inf"
                                 << "Mode 2's sd must be a number, not \"inf\".";
    QTest::newRow("empty") << 0 << ""
                           << "Mode 2's weight must be a number, not \"\".";
}

void TestMixtureEditor::badCellsAreRefused()
{
    QFETCH(int, column);
    QFETCH(QString, text);
    QFETCH(QString, reason);
    MixtureEditor editor;
    editor.setMixture(twoModes());
    QSignalSpy changed(&editor, &MixtureEditor::changed);
    editor.table()->item(1, column)->setText(text);
    QCOMPARE(editor.lastError(), reason);
    QCOMPARE(changed.count(), 0);
    // The cell shows the last good value again and the mixture is unchanged.
    const double before[] = { 3, 5, 2 };
    QCOMPARE(editor.table()->item(1, column)->text().toDouble(), before[column]);
    const Mode mode = editor.mixture().modes()[1]; // a copy: mixture() returns a temporary
    QCOMPARE(mode.weight, 3.0);
    QCOMPARE(mode.mean.front(), 5.0);
    QCOMPARE(mode.sd, 2.0);
}

void TestMixtureEditor::goodEditChangesTheMixture()
{
    MixtureEditor editor;
    editor.setMixture(twoModes());
    QSignalSpy changed(&editor, &MixtureEditor::changed);
    editor.table()->item(0, 1)->setText("-7.5");
    editor.table()->item(0, 2)->setText(" 0.25 ");
    QCOMPARE(changed.count(), 2);
    QVERIFY(editor.lastError().isEmpty());
    QCOMPARE(editor.mixture().modes()[0].mean.front(), -7.5);
    QCOMPARE(editor.mixture().modes()[0].sd, 0.25);
    // Weights are relative: 1 and 3 give a quarter and three quarters.
    QCOMPARE(editor.mixture().normalisedWeight(0), 0.25);
}

void TestMixtureEditor::addAndRemoveModes()
{
    MixtureEditor editor;
    editor.setMixture(twoModes());
    QSignalSpy changed(&editor, &MixtureEditor::changed);
    editor.addMode();
    QCOMPARE(editor.mixture().size(), 3);
    QCOMPARE(editor.table()->rowCount(), 3);
    // A copy of the last mode, six of its sds to the right.
    QCOMPARE(editor.mixture().modes()[2].mean.front(), 5.0 + 6 * 2.0);
    QCOMPARE(editor.mixture().modes()[2].sd, 2.0);
    editor.table()->setCurrentCell(0, 0);
    editor.removeMode();
    QCOMPARE(editor.mixture().size(), 2);
    QCOMPARE(editor.mixture().modes()[0].mean.front(), 5.0);
    QCOMPARE(changed.count(), 2);
}

void TestMixtureEditor::theLastModeCannotGo()
{
    MixtureEditor editor;
    editor.setMixture(Mixture({ { 1, 0, 1 } }));
    editor.removeMode();
    QCOMPARE(editor.mixture().size(), 1);
    QCOMPARE(editor.lastError(), QString("A mixture needs at least one mode."));
}

QTEST_MAIN(TestMixtureEditor)
#include "tst_mixtureeditor.moc"
