#include "panels/WheelGuard.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QWheelEvent>

namespace modescope::ui
{

namespace
{
class WheelFilter : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        auto* box = qobject_cast<QWidget*>(watched);
        if (event->type() != QEvent::Wheel || !box || box->hasFocus())
            return false;
        // Not focused: the wheel is the scroll area's, if there is one around the box.
        for (QWidget* w = box->parentWidget(); w; w = w->parentWidget())
            if (auto* area = qobject_cast<QScrollArea*>(w)) {
                QApplication::sendEvent(area->verticalScrollBar(), event);
                break;
            }
        return true;
    }
};

WheelFilter* filter()
{
    static auto* shared = new WheelFilter(qApp); // lives as long as the application
    return shared;
}
} // namespace

void guardWheel(QWidget* box)
{
    box->setFocusPolicy(Qt::StrongFocus); // focus by click or Tab, never by the wheel
    box->installEventFilter(filter());
}

void guardWheelsIn(QWidget* panel)
{
    for (QAbstractSpinBox* box : panel->findChildren<QAbstractSpinBox*>())
        guardWheel(box);
    for (QComboBox* box : panel->findChildren<QComboBox*>())
        guardWheel(box);
}

} // namespace modescope::ui
