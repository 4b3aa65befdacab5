#pragma once

#include <QDialog>

#include "export/FigureSize.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace modescope::ui
{

// What to export, and where (the dialog's answer; copied to the window).
struct ExportRequest {
    QString folder;
    FigureSize figure; // every figure's printed size, DPI and fonts (the video at screen DPI)
    bool inches = false; // the dialog shows lengths in inches (stored in cm either way)
    // The figure's caption and stored title (preset, method, k, step, seed): the window's.
    QString caption;
    bool png = true;
    bool pdf = true;
    bool svg = true;
    bool sidePlots = true; // losses, metrics and ownership, in the formats ticked above
    bool runData = true; // config.json, metrics.csv, samples.csv, density.csv, checkpoint.pt
    bool strip = true; // samples-strip.png
    bool video = false; // history.avi (or .mp4, below)
    QString videoFormat = "avi"; // "avi": Motion-JPEG, always there; "mp4" where a codec is
    // With runData: a folder that holds a run already is replaced only when this is set (the
    // window asks first); otherwise the export is refused and the run is kept.
    bool replaceRun = false;
    // With runData: the run's files replace the folder's at once (modescope::StagedFolder), so
    // a crash mid-save leaves the old run or the new one. A comparison clears it for its lanes:
    // their folders are inside the comparison's own stage.
    bool wholeFolder = true;
};

// One dialog for every export (Ctrl+E). "Export all" ticks everything and exports at once.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ExportDialog(const ExportRequest& initial, QWidget* parent = nullptr);

    ExportRequest request() const;
    // A 2-D run: the samples strip (a 1-D picture) cannot be made; its box is disabled and the
    // remembered choice kept for the next 1-D run.
    void setMapRun(bool map);

private:
    void setLengthUnit(bool inches);
    void showPixels();

    ExportRequest m_initial;
    QLineEdit* m_folder;
    QComboBox* m_sizePreset;
    QDoubleSpinBox* m_width;
    QDoubleSpinBox* m_height;
    QComboBox* m_unit;
    QSpinBox* m_dpi;
    QSpinBox* m_font;
    QCheckBox* m_caption;
    QLabel* m_pixels;
    QDialogButtonBox* m_buttons = nullptr;
    QCheckBox* m_png;
    QCheckBox* m_pdf;
    QCheckBox* m_svg;
    QCheckBox* m_sidePlots;
    QCheckBox* m_runData;
    QCheckBox* m_strip;
    QCheckBox* m_video;
    QComboBox* m_videoFormat;
};

} // namespace modescope::ui
