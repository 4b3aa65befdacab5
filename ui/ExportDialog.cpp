#include "ExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace modescope::ui
{

namespace
{
constexpr int kMinSidePx = 64;
constexpr int kMaxSidePx = 8192;
} // namespace

ExportDialog::ExportDialog(const ExportRequest& initial, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export"));
    auto* form = new QFormLayout(this);

    m_folder = new QLineEdit(initial.folder, this);
    m_folder->setToolTip(tr("Everything goes into this folder (created if needed). As a run "
                            "folder it resumes with modescope-train --resume."));
    auto* browse = new QPushButton(tr("Browse..."), this);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    form->addRow(tr("Folder"), folderRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir
            = QFileDialog::getExistingDirectory(this, tr("Export to"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });

    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox* box : { m_width, m_height }) {
        box->setRange(kMinSidePx, kMaxSidePx);
        box->setSuffix(" px");
    }
    m_width->setValue(initial.width);
    m_height->setValue(initial.height);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(m_height);
    form->addRow(tr("Size"), sizeRow);

    auto box = [this, form](const QString& text, bool checked, const QString& tip) {
        auto* check = new QCheckBox(text, this);
        check->setChecked(checked);
        check->setToolTip(tip);
        form->addRow(check);
        return check;
    };
    m_png
        = box(tr("Density plot, PNG (density.png)"), initial.png, tr("Raster, at the size above"));
    m_pdf = box(tr("Density plot, PDF (density.pdf)"), initial.pdf, tr("Vector, for papers"));
    m_svg = box(tr("Density plot, SVG (density.svg)"), initial.svg, tr("Vector, editable"));
    m_sidePlots = box(tr("Losses, metrics and ownership, PNG"), initial.sidePlots,
        tr("losses.png, metrics.png, ownership.png"));
    m_runData = box(tr("Run folder: config.json, metrics.csv, samples.csv, density.csv, "
                       "checkpoint.pt"),
        initial.runData, tr("SPEC section 5's run folder; resumes in the window or headless"));
    m_strip = box(tr("Strip image of generator samples (samples-strip.png)"), initial.strip,
        tr("One band per generator, shaded by where its samples fall"));
    m_video = box(tr("History video (history.avi or .mp4)"), initial.video,
        tr("Every kept snapshot as a frame of the density plot"));
    m_videoFormat = new QComboBox(this);
    m_videoFormat->addItem(tr(".avi, Motion-JPEG (always available)"), "avi");
    m_videoFormat->addItem(tr(".mp4, H.264 or MPEG-4 (where OpenCV has the codec)"), "mp4");
    m_videoFormat->setCurrentIndex(std::max(0, m_videoFormat->findData(initial.videoFormat)));
    form->addRow(tr("Video format"), m_videoFormat);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    QPushButton* all = buttons->addButton(tr("Export all"), QDialogButtonBox::AcceptRole);
    all->setToolTip(tr("Tick everything and export"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(all, &QPushButton::clicked, this, [this] {
        for (QCheckBox* check : { m_png, m_pdf, m_svg, m_sidePlots, m_runData, m_strip, m_video })
            check->setChecked(true);
    });
}

ExportRequest ExportDialog::request() const
{
    ExportRequest r;
    r.folder = m_folder->text().trimmed();
    r.width = m_width->value();
    r.height = m_height->value();
    r.png = m_png->isChecked();
    r.pdf = m_pdf->isChecked();
    r.svg = m_svg->isChecked();
    r.sidePlots = m_sidePlots->isChecked();
    r.runData = m_runData->isChecked();
    r.strip = m_strip->isChecked();
    r.video = m_video->isChecked();
    r.videoFormat = m_videoFormat->currentData().toString();
    return r;
}

} // namespace modescope::ui
