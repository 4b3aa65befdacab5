#pragma once

#include <QMainWindow>
#include <QTimer>

#include "modescope/Snapshot.h"

class QAction;
class QLabel;

namespace modescope::ui
{

class ControlPanel;
class DensityPlot;
class TrainingController;

// The window: the density plot, the side panel, and the run actions (Space, S, R).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const QString& preset, QWidget* parent = nullptr);
    ~MainWindow() override;

    DensityPlot* densityPlot() const { return m_plot; }
    TrainingController* controller() const { return m_controller; }

private:
    void loadPreset(const QString& name);
    void resetTraining();
    void redraw(); // from the coalescing timer: draws the latest snapshot only
    void showRunning(bool running);

    TrainingController* m_controller;
    DensityPlot* m_plot;
    ControlPanel* m_panel;
    QLabel* m_status;
    QAction* m_startPause;
    QTimer m_redraw;
    bool m_dirty = false;
};

} // namespace modescope::ui
