#pragma once

class QWidget;

namespace modescope::ui
{

// Keeps the mouse wheel from changing a value the user did not pick: a spin box or combo box
// under guard takes the wheel only once it has focus (a click or Tab); before that the wheel
// scrolls the panel around it, as a reader scrolling the settings expects (issue 27: the wheel
// over Batch turned 128 into 118 and asked for a Reset).
void guardWheel(QWidget* box);

// guardWheel on every spin box and combo box inside `panel` now.
void guardWheelsIn(QWidget* panel);

} // namespace modescope::ui
