#include "window/AboutDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "export/MediaExport.h"
#include "window/AppIdentity.h"
#include "modescope/Version.h"
#include "modescope/machine/BuildInfo.h"

namespace modescope::ui
{

namespace
{
constexpr int kIconPixels = 96;
constexpr int kTextWidthPixels = 520;
} // namespace

QString AboutDialog::text()
{
    auto row = [](const QString& name, const QString& version, const QString& licence,
                   const QString& use) {
        return QString("<tr><td><b>%1</b> %2</td><td>%3</td><td>%4</td></tr>")
            .arg(name, version, licence, use);
    };
    QString libraries = "<table cellspacing='0' cellpadding='2'>"
        + row("Qt", qVersion(), "LGPL 3", tr("window, plots' canvas, settings"))
        + row("LibTorch", QString::fromStdString(torchVersion()), "BSD 3-Clause",
            tr("networks, losses, training"))
        + row("QCustomPlot", QCUSTOMPLOT_VERSION_STR, "GPL 3", tr("the plots"))
        + row("OpenCV", openCvVersion(), "Apache 2.0", tr("history video, sample strip"))
        + row("OpenBLAS", "", "BSD 3-Clause", tr("matrix products (through LibTorch)"))
        + row("nlohmann/json", "", "MIT", tr("presets and run folders")) + "</table>";
    return tr("<h2>ModeScope %1</h2>"
              "<p>Watch GANs lose modes and multi-generator methods win them back: a plain GAN, "
              "k independent generators, MAD-GAN and MAD-GAN-Sim trained live on mixtures of "
              "Gaussians, one density per generator over the true density.</p>"
              "<p><b>References</b><br>"
              "A. Ghosh, V. Kulharia, V. Namboodiri, P. H. S. Torr, P. K. Dokania: "
              "<i>Multi-Agent Diverse Generative Adversarial Networks</i>, CVPR 2018 "
              "(MAD-GAN, MAD-GAN-Sim).<br>"
              "Z. Lin, A. Khetan, G. Fanti, S. Oh: <i>PacGAN: The power of two samples in "
              "generative adversarial networks</i>, NeurIPS 2018 (modes captured, "
              "high-quality share, reverse KL).<br>"
              "I. Goodfellow et al.: <i>Generative Adversarial Nets</i>, NIPS 2014.</p>"
              "<p><b>Built with</b></p>%2"
              "<p>QCustomPlot is licensed under the GPL 3, so a ModeScope binary that links it "
              "is distributed under the GPL 3's terms.</p>")
        .arg(kVersion, libraries);
}

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About ModeScope"));
    auto* icon = new QLabel;
    icon->setPixmap(applicationIcon().pixmap(kIconPixels, kIconPixels));
    icon->setAlignment(Qt::AlignTop);
    auto* body = new QLabel(text());
    body->setObjectName("aboutText");
    body->setWordWrap(true);
    body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    body->setFixedWidth(kTextWidthPixels);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* top = new QHBoxLayout;
    top->addWidget(icon);
    top->addWidget(body, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
}

} // namespace modescope::ui
