#include "export/HistoryVideo.h"

#include <QApplication>
#include <QDir>
#include <QProgressDialog>

#include "export/ExportDialog.h"
#include "export/MediaExport.h"
#include "export/PlotExport.h"

namespace modescope::ui
{

namespace
{
constexpr double kVideoFps = 20.0; // frames per second: one per kept snapshot
constexpr int kVideoDpi = 96; // video frames are for screens: the figure's size at screen density
} // namespace

HistoryVideoResult writeHistoryVideo(QWidget* parent, const QString& label,
    const ExportRequest& request, QCustomPlot* frame, int frames,
    const std::function<long long(int)>& prepare, const std::function<bool()>& keepGoing)
{
    FigureSize size = request.figure.atDpi(kVideoDpi);
    size.caption = true; // every frame says its step
    const QString title = request.caption.section(QStringLiteral(" \u00b7 step"), 0, 0);
    QProgressDialog progress(label, QObject::tr("Cancel"), 0, frames, parent);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    auto render = [&](int i) {
        const long long step = prepare(i);
        return renderPlot(frame, size, QObject::tr("%1 \u00b7 step %2").arg(title).arg(step));
    };
    auto onFrame = [&](int i) {
        progress.setValue(i);
        QApplication::processEvents(); // the cancel button, and snapshots keep arriving
        return keepGoing() && !progress.wasCanceled();
    };
    const QString file = QDir(request.folder).filePath("history." + request.videoFormat);
    const QString error = writeVideo(file, frames, kVideoFps, render, onFrame);
    progress.setValue(frames);
    if (!error.isEmpty())
        return { {}, error };
    return { file, {} };
}

} // namespace modescope::ui
