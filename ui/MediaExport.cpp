#include "MediaExport.h"

#include "PlotExport.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

namespace modescope::ui
{

namespace
{
constexpr int kBandHeightPx = 36; // one generator's band in the strip image
constexpr int kLabelWidthPx = 56; // room for "G12" left of the bands
constexpr int kAxisHeightPx = 28; // tick labels under the bands

cv::Mat toBgr(const QImage& image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
        static_cast<size_t>(rgb.bytesPerLine()));
    cv::Mat bgr;
    cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR); // copies, so `rgb` may go
    return bgr;
}

cv::Scalar toScalar(const QColor& c)
{
    return cv::Scalar(c.blue(), c.green(), c.red());
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

QString writeStripImage(const QString& file, const std::vector<std::vector<double>>& samples,
    const std::vector<double>& data, std::pair<double, double> range,
    const std::vector<QColor>& colors, int width)
{
    const auto [lo, hi] = range;
    if (samples.empty() || !(hi > lo) || width < 64)
        return QObject::tr("%1: nothing to draw").arg(file);
    const int bands = static_cast<int>(samples.size()) + (data.empty() ? 0 : 1);
    const int plotWidth = width - kLabelWidthPx;
    cv::Mat image(bands * kBandHeightPx + kAxisHeightPx, width, CV_8UC3, cv::Scalar(255, 255, 255));

    auto drawBand = [&](int band, const std::vector<double>& xs, const QColor& color,
                        const std::string& label) {
        std::vector<double> counts(static_cast<size_t>(plotWidth), 0.0);
        for (double x : xs) {
            const int column = static_cast<int>(std::floor((x - lo) / (hi - lo) * plotWidth));
            if (column >= 0 && column < plotWidth)
                counts[static_cast<size_t>(column)] += 1;
        }
        // Shade relative to the band's busiest column, square-rooted so thin tails show.
        const double top = std::max(1.0, *std::max_element(counts.begin(), counts.end()));
        const int y0 = band * kBandHeightPx;
        for (int c = 0; c < plotWidth; ++c) {
            const double a = std::sqrt(counts[static_cast<size_t>(c)] / top);
            const cv::Scalar shade(255 - a * (255 - color.blue()), 255 - a * (255 - color.green()),
                255 - a * (255 - color.red()));
            cv::line(image, { kLabelWidthPx + c, y0 + 2 },
                { kLabelWidthPx + c, y0 + kBandHeightPx - 3 }, shade);
        }
        cv::putText(image, label, { 6, y0 + kBandHeightPx / 2 + 5 }, cv::FONT_HERSHEY_SIMPLEX, 0.45,
            toScalar(color), 1, cv::LINE_AA);
    };
    int band = 0;
    if (!data.empty())
        drawBand(band++, data, QColor(60, 60, 60), "data");
    for (size_t i = 0; i < samples.size(); ++i)
        drawBand(band++, samples[i], colors[i % colors.size()], "G" + std::to_string(i + 1));

    // Five ticks along x.
    const int axisY = bands * kBandHeightPx;
    cv::line(image, { kLabelWidthPx, axisY }, { width - 1, axisY }, cv::Scalar(0, 0, 0));
    for (int t = 0; t <= 4; ++t) {
        const int px = kLabelWidthPx + t * (plotWidth - 1) / 4;
        cv::line(image, { px, axisY }, { px, axisY + 5 }, cv::Scalar(0, 0, 0));
        char text[32];
        std::snprintf(text, sizeof text, "%g", lo + t * (hi - lo) / 4);
        const int shift = t == 4 ? 40 : t == 0 ? 0 : 15;
        cv::putText(image, text, { px - shift, axisY + 20 }, cv::FONT_HERSHEY_SIMPLEX, 0.4,
            cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
    }

    // cv::imwrite picks PNG from the temporary's name, which keeps the extension last.
    return replaceFile(file, [&image](const QString& partial) {
        return cv::imwrite(partial.toStdString(), image); // a cv::Exception is a std::exception
    });
}

QString openCvVersion()
{
    return QString(CV_VERSION);
}

} // namespace modescope::ui
