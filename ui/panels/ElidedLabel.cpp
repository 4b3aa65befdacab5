#include "panels/ElidedLabel.h"

#include <QEvent>
#include <QPainter>
#include <QStyle>

namespace modescope::ui
{

ElidedLabel::ElidedLabel(QWidget* parent)
    : QLabel(parent)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setTextFormat(Qt::PlainText);
}

void ElidedLabel::setExplanation(const QString& explanation)
{
    m_explanation = explanation;
    setToolTip(explanation);
}

QString ElidedLabel::shownText() const
{
    return fontMetrics().elidedText(text(), Qt::ElideRight, contentsRect().width());
}

QSize ElidedLabel::minimumSizeHint() const
{
    return { 0, QLabel::minimumSizeHint().height() };
}

void ElidedLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    style()->drawItemText(&painter, contentsRect(), int(alignment()), palette(), isEnabled(),
        shownText(), foregroundRole());
}

bool ElidedLabel::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) { // the cut-off text first, then what it means
        if (shownText() == text())
            setToolTip(m_explanation);
        else
            setToolTip(m_explanation.isEmpty() ? text() : text() + "\n\n" + m_explanation);
    }
    return QLabel::event(event);
}

} // namespace modescope::ui
