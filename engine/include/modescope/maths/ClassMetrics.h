#pragma once

#include <vector>

#include "modescope/maths/Metrics.h"

namespace modescope
{

// The metrics of SPEC section 3 on images (issue 25), where a judge (a classifier trained on
// the data set) stands in for the nearest mode: each generated image gets the judge's class
// and its probability. Classes play the modes' part, so an image run's rows, plots and sweep
// reports read as a mixture's:
//   hqFraction     the confident share: images judged with probability >= `confident`
//   modesCaptured  classes that are the judged class of at least one confident image
//   modesBalanced  classes whose confident images make up at least w_c / 2 of ALL images,
//                  w_c the class's share of the data ("classes covered")
//   reverseKl      KL(p_gen || w) over classes, p_gen(c) the share of images judged c
//   ownership      ownership[i][c]: share of generator i's images judged c; dominantMode and
//                  purity from it, as for modes
//   chiSquare, klHist: NaN (no histogram of images)

// One generated image as the judge saw it.
struct JudgedImage {
    int generator = 0; // 0 .. k-1
    int label = 0; // the judge's class, 0 .. classes-1
    double probability = 0.0; // the judge's probability of that class
};

// The probability from which an image counts as confidently judged (the HQ analogue).
inline constexpr double kConfidentProbability = 0.9;

// `classShares`: w_c for each class (they sum to 1); `generators`: k. Throws
// std::invalid_argument for an image whose generator or label is out of range.
Metrics classMetrics(const std::vector<JudgedImage>& images, const std::vector<double>& classShares,
    int generators, double confident = kConfidentProbability);

} // namespace modescope
