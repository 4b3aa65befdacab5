#pragma once

#include <QString>

#include "modescope/training/Snapshot.h"

namespace modescope::ui
{

class DensityPlot;

// What the user chose to see, whatever the run draws: kept by the plot across runs and kinds.
struct DensityDisplay {
    bool discriminator = true; // D_real's curve or layer (D)
    bool owner = true; // the owner strip or layer (O)
    bool shares = true; // generators as p_i / k (K: each p_i whole)
    bool contours = false; // a map's half-mass contours (C)
};

// One way of drawing a snapshot on the DensityPlot's canvas: the 1-D curves (CurveView), the
// 2-D map (MapView) or an image run's grid (ImageGridView). A view puts up its furniture (its
// curves, layers, bands, axes' labels and tips) when made and takes it down when destroyed, so
// the canvas swaps views when a run of another kind arrives and no setter asks which it is.
// It reads the plot's snapshot and display; every draw ends with a queued replot.
class DensityView
{
public:
    enum class Kind { Curves, Map, Images };
    static Kind kindOf(const Snapshot& snapshot);

    explicit DensityView(DensityPlot& plot)
        : m_plot(plot)
    {
    }
    virtual ~DensityView() = default;
    DensityView(const DensityView&) = delete;
    DensityView& operator=(const DensityView&) = delete;

    virtual Kind kind() const = 0;
    virtual void draw() = 0; // the plot's snapshot
    // A display choice changed (DensityDisplay): show or hide what it names.
    virtual void showDiscriminator() { }
    virtual void showOwner() { }
    virtual void showShares() { }
    virtual void showContours() { }
    virtual void fit() { } // F, double-click
    virtual void afterLayout() { } // the canvas has laid out its parts
    virtual int curveCount() const { return 0; } // DensityPlot::curveCount

    // Generators drawn; -1 before the first snapshot.
    int generators() const { return m_generators; }
    // The next snapshot fits the view to itself, as the first does.
    void fitNext() { m_fitted = false; }

protected:
    DensityPlot& m_plot;
    int m_generators = -1;
    bool m_fitted = false;
};

// Why a snapshot of `generators` generators names no owner (no per-generator heads, or one
// generator), or an empty string when it does.
QString noOwnerNote(const Snapshot& snapshot, int generators);

} // namespace modescope::ui
