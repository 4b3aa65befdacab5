#pragma once

#include <qcustomplot.h>

#include <vector>

#include "modescope/training/Snapshot.h"

namespace modescope::ui
{

// The figure a comparison of `lanes` lanes is exported at: `figure`, made taller where its
// height would leave a lane's plot (under its title) less than four lines of text, after the
// caption, the legend and the shared x axis. At one column and 9 pt: one lane keeps 6 cm, two
// take 7.7 cm, three 9.9 cm. Width, DPI and font stay the user's. Maps (`maps`) stand side by
// side: the figure is as tall as square lanes of the width's share need.
struct FigureSize;
FigureSize comparisonFigureSize(FigureSize figure, int lanes, bool maps = false);

// One lane of a comparison figure: its title line and the snapshot it draws.
struct ComparisonPanel {
    QString title; // laneTitle(): method, k, modes covered, HQ (and step)
    Snapshot snapshot;
    QCPRange y; // the lane's density range as the window shows it
};

// How the window draws its lanes, for the figure to draw them alike.
struct ComparisonView {
    QCPRange x; // shared by every lane
    bool showDiscriminator = true;
    bool shares = true; // generator curves as p_i / k (the K switch)
};

// The comparison as one figure for a paper: the lanes as small multiples one above the other,
// each under its title, sharing one x axis (tick labels under the lowest only) and one legend
// on top (data, G1..G_kmax, the average, D_real), generator i in the same colour in every lane.
// 2-D lanes stand side by side instead, each map showing its whole view box at equal aspect.
// A QCustomPlot, so it exports like any plot (exportPlot: PNG, PDF, SVG at a figure size).
class ComparisonFigure : public QCustomPlot
{
    Q_OBJECT
public:
    explicit ComparisonFigure(QWidget* parent = nullptr);

    void setPanels(const std::vector<ComparisonPanel>& panels, const ComparisonView& view);
    int panelCount() const { return static_cast<int>(m_rects.size()); }
    QCPAxisRect* panelRect(int i) const { return m_rects.at(static_cast<size_t>(i)); }
    QString panelTitle(int i) const;

private:
    int rowOf(const QCPAxisRect* rect) const; // in the plot layout; -1: not there
    void showWholeBoxes(); // maps: each lane's view box whole, at equal aspect
    void equalisePlots(); // curves: every lane's plot as tall as the others

    std::vector<QCPAxisRect*> m_rects;
    std::vector<QCPTextElement*> m_titles;
    QCPMarginGroup* m_margins;
    bool m_evening = false; // laying out again for equal plots (afterLayout)
    bool m_maps = false; // 2-D lanes, side by side (decided by the first panels)
    QCPRange m_boxX; // the view box, which a map shows whole
    std::vector<QCPRange> m_boxY;
};

} // namespace modescope::ui
