#pragma once

#include <QWidget>

#include "modescope/maths/Mixture.h"

class QLabel;
class QTableWidget;
class QTableWidgetItem;

namespace modescope::ui
{

// The target distribution as a table of weight / mean / sd (weight / mean x / mean y / sd for a
// 2-D mixture: the columns follow the mixture set), one row a mode. A value that
// cannot be a mode's (not a number, a weight or sd not above zero) is refused: the cell goes
// back to its last good value and the reason shows under the table.
class MixtureEditor : public QWidget
{
    Q_OBJECT
public:
    explicit MixtureEditor(QWidget* parent = nullptr);

    void setMixture(const Mixture& mixture);
    Mixture mixture() const;
    QTableWidget* table() const { return m_table; }
    QString lastError() const; // empty after a good edit
    void clearError(); // the refusal's cause is gone (a reset, a new preset)

public slots:
    void addMode(); // a copy of the last mode, one sd-sum to its right
    void removeMode(); // the current row; the last mode cannot go

signals:
    void changed(); // a good edit, an added or a removed mode

private:
    void onItemChanged(QTableWidgetItem* item);
    void setRow(int row, const Mode& mode);
    void setColumns(int dimension);
    QStringList columnNames() const;
    double& field(Mode& mode, int column) const; // the value a column shows

    int m_dimension = 1;
    void showError(const QString& reason);

    QTableWidget* m_table;
    QLabel* m_error;
    std::vector<Mode> m_modes; // the last good values, row by row
};

} // namespace modescope::ui
