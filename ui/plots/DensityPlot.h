#pragma once

#include <qcustomplot.h>

#include <memory>

#include "plots/DensityView.h"
#include "modescope/training/Snapshot.h"

namespace modescope::ui
{

class CurveView;
class ImageGridView;
class MapView;

// The main plot: where a run's snapshot is drawn, with the user's display choices kept across
// runs. What is drawn is up to the snapshot's kind, each a view of its own (DensityView.h):
// - a 1-D run (CurveView): the true density filled, one curve per generator, their average
//   dashed; optionally D_real(x) on a second axis and, under the plot, a strip coloured by the
//   generator D believes owns each x;
// - a 2-D run (MapView): a map at equal aspect, the data density as a grey heat map, each
//   generator's points in its colour, D_real as an optional purple layer (D) and the owner
//   argmax_i D_i as an optional layer in the generators' colours (O);
// - an image run (ImageGridView): a row of each generator's latest images with its ink in its
//   colour, and a row of real images, one a class.
// The legend sits above the axes, where it hides no curve; its entries toggle their curve.
// Drag pans, the wheel zooms, a double-click fits.
class DensityPlot : public QCustomPlot
{
    Q_OBJECT
public:
    explicit DensityPlot(QWidget* parent = nullptr);
    ~DensityPlot() override;

    // Draws `snapshot` and holds it (shared with the lane and its history, never copied) to
    // redraw when the display changes.
    void setSnapshot(std::shared_ptr<const Snapshot> snapshot);
    void setSnapshot(const Snapshot& snapshot); // a copy of it
    const Snapshot& snapshot() const { return *m_snapshot; } // the one drawn
    const std::shared_ptr<const Snapshot>& sharedSnapshot() const { return m_snapshot; }
    const DensityDisplay& display() const { return m_display; }

    // The density curves: data, G1..Gk, average (k + 2); graph(i) for i below this count.
    // A map has none: its generators are the scatter graphs graph(0..k-1).
    int curveCount() const;
    bool isMap() const { return map() != nullptr; } // drawing a 2-D snapshot
    bool isImages() const { return images() != nullptr; } // drawing an image run's grid
    const CurveView* curves() const; // null unless drawing 1-D curves
    const MapView* map() const; // null unless drawing a map
    const ImageGridView* images() const; // null unless drawing an image grid
    // The grid as drawn (null unless isImages()): for tests and the strip image.
    const QCPItemPixmap* imageGrid() const;
    // The map's layers (null unless isMap()).
    QCPColorMap* dataLayer() const;
    QCPColorMap* discriminatorLayer() const;
    QCPColorMap* ownerLayer() const;
    QCPGraph* discriminatorCurve() const; // the 1-D D_real curve (null unless curves)
    void setShowDiscriminator(bool show);
    void setShowOwnerStrip(bool show);
    // Generator curves as p_i / k, their share of the generators' mixture, so they add up to
    // the average and sit inside the data's modes (on by default); off: each p_i whole.
    void setShowShares(bool shares);
    // A map's half-mass contour of each generator's density (C); off by default.
    void setShowContours(bool show);
    bool showsContours() const { return m_display.contours; }
    const QVector<QCPCurve*>& contours() const; // a map's, one per generator; else none
    bool showsShares() const { return m_display.shares; }
    bool showsDiscriminator() const { return m_display.discriminator; }
    bool showsOwnerStrip() const { return m_display.owner; }
    // Fits x to the data and y to every curve shown (F, double-click): a collapsed generator's
    // spike stays whole.
    void fit();
    // The next snapshot is a new target's or an opened run's: fit the view to it, as the first.
    void fitNextSnapshot();
    // A map's view box, whole and at equal aspect, in a figure of `size` (points): the plot is
    // laid out at that size to measure its axes, then back at its own.
    void fitMapTo(const QSize& size);
    // Why the owner strip is empty (no per-generator heads), or an empty string when it is drawn.
    QString ownerStripNote() const;

private:
    friend class MapView; // lays the canvas out at a figure's size (fitMapTo)

    DensityDisplay m_display;
    std::shared_ptr<const Snapshot> m_snapshot; // the one drawn; never null
    std::unique_ptr<DensityView> m_view; // never null
};

} // namespace modescope::ui
