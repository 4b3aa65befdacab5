#pragma once

#include <utility>
#include <vector>

namespace modescope
{

// One Gaussian component of a 1-D target distribution.
struct Mode {
    double weight = 1.0; // relative; normalised by Mixture
    double mean = 0.0;
    double sd = 1.0; // standard deviation, > 0
};

// A 1-D mixture of Gaussians: the distribution the generators must learn.
class Mixture
{
public:
    Mixture() = default;
    explicit Mixture(std::vector<Mode> modes);

    const std::vector<Mode>& modes() const { return m_modes; }
    int size() const { return static_cast<int>(m_modes.size()); }
    // Weight of mode m after normalisation (the weights sum to one).
    double normalisedWeight(int m) const;
    double density(double x) const;
    // The mode whose mean is nearest to x in units of that mode's sd, and that distance.
    std::pair<int, double> nearestMode(double x) const;
    // Every mode +-5 sd: the default range for plots and histogram metrics.
    std::pair<double, double> defaultRange() const;

private:
    std::vector<Mode> m_modes;
    double m_weightSum = 0.0;
};

} // namespace modescope
