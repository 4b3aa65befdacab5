#pragma once

namespace modescope::app
{

// The exit codes every ModeScope program keeps (docs/RELIABILITY.md, each --help and man page).
inline constexpr int kExitOk = 0;
// modescope-sweep: some runs failed and the rest went on; the window: an unexpected failure,
// reported on stderr.
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2; // one message naming the field or file; nothing written
inline constexpr int kExitDiverged = 3; // a loss became non-finite; the last checkpoint is kept
inline constexpr int kExitIoFailure = 4; // cannot write, out of memory: what was saved is named
inline constexpr int kExitInterrupted = 130; // SIGINT or SIGTERM: what ran is saved, resumable

} // namespace modescope::app
