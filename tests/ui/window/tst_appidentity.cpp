// The window's identity: the name, version, desktop id and icon a desktop shows, and an About
// box that names the version, the references and every linked library with its licence.
#include <QLabel>
#include <QtTest>

#include "window/AboutDialog.h"
#include "window/AppIdentity.h"
#include "modescope/Version.h"

using namespace modescope::ui;

class TestAppIdentity : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { applyIdentity(); }
    void desktopMatchesTheMenuEntry();
    void iconShipsEverySize();
    void aboutNamesVersionReferencesAndLicences_data();
    void aboutNamesVersionReferencesAndLicences();
    void aboutDialogShowsTheText();
};

void TestAppIdentity::desktopMatchesTheMenuEntry()
{
    QCOMPARE(QGuiApplication::desktopFileName(), QString("io.github.modescope.ModeScope"));
    QCOMPARE(QCoreApplication::applicationVersion(), QString(modescope::kVersion));
    // Where QSettings keeps the last settings (~/.config/ModeScope/ModeScope.conf).
    QCOMPARE(QCoreApplication::organizationName(), QString("ModeScope"));
    QCOMPARE(QCoreApplication::applicationName(), QString("ModeScope"));
}

void TestAppIdentity::iconShipsEverySize()
{
    const QIcon icon = QApplication::windowIcon();
    QVERIFY(!icon.isNull());
    const QList<QSize> sizes = icon.availableSizes();
    for (int size : { 16, 24, 32, 48, 64, 128, 256 }) {
        QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(QString::number(size)));
        // Each size is a real picture: not transparent all over.
        const QImage image = icon.pixmap(size, size).toImage();
        QCOMPARE(image.size(), QSize(size, size));
        QVERIFY(qAlpha(image.pixel(size / 2, size / 2)) > 0);
    }
}

void TestAppIdentity::aboutNamesVersionReferencesAndLicences_data()
{
    QTest::addColumn<QString>("mentions");
    QTest::newRow("version") << QString("ModeScope %1").arg(modescope::kVersion);
    QTest::newRow("MAD-GAN paper") << "Multi-Agent Diverse Generative Adversarial Networks";
    QTest::newRow("PacGAN paper") << "PacGAN";
    QTest::newRow("Qt and its version") << QString("Qt</b> %1").arg(qVersion());
    QTest::newRow("LibTorch's version") << "LibTorch</b> 1.";
    QTest::newRow("QCustomPlot's version") << "QCustomPlot</b> 2.";
    QTest::newRow("OpenCV's version") << "OpenCV</b> 4.";
    QTest::newRow("Qt's licence") << "LGPL 3";
    QTest::newRow("QCustomPlot's licence") << "GPL 3";
    QTest::newRow("OpenCV's licence") << "Apache 2.0";
    QTest::newRow("LibTorch's licence") << "BSD 3-Clause";
}

void TestAppIdentity::aboutNamesVersionReferencesAndLicences()
{
    QFETCH(QString, mentions);
    const QString text = AboutDialog::text();
    QVERIFY2(text.contains(mentions), qPrintable(text));
}

void TestAppIdentity::aboutDialogShowsTheText()
{
    AboutDialog dialog;
    auto* body = dialog.findChild<QLabel*>("aboutText");
    QVERIFY(body);
    // What a reader sees in the dialog, checked against the facts, not against the function
    // that wrote the label.
    const QString shown = body->text();
    QVERIFY2(shown.contains(QString("ModeScope %1").arg(modescope::kVersion)), qPrintable(shown));
    QVERIFY(shown.contains("Multi-Agent Diverse Generative Adversarial Networks"));
    QVERIFY(shown.contains(qVersion())); // the Qt it runs on
    QVERIFY(shown.contains("GPL 3")); // QCustomPlot's licence
    QCOMPARE(dialog.windowTitle(), QString("About ModeScope"));
}

QTEST_MAIN(TestAppIdentity)
#include "tst_appidentity.moc"
