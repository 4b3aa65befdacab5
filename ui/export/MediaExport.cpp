#include "export/MediaExport.h"

#include "export/PlotExport.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

namespace modescope::ui
{

namespace
{

cv::Mat toBgr(const QImage& image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
        static_cast<size_t>(rgb.bytesPerLine()));
    cv::Mat bgr;
    cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR); // copies, so `rgb` may go
    return bgr;
}
} // namespace

QString writeVideo(const QString& file, int frameCount, double fps,
    const std::function<QImage(int)>& render, const std::function<bool(int)>& progress)
{
    if (frameCount <= 0)
        return QObject::tr("There is no history to write yet: train a few steps first.");
    const QString suffix = QFileInfo(file).suffix().toLower();
    std::vector<int> codecs;
    if (suffix == "avi")
        codecs = { cv::VideoWriter::fourcc('M', 'J', 'P', 'G') };
    else if (suffix == "mp4")
        codecs = { cv::VideoWriter::fourcc('a', 'v', 'c', '1'),
            cv::VideoWriter::fourcc('m', 'p', '4', 'v') };
    else
        return QObject::tr("%1: unknown video format (use .avi or .mp4)").arg(file);

    const QImage first = render(0);
    const cv::Size size(first.width() & ~1, first.height() & ~1); // codecs want even sizes
    QString why; // set when the write stops for a reason of its own
    const QString error = replaceFile(file, [&](const QString& partial) {
        cv::VideoWriter writer;
        for (int codec : codecs)
            if (writer.open(partial.toStdString(), codec, fps, size))
                break;
        if (!writer.isOpened()) {
            why = suffix == "mp4"
                ? QObject::tr("%1: no MP4 encoder in this OpenCV; choose .avi").arg(file)
                : QObject::tr("%1: cannot write here").arg(file);
            return false;
        }
        for (int i = 0; i < frameCount; ++i) {
            if (!progress(i)) {
                why = QObject::tr("Cancelled; nothing was written.");
                return false;
            }
            cv::Mat frame = toBgr(i == 0 ? first : render(i));
            if (frame.cols != size.width || frame.rows != size.height)
                cv::resize(frame, frame, size);
            writer.write(frame);
        }
        writer.release();
        if (QFileInfo(partial).size() == 0) {
            why = QObject::tr("%1: the encoder wrote nothing").arg(file);
            return false;
        }
        return true;
    });
    return error.isEmpty() || why.isEmpty() ? error : why;
}

QString openCvVersion()
{
    return QString(CV_VERSION);
}

} // namespace modescope::ui
