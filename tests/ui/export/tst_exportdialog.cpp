// The export dialog hands back the printed size it shows: lengths in cm or inches (stored in
// cm), the DPI and the text size, with the PNG's pixels and the vector files' points spelled
// out before anything is written.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QtTest>

#include "export/ExportDialog.h"

using namespace modescope::ui;

class TestExportDialog : public QObject
{
    Q_OBJECT
private slots:
    void choicesComeBackAsGiven();
    void inchesAreShownAndCentimetresKept();
    void sizePresetsFillTheSize();
    void aMapRunCannotAskForTheStrip();
};

namespace
{
ExportRequest oneColumn()
{
    ExportRequest r;
    r.folder = "/tmp/figures";
    r.figure = { 8.5, 6.0, 300, 8, false };
    r.video = true;
    return r;
}

QString readout(const ExportDialog& dialog)
{
    for (QLabel* label : dialog.findChildren<QLabel*>())
        if (label->text().startsWith("PNG"))
            return label->text();
    return {};
}

QComboBox* comboWith(const ExportDialog& dialog, const QString& item)
{
    for (QComboBox* box : dialog.findChildren<QComboBox*>())
        if (box->findText(item) >= 0)
            return box;
    return nullptr;
}
} // namespace

void TestExportDialog::choicesComeBackAsGiven()
{
    ExportDialog dialog(oneColumn());
    const ExportRequest r = dialog.request();
    QCOMPARE(r.folder, QString("/tmp/figures"));
    QCOMPARE(r.figure.widthCm, 8.5);
    QCOMPARE(r.figure.heightCm, 6.0);
    QCOMPARE(r.figure.dpi, 300);
    QCOMPARE(r.figure.fontPt, 8);
    QVERIFY(!r.figure.caption);
    QVERIFY(r.video);
    // 8.5 cm = 241 pt; at 300 dpi 241 * 300 / 72 = 1004 px. 6 cm = 170 pt -> 708 px.
    QCOMPARE(readout(dialog), QString("PNG 1004 x 708 px; PDF and SVG 241 x 170 pt"));
    QCOMPARE(comboWith(dialog, "Custom")->currentText(), QString("One column, 8.5 x 6 cm"));
}

void TestExportDialog::inchesAreShownAndCentimetresKept()
{
    ExportDialog dialog(oneColumn());
    comboWith(dialog, "in")->setCurrentIndex(1);
    QDoubleSpinBox* width = nullptr;
    for (QDoubleSpinBox* box : dialog.findChildren<QDoubleSpinBox*>())
        if (box->toolTip().contains("width"))
            width = box;
    QVERIFY(width);
    QCOMPARE(width->suffix(), QString(" in"));
    QCOMPARE(width->value(), 3.35); // 8.5 / 2.54 = 3.346, two decimals
    const ExportRequest r = dialog.request();
    QVERIFY(r.inches);
    QVERIFY(std::abs(r.figure.widthCm - 8.5) < 0.02);
    QCOMPARE(readout(dialog), QString("PNG 1004 x 708 px; PDF and SVG 241 x 170 pt"));
}

void TestExportDialog::sizePresetsFillTheSize()
{
    ExportDialog dialog(oneColumn());
    QComboBox* sizes = comboWith(dialog, "Custom");
    QVERIFY(sizes);
    sizes->setCurrentIndex(2);
    emit sizes->activated(2); // what a click does
    const ExportRequest r = dialog.request();
    QCOMPARE(r.figure.widthCm, 25.4);
    QCOMPARE(r.figure.heightCm, 14.3);
    // A slide at 300 dpi: 720 x 405 pt, 3000 x 1688 px.
    QCOMPARE(readout(dialog), QString("PNG 3000 x 1688 px; PDF and SVG 720 x 405 pt"));
}

void TestExportDialog::aMapRunCannotAskForTheStrip()
{
    ExportRequest initial = oneColumn();
    initial.strip = true;
    ExportDialog dialog(initial);
    QCheckBox* strip = nullptr;
    for (QCheckBox* box : dialog.findChildren<QCheckBox*>())
        if (box->text().contains("samples-strip.png"))
            strip = box;
    QVERIFY(strip);
    QVERIFY(strip->isEnabled());
    dialog.setMapRun(true);
    QVERIFY(!strip->isEnabled());
    QVERIFY(!strip->isChecked());
    QVERIFY(strip->toolTip().contains("1-D runs only"));
    // The choice is kept for the next 1-D run.
    QVERIFY(dialog.request().strip);
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
