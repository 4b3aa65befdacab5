#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace modescope::ui
{

// What to export, and where (the dialog's answer; copied to the window).
struct ExportRequest {
    QString folder;
    int width = 1600; // pixels for PNG and video frames, points for PDF and SVG
    int height = 900;
    bool png = true;
    bool pdf = true;
    bool svg = true;
    bool sidePlots = true; // losses, metrics and ownership as PNG
    bool runData = true; // config.json, metrics.csv, samples.csv, density.csv, checkpoint.pt
    bool strip = true; // samples-strip.png
    bool video = false; // history.avi (or .mp4, below)
    QString videoFormat = "avi"; // "avi": Motion-JPEG, always there; "mp4" where a codec is
    // With runData: a folder that holds a run already is replaced only when this is set (the
    // window asks first); otherwise the export is refused and the run is kept.
    bool replaceRun = false;
};

// One dialog for every export (Ctrl+E). "Export all" ticks everything and exports at once.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ExportDialog(const ExportRequest& initial, QWidget* parent = nullptr);

    ExportRequest request() const;

private:
    QLineEdit* m_folder;
    QSpinBox* m_width;
    QSpinBox* m_height;
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
