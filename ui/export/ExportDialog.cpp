#include "export/ExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

#include <cmath>
#include <iterator>

namespace modescope::ui
{

ExportDialog::ExportDialog(const ExportRequest& initial, QWidget* parent)
    : QDialog(parent)
    , m_initial(initial)
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

    m_sizePreset = new QComboBox(this);
    for (const auto& p : kFigureSizePresets)
        m_sizePreset->addItem(tr(p.name));
    m_sizePreset->addItem(tr("Custom"));
    m_sizePreset->setToolTip(tr("Printed sizes for a paper's column, its full width, a slide"));
    form->addRow(tr("Figure size"), m_sizePreset);
    m_width = new QDoubleSpinBox(this);
    m_height = new QDoubleSpinBox(this);
    m_unit = new QComboBox(this);
    m_unit->addItems({ tr("cm"), tr("in") });
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel("x", this));
    sizeRow->addWidget(m_height);
    sizeRow->addWidget(m_unit);
    form->addRow(tr("Width x height"), sizeRow);
    m_width->setToolTip(tr("The printed width of every figure"));
    m_height->setToolTip(tr("The printed height of the plots (the strip image's height follows "
                            "its bands; a comparison grows taller where its lanes need room, "
                            "about 2 cm a lane at 9 pt)"));
    m_dpi = new QSpinBox(this);
    m_dpi->setRange(kMinDpi, kMaxDpi);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(tr("PNG pixels per inch (300 for print). PDF and SVG stay vector"));
    m_dpi->setValue(initial.figure.dpi);
    m_font = new QSpinBox(this);
    m_font->setRange(kMinFontPt, kMaxFontPt);
    m_font->setSuffix(tr(" pt"));
    m_font->setToolTip(tr("Axis labels at this size as printed; ticks and legend one point "
                          "smaller. 8-10 pt reads well in a paper"));
    m_font->setValue(initial.figure.fontPt);
    auto* typeRow = new QHBoxLayout;
    typeRow->addWidget(m_dpi);
    typeRow->addWidget(new QLabel(tr("text"), this));
    typeRow->addWidget(m_font);
    form->addRow(tr("Resolution"), typeRow);
    m_caption = new QCheckBox(tr("Caption above each figure"), this);
    m_caption->setToolTip(tr("One line naming the preset, method, k, step and seed (it is stored "
                             "as the file's title either way):\n%1")
                              .arg(initial.caption));
    m_caption->setChecked(initial.figure.caption);
    form->addRow(m_caption);
    m_pixels = new QLabel(this);
    m_pixels->setStyleSheet("color: #505050");
    form->addRow(m_pixels);
    setLengthUnit(initial.inches);
    m_unit->setCurrentIndex(initial.inches ? 1 : 0);
    const double unit = initial.inches ? kCmPerInch : 1.0;
    m_width->setValue(initial.figure.widthCm / unit);
    m_height->setValue(initial.figure.heightCm / unit);
    connect(m_sizePreset, &QComboBox::activated, this, [this](int index) {
        if (index >= static_cast<int>(std::size(kFigureSizePresets)))
            return;
        const double unit = m_unit->currentIndex() == 1 ? kCmPerInch : 1.0;
        m_width->setValue(kFigureSizePresets[index].widthCm / unit);
        m_height->setValue(kFigureSizePresets[index].heightCm / unit);
    });
    connect(m_unit, &QComboBox::currentIndexChanged, this, [this](int index) {
        const double factor = index == 1 ? 1.0 / kCmPerInch : kCmPerInch;
        const double w = m_width->value() * factor;
        const double h = m_height->value() * factor;
        setLengthUnit(index == 1);
        m_width->setValue(w);
        m_height->setValue(h);
    });
    for (QDoubleSpinBox* box : { m_width, m_height })
        connect(box, &QDoubleSpinBox::valueChanged, this, &ExportDialog::showPixels);
    connect(m_dpi, &QSpinBox::valueChanged, this, &ExportDialog::showPixels);

    auto box = [this, form](const QString& text, bool checked, const QString& tip) {
        auto* check = new QCheckBox(text, this);
        check->setChecked(checked);
        check->setToolTip(tip);
        form->addRow(check);
        return check;
    };
    m_png = box(tr("Density plot, PNG (density.png)"), initial.png,
        tr("Raster at the size and DPI above; with density-plot.csv, the curves as drawn"));
    m_pdf = box(tr("Density plot, PDF (density.pdf)"), initial.pdf, tr("Vector, for papers"));
    m_svg = box(tr("Density plot, SVG (density.svg)"), initial.svg, tr("Vector, editable"));
    m_sidePlots = box(tr("Losses, metrics and ownership, in the formats ticked above"),
        initial.sidePlots, tr("losses, metrics and ownership .png / .pdf / .svg, same size"));
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
    QPushButton* all = buttons->addButton(tr("Export all"), QDialogButtonBox::ActionRole);
    all->setToolTip(tr("Tick everything and export"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(all, &QPushButton::clicked, this, [this] {
        for (QCheckBox* check : { m_png, m_pdf, m_svg, m_sidePlots, m_runData, m_strip, m_video })
            check->setChecked(true);
        accept(); // after ticking: whoever reads the choices on accepted sees them all
    });
    m_buttons = buttons;
    showPixels(); // every field exists now
}

void ExportDialog::setLengthUnit(bool inches)
{
    const double unit = inches ? kCmPerInch : 1.0;
    for (QDoubleSpinBox* box : { m_width, m_height }) {
        const QSignalBlocker block(box);
        box->setDecimals(inches ? 2 : 1);
        box->setSingleStep(inches ? 0.25 : 0.5);
        box->setRange(kMinSideCm / unit, kMaxSideCm / unit);
        box->setSuffix(inches ? tr(" in") : tr(" cm"));
    }
}

void ExportDialog::showPixels()
{
    const FigureSize f = request().figure;
    const QSignalBlocker block(m_sizePreset);
    m_sizePreset->setCurrentIndex(m_sizePreset->count() - 1); // "Custom" unless one matches
    for (int p = 0; p < static_cast<int>(std::size(kFigureSizePresets)); ++p)
        if (std::abs(kFigureSizePresets[p].widthCm - f.widthCm) < 0.01
            && std::abs(kFigureSizePresets[p].heightCm - f.heightCm) < 0.01)
            m_sizePreset->setCurrentIndex(p);
    const bool tooLarge = f.pixels() > kMaxFigurePixels;
    m_pixels->setText(tr("PNG %1 x %2 px; PDF and SVG %3 x %4 pt%5")
                          .arg(f.widthPx())
                          .arg(f.heightPx())
                          .arg(f.widthPt())
                          .arg(f.heightPt())
                          .arg(tooLarge ? tr(": too many pixels for a PNG, lower the DPI") : ""));
    m_pixels->setStyleSheet(tooLarge ? "color: #c00000" : "color: #505050");
    if (m_buttons)
        for (QAbstractButton* b : m_buttons->buttons())
            if (m_buttons->buttonRole(b) != QDialogButtonBox::RejectRole)
                b->setEnabled(!tooLarge);
}

void ExportDialog::setMapRun(bool map)
{
    m_strip->setEnabled(!map);
    if (map) {
        m_strip->setChecked(false);
        m_strip->setToolTip(tr("1-D runs only: a map's density figure shows each generator's "
                               "points itself"));
    }
}

ExportRequest ExportDialog::request() const
{
    ExportRequest r = m_initial;
    r.folder = m_folder->text().trimmed();
    r.inches = m_unit->currentIndex() == 1;
    const double unit = r.inches ? kCmPerInch : 1.0;
    r.figure.widthCm = m_width->value() * unit;
    r.figure.heightCm = m_height->value() * unit;
    r.figure.dpi = m_dpi->value();
    r.figure.fontPt = m_font->value();
    r.figure.caption = m_caption->isChecked();
    r.png = m_png->isChecked();
    r.pdf = m_pdf->isChecked();
    r.svg = m_svg->isChecked();
    r.sidePlots = m_sidePlots->isChecked();
    r.runData = m_runData->isChecked();
    r.strip = m_strip->isEnabled() ? m_strip->isChecked() : m_initial.strip;
    r.video = m_video->isChecked();
    r.videoFormat = m_videoFormat->currentData().toString();
    return r;
}

} // namespace modescope::ui
