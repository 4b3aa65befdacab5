#pragma once

#include <QWidget>

#include <vector>

#include "training/LaneSpec.h"

class QComboBox;
class QPushButton;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace modescope::ui
{

// The settings panel's lanes beside the run it sets (which is lane 1): up to three more, each
// a method and a k ("k above" takes the panel's). Applied at Reset, like the run's settings.
class LaneEditor : public QWidget
{
    Q_OBJECT
public:
    explicit LaneEditor(QWidget* parent = nullptr);

    // Lanes 2 and on; empty: the window's run alone.
    std::vector<LaneSpec> others() const;
    void setOthers(const std::vector<LaneSpec>& lanes); // as the window has them: no `changed`
    int count() const { return static_cast<int>(m_rows.size()); }
    void addLane(); // the first method no lane has yet (madgan-sim, madgan, gan, independent)
    void removeLane(int row);
    void setLane(int row, const LaneSpec& lane);
    QPushButton* addButton() const { return m_add; }

signals:
    void changed();

private:
    struct Row {
        QWidget* widget;
        QComboBox* method;
        QSpinBox* k;
        QToolButton* remove;
    };
    void appendRow(const LaneSpec& lane);
    void dropWidget(QWidget* widget);
    void renumber(); // labels "Lane 2", "Lane 3"...; the add button off at the limit

    std::vector<Row> m_rows;
    QVBoxLayout* m_list;
    QPushButton* m_add;
};

} // namespace modescope::ui
