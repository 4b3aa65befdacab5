#pragma once

#include <QString>

#include "modescope/config/TrainConfig.h"

class QComboBox;

namespace modescope::ui
{

// Every method in a choice box, in the order a reader meets them (the baselines, route 1, route
// 2), each with its tooltip; the item data is the Method.
void fillMethodBox(QComboBox* box);

// A method in a sentence or two: what it changes and which route out of collapse it takes.
QString methodTip(Method method);

// The route, as a lane's or a legend's line: "route 1: better optimisation" (TrainConfig.h).
QString routeText(Method method);

} // namespace modescope::ui
