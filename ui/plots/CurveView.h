#pragma once

#include <qcustomplot.h>

#include "plots/DensityView.h"

namespace modescope::ui
{

// A 1-D run on the DensityPlot: the true density filled, one curve per generator (p_i / k, or
// whole), their average dashed, D_real(x) on the right axis, and under the plot the owner
// strip: at each x a band in the colour of the generator whose head of D is largest.
class CurveView : public DensityView
{
public:
    explicit CurveView(DensityPlot& plot);
    ~CurveView() override;

    Kind kind() const override { return Kind::Curves; }
    void draw() override;
    void showDiscriminator() override;
    void showOwner() override;
    void showShares() override;
    void fit() override;
    void afterLayout() override;
    // data, G1..Gk, average: graph(0..k+1); none before the first snapshot.
    int curveCount() const override { return m_generators < 0 ? 0 : m_generators + 2; }
    QCPGraph* discriminatorCurve() const { return m_dReal; }

private:
    void rebuild(int generators);
    void fitToData(); // the first view of a run: y to the true density, whatever G does
    QString yLabel() const;

    QCPAxisRect* m_stripRect; // the owner strip, under the main axis rect
    QCPMarginGroup* m_margins; // keeps the strip's left and right edges under the plot's
    QCPItemText* m_stripNote; // says why the strip is empty for 2-head methods
    QCPGraph* m_dReal = nullptr;
    QVector<QCPGraph*> m_ownerBands; // one per generator, in the strip
};

} // namespace modescope::ui
