#pragma once

#include <QColor>
#include <QImage>
#include <QString>

#include <functional>
#include <utility>
#include <vector>

namespace modescope::ui
{

// Writes `frameCount` frames, rendered one at a time by `render(i)`, as a video at `fps`:
// .avi holds Motion-JPEG (always available through OpenCV); .mp4 uses H.264 or MPEG-4 Part 2
// where the installed codecs have them. `progress(i)` is called before frame i and returns
// false to cancel. Written under a temporary name and renamed, so a cancelled or failed export
// leaves any earlier file as it was. Returns an empty string on success, else the reason.
QString writeVideo(const QString& file, int frameCount, double fps,
    const std::function<QImage(int)>& render, const std::function<bool(int)>& progress);

// The OpenCV version the exports were compiled against, e.g. "4.6.0" (for the About box).
QString openCvVersion();

} // namespace modescope::ui
