#pragma once

#include <qcustomplot.h>

#include "modescope/training/Snapshot.h"

namespace modescope::ui
{

// The pieces of a 2-D map (SPEC section 6) on any pair of axes: the window's DensityPlot and
// the comparison figure draw their maps with the same layers and colours.

// The data density in grey, on a log scale down to 1e-4 of its peak (a sharp mode shows its
// whole 3-sd disc, not one dark cell). Named "data".
QCPColorMap* addDataLayer(QCPAxis* x, QCPAxis* y);
// D_real from transparent (0) to purple (1). Named "D_real".
QCPColorMap* addDiscriminatorLayer(QCPAxis* x, QCPAxis* y);
// argmax_i D_i in the generators' colours, half transparent. Named "owner (argmax D_i)".
QCPColorMap* addOwnerLayer(QCPAxis* x, QCPAxis* y, int generators);
// Generator i's points: discs in its colour, no line. Named "G<i+1>".
QCPGraph* addScatter(QCPAxis* x, QCPAxis* y, int i);
// Generator i's scatter shape: discs for G1-G4, squares for G5-G8, then triangles, diamonds.
QCPScatterStyle::ScatterShape generatorShape(int i);

void fillDataLayer(QCPColorMap* layer, const Snapshot& s);
void fillDiscriminatorLayer(QCPColorMap* layer, const Snapshot& s);
void fillOwnerLayer(QCPColorMap* layer, const Snapshot& s);
// Generator i's half-mass contour: a line in its colour. Not in the legend (its dots are).
QCPCurve* addContour(QCPAxis* x, QCPAxis* y, int i);
// `segments`: x0, y0, x1, y1, NaN, NaN, ... (Snapshot::contours).
void setContourSegments(QCPCurve* contour, const std::vector<double>& segments);
// `points`: x0, y0, x1, y1, ... (Snapshot::points).
void setScatterPoints(QCPGraph* scatter, const std::vector<double>& points);

} // namespace modescope::ui
