#include "MixtureEditor.h"

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
enum Column { Weight, Mean, Sd };
constexpr int kMaxModes = 64;
} // namespace

MixtureEditor::MixtureEditor(QWidget* parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 3, this))
    , m_error(new QLabel(this))
{
    m_table->setHorizontalHeaderLabels({ tr("weight"), tr("mean"), tr("sd") });
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->setToolTip(tr("One row per Gaussian mode: relative weight (> 0), mean, standard "
                           "deviation (> 0). Double-click a cell to edit."));
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

void MixtureEditor::setRow(int row, const Mode& mode)
{
    const QSignalBlocker block(m_table);
    const double values[] = { mode.weight, mode.mean, mode.sd };
    for (int c = 0; c < 3; ++c) {
        auto* item = new QTableWidgetItem(QString::number(values[c], 'g', 6));
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
    const QString names[] = { tr("weight"), tr("mean"), tr("sd") };
    const QString what = tr("Mode %1's %2").arg(row + 1).arg(names[item->column()]);
    QString reason;
    if (!ok || !std::isfinite(value))
        reason = tr("%1 must be a number, not \"%2\".").arg(what, item->text());
    else if (item->column() != Mean && value <= 0)
        reason = tr("%1 must be above zero.").arg(what);
    if (!reason.isEmpty()) {
        setRow(row, m_modes[row]); // back to the last good value
        showError(reason);
        return;
    }
    Mode& mode = m_modes[row];
    (item->column() == Weight ? mode.weight : item->column() == Mean ? mode.mean : mode.sd) = value;
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
        mode.mean += 6 * mode.sd; // well separated from the last mode
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
