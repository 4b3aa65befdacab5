// The history video of a run or a comparison: one frame per kept snapshot, drawn by a plot of
// its own at the figure's size on screen, each captioned with its step.
#pragma once

#include <QString>

#include <functional>

class QCustomPlot;
class QWidget;

namespace modescope::ui
{

struct ExportRequest;

struct HistoryVideoResult {
    QString written; // the file, when it was written
    QString error; // else why not
};

// Writes request.folder/history.<request.videoFormat>: `frames` frames at 20 per second, frame
// i being `frame` as `prepare(i)` leaves it, rendered at request.figure's size at 96 dpi with
// the caption "<request.caption up to its step> · step <the step prepare returns>". A modal
// progress dialog titled `label`, over `parent`, lets events through between frames and can
// cancel; so can `keepGoing()`, asked after those events (the caller records its own reason).
HistoryVideoResult writeHistoryVideo(QWidget* parent, const QString& label,
    const ExportRequest& request, QCustomPlot* frame, int frames,
    const std::function<long long(int)>& prepare, const std::function<bool()>& keepGoing);

} // namespace modescope::ui
