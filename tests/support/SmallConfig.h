#pragma once
// The small, fast run the tests share: narrow networks on the default mixture, on the CPU.
#include "modescope/config/TrainConfig.h"

namespace modescope::test
{

inline TrainConfig smallConfig(Method method = Method::MadGanSim, int k = 3)
{
    TrainConfig c;
    c.method = method;
    c.live.simEnabled = method == Method::MadGanSim;
    c.generators = k;
    c.generator.hidden = { 16, 16 };
    c.discriminator.hidden = { 16, 16 };
    c.noiseDim = 8;
    c.batch = 32;
    c.device = DeviceChoice::Cpu;
    c.seed = 5;
    return c;
}

} // namespace modescope::test
