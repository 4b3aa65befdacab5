#pragma once

#include <QDialog>
#include <QString>

namespace modescope::ui
{

// Help > About: the version, what ModeScope is, the references its methods and measures come
// from, and the libraries it links with their versions and licences.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // The dialog's text (rich text), built from the versions compiled in.
    static QString text();
};

} // namespace modescope::ui
