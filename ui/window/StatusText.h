#pragma once

#include <QString>

#include "modescope/config/TrainConfig.h"
#include "modescope/maths/CureTime.h"
#include "modescope/training/Snapshot.h"

namespace modescope::ui
{

// The count a person reads first, in the status bar and on the plots: modes covered
// (modes_balanced, SPEC section 3) out of the mixture's, e.g. "modes covered 1/3". It matches
// the picture: a collapsed run covers one mode even when stray samples "capture" the rest.
QString headline(const Metrics& metrics, int modes);

// "all 3 modes covered since step 2100, 18 s" once the run is cured (CureTime.h); else empty.
QString cureText(const CureTime& cure, int modes);

// The status bar's line for the snapshot shown: step, speed, device, the headline, HQ share,
// the Sim figures ("Sim n/a" for the methods that have none) and, once reached, the cure.
// `paused`: "paused" stands where the speed would (the last speed is stale once paused).
QString statusText(const Snapshot& snapshot, int modes, const QString& device,
    const CureTime& cure = {}, bool paused = false);

// Every figure of the snapshot with its meaning, one per line: the status bar's tooltip.
QString statusDetails(const Snapshot& snapshot, int modes);

// A figure's caption: "paper-1d \u00b7 madgan-sim, k = 4, Sim on \u00b7 seed 1 \u00b7 step 12000"
// (the step last, so a video can put its own). Sim on or off as at that step, for the methods
// that have the switch (madgan, madgan-sim).
QString figureCaptionFor(const TrainConfig& config, long long step, bool simOn);

} // namespace modescope::ui
