#pragma once

#include <qcustomplot.h>

#include <vector>

#include "plots/DensityView.h"

namespace modescope::ui
{

// A 2-D run on the DensityPlot (SPEC section 6): a map at equal aspect. The layers are colour
// maps over the snapshot's grid (MapLayers.h): the data density in grey, D_real in purple (D),
// the owner argmax_i D_i in the generators' colours (O); over them one scatter graph of points
// per generator (graph(i)) and, optionally, its half-mass contour (C).
class MapView : public DensityView
{
public:
    explicit MapView(DensityPlot& plot);
    ~MapView() override;

    Kind kind() const override { return Kind::Map; }
    void draw() override;
    void showDiscriminator() override;
    void showOwner() override;
    void showContours() override;
    void fit() override; // the view box at equal aspect
    void afterLayout() override; // keeps the aspect equal as the user pans and zooms
    // The view box whole and at equal aspect in a figure of `size` (DensityPlot::fitMapTo).
    void fitTo(const QSize& size);

    QCPColorMap* dataLayer() const { return m_dataLayer; }
    QCPColorMap* discriminatorLayer() const { return m_dRealLayer; }
    QCPColorMap* ownerLayer() const { return m_ownerLayer; }
    const QVector<QCPCurve*>& contours() const { return m_contours; }

private:
    void rebuild(int generators);
    void keepEqualAspect();

    QCPColorMap* m_dataLayer = nullptr;
    QCPColorMap* m_dRealLayer = nullptr;
    QCPColorMap* m_ownerLayer = nullptr;
    QVector<QCPCurve*> m_contours; // one per generator
    std::vector<double> m_filledData; // what the data layer holds
    QString m_otherTip; // the plot's general tip before the map
};

} // namespace modescope::ui
