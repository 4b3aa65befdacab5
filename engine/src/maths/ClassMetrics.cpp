#include "modescope/maths/ClassMetrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace modescope
{

Metrics classMetrics(const std::vector<JudgedImage>& images, const std::vector<double>& classShares,
    int generators, double confident)
{
    const int classes = static_cast<int>(classShares.size());
    Metrics m;
    m.chiSquare = std::numeric_limits<double>::quiet_NaN();
    m.klHist = std::numeric_limits<double>::quiet_NaN();
    m.ownership.assign(static_cast<size_t>(generators), std::vector<double>(classes, 0.0));
    std::vector<double> judged(static_cast<size_t>(classes), 0.0); // images judged c
    std::vector<double> sure(static_cast<size_t>(classes), 0.0); // confident images judged c
    std::vector<double> perGenerator(static_cast<size_t>(generators), 0.0);
    double confidentImages = 0;
    for (const JudgedImage& image : images) {
        if (image.generator < 0 || image.generator >= generators || image.label < 0
            || image.label >= classes)
            throw std::invalid_argument("classMetrics: an image of generator "
                + std::to_string(image.generator) + " judged " + std::to_string(image.label)
                + " is out of range");
        judged[image.label] += 1;
        m.ownership[image.generator][image.label] += 1;
        perGenerator[image.generator] += 1;
        if (image.probability >= confident) {
            sure[image.label] += 1;
            confidentImages += 1;
        }
    }
    const double n = static_cast<double>(images.size());
    if (n == 0)
        return m;
    // The evaluation draws as many images of each generator: metrics.csv's `samples` column.
    m.samplesPerGenerator
        = static_cast<int>(*std::max_element(perGenerator.begin(), perGenerator.end()));
    m.hqFraction = confidentImages / n;
    for (int c = 0; c < classes; ++c) {
        m.modesCaptured += sure[c] > 0;
        // A class the data lack is never covered, whatever is judged (0 >= 0 would count it).
        m.modesBalanced += classShares[c] > 0 && sure[c] / n >= classShares[c] / 2;
        const double p = judged[c] / n;
        if (p > 0 && classShares[c] > 0)
            m.reverseKl += p * std::log(p / classShares[c]);
        else if (p > 0)
            m.reverseKl = std::numeric_limits<double>::infinity(); // a class the data lacks
    }
    for (int i = 0; i < generators; ++i) {
        auto& row = m.ownership[i];
        if (perGenerator[i] > 0)
            for (double& share : row)
                share /= perGenerator[i];
        const int dominant
            = static_cast<int>(std::max_element(row.begin(), row.end()) - row.begin());
        m.dominantMode.push_back(dominant);
        m.purity.push_back(row.empty() ? 0.0 : row[dominant]);
    }
    return m;
}

} // namespace modescope
