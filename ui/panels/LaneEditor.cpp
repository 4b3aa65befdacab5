#include "panels/LaneEditor.h"
#include "panels/MethodChoice.h"
#include "panels/WheelGuard.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace modescope::ui
{

namespace
{
constexpr int kMaxK = 64; // as the panel's k
const Method kMethodsToAdd[]
    = { Method::MadGanSim, Method::MadGan, Method::Gan, Method::Independent };
} // namespace

LaneEditor::LaneEditor(QWidget* parent)
    : QWidget(parent)
    , m_list(new QVBoxLayout)
    , m_add(new QPushButton(tr("Add a lane"), this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* first = new QLabel(tr("Lane 1: the run set above"), this);
    first->setStyleSheet("color: #505050");
    layout->addWidget(first);
    m_list->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_list);
    m_add->setToolTip(tr("Train another method beside this run on the same target, seed and "
                         "networks, drawn under it with the same x axis (up to %1 lanes; "
                         "applies at Reset)")
                          .arg(kMaxLanes));
    layout->addWidget(m_add);
    connect(m_add, &QPushButton::clicked, this, &LaneEditor::addLane);
    setToolTip(tr("Runs beside the one set above, each with its own method and k; the same "
                  "target, seed, networks and learning rates (but a method the preset gives "
                  "its own rates trains at them). Applied at Reset (R)."));
    renumber();
}

std::vector<LaneSpec> LaneEditor::others() const
{
    std::vector<LaneSpec> lanes;
    for (const Row& row : m_rows) {
        LaneSpec lane;
        lane.method = static_cast<Method>(row.method->currentData().toInt());
        if (row.k->value() > 0 && !hasSingleGenerator(lane.method))
            lane.generators = row.k->value();
        lanes.push_back(lane);
    }
    return lanes;
}

void LaneEditor::setOthers(const std::vector<LaneSpec>& lanes)
{
    for (const Row& row : m_rows)
        dropWidget(row.widget);
    m_rows.clear();
    setMinimumHeight(0); // the height removals held goes with them
    for (size_t i = 0; i < lanes.size() && i + 1 < size_t(kMaxLanes); ++i)
        appendRow(lanes[i]);
    renumber();
}

void LaneEditor::addLane()
{
    if (count() + 1 >= kMaxLanes)
        return;
    const std::vector<LaneSpec> lanes = others();
    LaneSpec lane;
    lane.method = kMethodsToAdd[0];
    for (Method m : kMethodsToAdd)
        if (std::none_of(
                lanes.begin(), lanes.end(), [m](const LaneSpec& l) { return l.method == m; })) {
            lane.method = m;
            break;
        }
    appendRow(lane);
    renumber();
    emit changed();
}

void LaneEditor::removeLane(int row)
{
    if (row < 0 || row >= count())
        return;
    // The editor keeps its height until the lanes are next set (a Reset, a preset): shrinking
    // would move the panel under the mouse (scrolled to its end, everything slid down a row)
    // and the next click would miss.
    setMinimumHeight(std::max(minimumHeight(), height()));
    dropWidget(m_rows[static_cast<size_t>(row)].widget);
    m_rows.erase(m_rows.begin() + row);
    renumber();
    emit changed();
}

void LaneEditor::setLane(int row, const LaneSpec& lane)
{
    if (row < 0 || row >= count())
        return;
    const Row& r = m_rows[static_cast<size_t>(row)];
    r.method->setCurrentIndex(r.method->findData(int(lane.method)));
    r.k->setValue(lane.generators.value_or(0));
}

void LaneEditor::appendRow(const LaneSpec& lane)
{
    Row row;
    row.widget = new QWidget(this);
    auto* layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(row.widget);
    label->setObjectName("laneNumber");
    layout->addWidget(label);
    row.method = new QComboBox(row.widget);
    fillMethodBox(row.method);
    row.method->setCurrentIndex(row.method->findData(int(lane.method)));
    row.method->setToolTip(tr("This lane's method"));
    layout->addWidget(row.method, 2);
    row.k = new QSpinBox(row.widget);
    row.k->setRange(0, kMaxK);
    row.k->setSpecialValueText(tr("k above"));
    row.k->setPrefix(tr("k = "));
    row.k->setValue(lane.generators.value_or(0));
    row.k->setToolTip(tr("This lane's number of generators; \"k above\": the run's (gan, "
                         "unrolled, wgan-gp and pacgan have one)"));
    row.k->setEnabled(!hasSingleGenerator(lane.method));
    layout->addWidget(row.k, 1);
    guardWheel(row.method);
    guardWheel(row.k);
    row.remove = new QToolButton(row.widget);
    row.remove->setText(QString::fromUtf8("\u2715"));
    row.remove->setToolTip(tr("Remove this lane (applies at Reset)"));
    layout->addWidget(row.remove);
    m_list->addWidget(row.widget);
    QWidget* widget = row.widget;
    connect(row.method, &QComboBox::currentIndexChanged, this, [this, widget] {
        for (const Row& r : m_rows)
            if (r.widget == widget)
                r.k->setEnabled(
                    !hasSingleGenerator(static_cast<Method>(r.method->currentData().toInt())));
        emit changed();
    });
    connect(row.k, &QSpinBox::valueChanged, this, &LaneEditor::changed);
    connect(row.remove, &QToolButton::clicked, this, [this, widget] {
        for (size_t i = 0; i < m_rows.size(); ++i)
            if (m_rows[i].widget == widget) {
                removeLane(static_cast<int>(i));
                return;
            }
    });
    m_rows.push_back(row);
}

void LaneEditor::dropWidget(QWidget* widget)
{
    // Later: the row's own remove button may be what is being clicked.
    m_list->removeWidget(widget);
    widget->hide();
    widget->deleteLater();
}

void LaneEditor::renumber()
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (auto* label = m_rows[i].widget->findChild<QLabel*>("laneNumber"))
            label->setText(tr("Lane %1").arg(i + 2));
    m_add->setEnabled(count() + 1 < kMaxLanes);
    m_add->setText(
        count() + 1 < kMaxLanes ? tr("Add a lane") : tr("Add a lane (%1 at most)").arg(kMaxLanes));
}

} // namespace modescope::ui
