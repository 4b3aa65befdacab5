// modescope: the window.
#include <QApplication>
#include <QCommandLineParser>

#include "MainWindow.h"

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("ModeScope");
    QApplication::setOrganizationName("ModeScope");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Watch GANs lose modes and multi-generator methods win them back.");
    parser.addHelpOption();
    QCommandLineOption preset("preset", "Preset to open (name or .json file).", "name", "paper-1d");
    parser.addOption(preset);
    parser.process(app);
    modescope::ui::MainWindow window(parser.value(preset));
    window.show();
    return QApplication::exec();
}
