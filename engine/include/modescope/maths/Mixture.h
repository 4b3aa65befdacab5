#pragma once

#include <utility>
#include <vector>

namespace modescope
{

// One isotropic Gaussian component of a target distribution in d dimensions (d = 1 or 2).
struct Mode {
    double weight = 1.0; // relative; normalised by Mixture
    std::vector<double> mean { 0.0 }; // one coordinate per dimension
    double sd = 1.0; // standard deviation along every axis, > 0

    Mode() = default;
    Mode(double weight, double mean, double sd) // a 1-D mode
        : weight(weight)
        , mean { mean }
        , sd(sd)
    {
    }
    Mode(double weight, std::vector<double> mean, double sd)
        : weight(weight)
        , mean(std::move(mean))
        , sd(sd)
    {
    }
    int dimension() const { return static_cast<int>(mean.size()); }
};

// A mixture of Gaussians: the distribution the generators must learn. Points are passed as d
// consecutive coordinates; sample sets as n points one after another (x0, y0, x1, y1, ...).
class Mixture
{
public:
    Mixture() = default;
    explicit Mixture(std::vector<Mode> modes);

    const std::vector<Mode>& modes() const { return m_modes; }
    int size() const { return static_cast<int>(m_modes.size()); }
    // The modes' dimension (the first mode's; validate() refuses a mixture that mixes them).
    int dimension() const { return m_modes.empty() ? 1 : m_modes.front().dimension(); }
    // Weight of mode m after normalisation (the weights sum to one).
    double normalisedWeight(int m) const;
    double density(double x) const; // 1-D
    double density(const double* point) const; // d coordinates
    // The mode whose mean is nearest to the point in units of that mode's sd, and that
    // distance (Euclidean over the d coordinates, divided by the sd).
    std::pair<int, double> nearestMode(double x) const; // 1-D
    std::pair<int, double> nearestMode(const double* point) const;
    // Every mode +-5 sd along `axis`: the default range for plots and histogram metrics.
    std::pair<double, double> defaultRange(int axis = 0) const;

private:
    std::vector<Mode> m_modes;
    double m_weightSum = 0.0;
};

} // namespace modescope
