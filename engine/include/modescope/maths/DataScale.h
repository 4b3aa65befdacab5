#pragma once

#include <cstdint>
#include <vector>

#include "modescope/maths/Mixture.h"

namespace modescope
{

// The affine map between data space and the space the networks train in (DataScaling in
// TrainConfig.h): model = (x - shift) / scale, x = shift + scale * model. One scale for every
// axis, so a round 2-D mode stays round and the cosines of MAD-GAN-Sim see the same geometry.
struct DataScale {
    std::vector<double> shift; // per coordinate: the data's mean
    double scale = 1.0; // the data's pooled sd: sqrt of the mean over axes of each axis' variance
};

// Data samples the scale is estimated from: its relative error is about 1 / sqrt(2 n), 0.7%.
inline constexpr int kDataScaleSamples = 10000;

// The mean and pooled sd of `points` (n points of d coordinates, one after another), with the
// population variance (divided by n). A set without spread (one point) gets scale 1.
DataScale dataScaleOf(const std::vector<double>& points, int d);

// dataScaleOf of kDataScaleSamples points drawn from the mixture with a generator seeded from
// `seed` alone: the same run always gets the same map, whatever thread count trains it. Never
// reads the modes' means or sds directly: the map is what a practitioner estimates from data.
DataScale estimateDataScale(const Mixture& mixture, std::uint64_t seed);

} // namespace modescope
