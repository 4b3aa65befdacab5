#include "panels/MixtureEditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace modescope::ui
{

namespace
{
constexpr int kMaxModes = 64;
} // namespace

MixtureEditor::MixtureEditor(QWidget* parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 3, this))
    , m_error(new QLabel(this))
{
    setColumns(1);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->setMinimumHeight(120);
    m_error->setStyleSheet("color: #c00000");
    m_error->setWordWrap(true);
    m_error->setVisible(false);

    auto* add = new QPushButton(tr("Add mode"), this);
    add->setToolTip(tr("Append a mode to the right of the last one"));
    auto* remove = new QPushButton(tr("Remove mode"), this);
    remove->setToolTip(tr("Remove the selected mode"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    layout->addWidget(m_error);

    connect(add, &QPushButton::clicked, this, &MixtureEditor::addMode);
    connect(remove, &QPushButton::clicked, this, &MixtureEditor::removeMode);
    connect(m_table, &QTableWidget::itemChanged, this, &MixtureEditor::onItemChanged);
}

void MixtureEditor::setMixture(const Mixture& mixture)
{
    const QSignalBlocker block(m_table);
    m_modes = mixture.modes();
    setColumns(mixture.dimension());
    m_table->setRowCount(static_cast<int>(m_modes.size()));
    for (int r = 0; r < static_cast<int>(m_modes.size()); ++r)
        setRow(r, m_modes[r]);
    m_error->setVisible(false);
}

Mixture MixtureEditor::mixture() const
{
    return Mixture(m_modes);
}

QString MixtureEditor::lastError() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void MixtureEditor::clearError()
{
    m_error->setVisible(false);
}

void MixtureEditor::setColumns(int dimension)
{
    m_dimension = dimension;
    m_table->setColumnCount(dimension + 2);
    m_table->setHorizontalHeaderLabels(columnNames());
    m_table->setToolTip(dimension == 2
            ? tr("One row per Gaussian mode: relative weight (> 0), the mean's x and y, standard "
                 "deviation (> 0, the same along both axes). Double-click a cell to edit.")
            : tr("One row per Gaussian mode: relative weight (> 0), mean, standard "
                 "deviation (> 0). Double-click a cell to edit."));
}

QStringList MixtureEditor::columnNames() const
{
    if (m_dimension == 2)
        return { tr("weight"), tr("mean x"), tr("mean y"), tr("sd") };
    return { tr("weight"), tr("mean"), tr("sd") };
}

double& MixtureEditor::field(Mode& mode, int column) const
{
    if (column == 0)
        return mode.weight;
    if (column <= m_dimension)
        return mode.mean[static_cast<size_t>(column - 1)];
    return mode.sd;
}

void MixtureEditor::setRow(int row, const Mode& mode)
{
    const QSignalBlocker block(m_table);
    Mode copy = mode;
    for (int c = 0; c < m_table->columnCount(); ++c) {
        const double value = field(copy, c);
        auto* item = new QTableWidgetItem(QString::number(value, 'g', 6));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, c, item);
    }
}

void MixtureEditor::onItemChanged(QTableWidgetItem* item)
{
    const int row = item->row();
    if (row < 0 || row >= static_cast<int>(m_modes.size()))
        return;
    bool ok = false;
    const double value = item->text().trimmed().toDouble(&ok);
    const bool isMean = item->column() >= 1 && item->column() <= m_dimension;
    const QString what = tr("Mode %1's %2").arg(row + 1).arg(columnNames().value(item->column()));
    QString reason;
    if (!ok || !std::isfinite(value))
        reason = tr("%1 must be a number, not \"%2\".").arg(what, item->text());
    else if (!isMean && value <= 0)
        reason = tr("%1 must be above zero.").arg(what);
    if (!reason.isEmpty()) {
        setRow(row, m_modes[row]); // back to the last good value
        showError(reason);
        return;
    }
    field(m_modes[row], item->column()) = value;
    m_error->setVisible(false);
    emit changed();
}

void MixtureEditor::addMode()
{
    if (static_cast<int>(m_modes.size()) >= kMaxModes) {
        showError(tr("At most %1 modes.").arg(kMaxModes));
        return;
    }
    Mode mode = m_modes.empty() ? Mode {} : m_modes.back();
    if (!m_modes.empty())
        mode.mean.front() += 6 * mode.sd; // well separated from the last mode, along x
    m_modes.push_back(mode);
    m_table->setRowCount(static_cast<int>(m_modes.size()));
    setRow(static_cast<int>(m_modes.size()) - 1, mode);
    m_error->setVisible(false);
    emit changed();
}

void MixtureEditor::removeMode()
{
    if (m_modes.size() <= 1) {
        showError(tr("A mixture needs at least one mode."));
        return;
    }
    int row = m_table->currentRow();
    if (row < 0 || row >= static_cast<int>(m_modes.size()))
        row = static_cast<int>(m_modes.size()) - 1;
    m_modes.erase(m_modes.begin() + row);
    m_table->removeRow(row);
    m_error->setVisible(false);
    emit changed();
}

void MixtureEditor::showError(const QString& reason)
{
    m_error->setText(reason);
    m_error->setVisible(true);
}

} // namespace modescope::ui
