#include "modescope/maths/CureTime.h"

namespace modescope
{

CureTime cureTime(const std::vector<MetricsRow>& rows, int modes, long long upTo)
{
    CureTime cure;
    // Backwards from the last row while every mode is covered: the last row reached is the cure.
    auto row = rows.rbegin();
    while (row != rows.rend() && row->losses.iteration > upTo)
        ++row;
    for (; row != rows.rend(); ++row) {
        if (row->metrics.modesBalanced != modes)
            break;
        cure.step = row->losses.iteration;
        cure.seconds = row->losses.seconds;
    }
    return cure;
}

} // namespace modescope
