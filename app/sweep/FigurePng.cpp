#include "sweep/FigurePng.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "modescope/io/AtomicFile.h"

namespace modescope::app
{

namespace
{
constexpr double kHersheyPixels = 22.0; // FONT_HERSHEY_SIMPLEX's cap height at scale 1

cv::Scalar bgr(unsigned rgb)
{
    return cv::Scalar(rgb & 0xFF, (rgb >> 8) & 0xFF, (rgb >> 16) & 0xFF);
}
} // namespace

std::string writeFigurePng(const Figure& figure, const std::filesystem::path& file)
{
    try {
        cv::Mat image(figure.height, figure.width, CV_8UC3, cv::Scalar(255, 255, 255));
        for (const FigureMark& m : figure.marks) {
            const cv::Point a(cvRound(m.x1), cvRound(m.y1));
            switch (m.kind) {
            case FigureMark::Kind::Line:
                cv::line(image, a, cv::Point(cvRound(m.x2), cvRound(m.y2)), bgr(m.rgb),
                    std::max(1, cvRound(m.width)), cv::LINE_AA);
                break;
            case FigureMark::Kind::Circle:
                cv::circle(image, a, cvRound(m.radius), bgr(m.rgb), cv::FILLED, cv::LINE_AA);
                break;
            case FigureMark::Kind::Text: {
                const double scale = m.size / kHersheyPixels;
                int baseline = 0;
                const cv::Size size
                    = cv::getTextSize(m.text, cv::FONT_HERSHEY_SIMPLEX, scale, 1, &baseline);
                const int shift = m.anchor < 0 ? 0 : m.anchor > 0 ? size.width : size.width / 2;
                cv::putText(image, m.text, cv::Point(a.x - shift, a.y), cv::FONT_HERSHEY_SIMPLEX,
                    scale, bgr(m.rgb), 1, cv::LINE_AA);
                break;
            }
            }
        }
        replaceFileAtomically(file,
            [&](const std::filesystem::path& partial) { return cv::imwrite(partial, image); });
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

} // namespace modescope::app
