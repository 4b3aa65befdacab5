#pragma once

#include <qcustomplot.h>

#include "modescope/training/Snapshot.h"

namespace modescope::ui
{

// The main plot: the true density filled, one curve per generator, their average dashed;
// optionally D_real(x) on a second axis and, under the plot, a strip coloured by the generator
// D believes owns each x. The legend sits above the axes, where it hides no curve; its entries
// toggle their curve. Drag pans, the wheel zooms, a double-click fits.
//
// A 2-D snapshot makes it a map (DensityPlotMap.cpp), at equal aspect: the data density as a
// grey heat map, each generator's points in its colour, D_real as an optional purple layer (D)
// and the owner argmax_i D_i as an optional layer in the generators' colours (O).
//
// An image run's snapshot makes it a grid (DensityPlotImages.cpp): a row of each generator's
// latest images with its ink in its colour, and a row of real images, one a class.
class DensityPlot : public QCustomPlot
{
    Q_OBJECT
public:
    explicit DensityPlot(QWidget* parent = nullptr);

    void setSnapshot(const Snapshot& snapshot);
    // The density curves: data, G1..Gk, average (k + 2); graph(i) for i below this count.
    // A map has none: its generators are the scatter graphs graph(0..k-1).
    int curveCount() const { return m_generators < 0 || m_map ? 0 : m_generators + 2; }
    bool isMap() const { return m_map; } // drawing a 2-D snapshot
    bool isImages() const { return m_images; } // drawing an image run's grid
    // The grid as drawn (null unless isImages()): for tests and the strip image.
    const QCPItemPixmap* imageGrid() const { return m_imageGrid; }
    // The map's layers (null unless isMap()).
    QCPColorMap* dataLayer() const { return m_dataLayer; }
    QCPColorMap* discriminatorLayer() const { return m_dRealLayer; }
    QCPColorMap* ownerLayer() const { return m_ownerLayer; }
    QCPGraph* discriminatorCurve() const { return m_dReal; }
    void setShowDiscriminator(bool show);
    void setShowOwnerStrip(bool show);
    // Generator curves as p_i / k, their share of the generators' mixture, so they add up to
    // the average and sit inside the data's modes (on by default); off: each p_i whole.
    void setShowShares(bool shares);
    // A map's half-mass contour of each generator's density (C); off by default.
    void setShowContours(bool show);
    bool showsContours() const { return m_showContours; }
    const QVector<QCPCurve*>& contours() const { return m_contours; }
    bool showsShares() const { return m_shares; }
    bool showsDiscriminator() const { return m_showDiscriminator; }
    bool showsOwnerStrip() const { return m_showOwnerStrip; }
    // Fits x to the data and y to every curve shown (F, double-click): a collapsed generator's
    // spike stays whole.
    void fit();
    // The next snapshot is a new target's or an opened run's: fit the view to it, as the first.
    void fitNextSnapshot() { m_fitted = false; }
    // A map's view box, whole and at equal aspect, in a figure of `size` (points): the plot is
    // laid out at that size to measure its axes, then back at its own.
    void fitMapTo(const QSize& size);
    // The curves as drawn, as CSV: x,data,g1_share..gk_share (g1..gk when whole),average,d_real;
    // a map's grid as x,y,data,g1..gk,average,d_real (x fastest); empty for an image grid (its
    // images are the run folder's samples/).
    QString curvesCsv() const;
    // Why the owner strip is empty (no per-generator heads), or an empty string when it is drawn.
    QString ownerStripNote() const;

private:
    void rebuild(int generators);
    void drawSnapshot();
    // DensityPlotMap.cpp: the 2-D view.
    void setMapMode(bool map); // shows the 1-D or the 2-D furniture
    void setAxisTips(); // what the axes mean, line or map
    void applyReading(); // D's curve's name, axis and tips as the snapshot's method reads it
    void rebuildMap(int generators);
    void drawMap();
    void fitMap(); // the view box at equal aspect
    void keepEqualAspect();
    QString mapCsv() const;
    // DensityPlotImages.cpp: an image run's grid.
    void setImageMode(bool images); // the grid alone, or the curves' furniture back
    void drawImages();
    void fitToData(); // the first view of a run: y to the true density, whatever G does

    QCPAxisRect* m_stripRect; // the owner strip, under the main axis rect
    QCPGraph* m_dReal = nullptr;
    bool m_map = false;
    bool m_images = false;
    QCPItemPixmap* m_imageGrid = nullptr;
    QString m_curvesTip; // the plot's general tip while it draws curves or a map
    bool m_showContours = false;
    QVector<QCPCurve*> m_contours; // a map's, one per generator
    std::vector<double> m_filledData; // what the map's data layer holds
    QCPColorMap* m_dataLayer = nullptr;
    QCPColorMap* m_dRealLayer = nullptr;
    QCPColorMap* m_ownerLayer = nullptr;
    QCPItemText* m_stripNote; // says why the strip is empty for 2-head methods
    QVector<QCPGraph*> m_ownerBands; // one per generator, in the strip
    int m_generators = -1;
    bool m_fitted = false;
    bool m_showDiscriminator = true;
    bool m_showOwnerStrip = true;
    bool m_shares = true;
    Snapshot m_snapshot; // the one drawn, kept to redraw when the display changes
};

} // namespace modescope::ui
