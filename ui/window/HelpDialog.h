#pragma once

#include <QDialog>
#include <QString>

namespace modescope::ui
{

// Help > Guide (F1): what the window shows, what mode collapse looks like in it, what each
// metric means and the keys; short enough to read in a minute.
class HelpDialog : public QDialog
{
    Q_OBJECT
public:
    explicit HelpDialog(QWidget* parent = nullptr);

    static QString guideHtml();
};

} // namespace modescope::ui
