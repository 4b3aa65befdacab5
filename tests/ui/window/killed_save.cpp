// A window killed in the middle of saving a session over an earlier one (issue 26): it saves a
// k = 2 run into DIR, resets to a k = 3 run and saves that over it, and kills itself (SIGKILL)
// just before the Nth file rename of the second save, N from the command line: the moments
// between one file of a session and the next, where a mix of the two runs (a k = 3 config.json
// beside a k = 2 checkpoint) would not open. Prints "first saved", then "second saved" if it
// lives. Used by tst_killedsave.
//   killed_save DIR N
#include <QApplication>
#include <QSignalSpy>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <signal.h>
#include <unistd.h>

#include "support/SmallConfig.h"
#include "support/TestSettings.h"
#include "training/TrainingController.h"
#include "window/MainWindow.h"

namespace
{
std::atomic<int> g_renames { -1 }; // below 0: not counting yet
int g_killAt = 0;

void countRename()
{
    if (g_renames.load() >= 0 && ++g_renames == g_killAt)
        ::kill(::getpid(), SIGKILL);
}

template <typename F> F real(const char* name)
{
    return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
}
} // namespace

// Every file ModeScope writes ends in a rename (AtomicFile, StagedFolder): counted here.
extern "C" int rename(const char* from, const char* to)
{
    countRename();
    static const auto next = real<int (*)(const char*, const char*)>("rename");
    return next(from, to);
}

extern "C" int renameat2(int fromDir, const char* from, int toDir, const char* to, unsigned flags)
{
    countRename();
    static const auto next
        = real<int (*)(int, const char*, int, const char*, unsigned)>("renameat2");
    return next(fromDir, from, toDir, to, flags);
}

int main(int argc, char** argv)
{
    using namespace modescope;
    QApplication app(argc, argv);
    if (argc != 3)
        return 2;
    test::isolateSettings("ModeScopeKilledSave");
    const QString dir = QString::fromLocal8Bit(argv[1]);
    g_killAt = std::atoi(argv[2]);
    ui::MainWindow window;
    window.setQuiet(true);
    const auto trainAndSave = [&](int k) {
        TrainConfig config = test::smallConfig(Method::MadGanSim, k);
        config.presetName = "killed-save";
        QSignalSpy snapshot(window.controller(), &ui::TrainingController::snapshotReady);
        window.startConfig(config);
        for (int step = 0; step < 3; ++step) {
            if (!snapshot.wait(30000))
                return false;
            window.controller()->stepOnce();
        }
        if (!snapshot.wait(30000))
            return false;
        QSignalSpy saved(&window, &ui::MainWindow::exportFinished);
        window.saveSession(dir, /*replaceRun=*/true);
        return (saved.count() > 0 || saved.wait(30000))
            && saved.at(0).at(2).toStringList().isEmpty();
    };
    if (!trainAndSave(2))
        return 1;
    std::printf("first saved\n");
    std::fflush(stdout);
    g_renames = 0; // the second save's renames are counted
    if (!trainAndSave(3))
        return 1;
    std::printf("second saved\n");
    return 0;
}
