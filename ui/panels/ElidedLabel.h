#pragma once

#include <QLabel>

namespace modescope::ui
{

// A one-line label that never widens its window: it asks for no width of its own and, when the
// space it gets is shorter than its text, ends the text with "..." (the whole text is its
// tooltip then). A lane's title grows as training runs ("... · cured at step 1250 (12 s)"); as a
// plain QLabel it pushed the docks aside mid-run and the settings panel jumped under the mouse.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    // The tooltip shown while the text fits; an elided text adds itself in front of it.
    void setExplanation(const QString& explanation);
    // What is painted now: the text, or its elided form.
    QString shownText() const;

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    QString m_explanation;
};

} // namespace modescope::ui
