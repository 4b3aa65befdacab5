#pragma once

namespace modescope
{

// Lowers the calling thread's scheduling priority by `steps` nice levels (on Linux nice is a
// thread's own). The window's training threads call it once, as they start: the GUI thread,
// left at the process's priority, then gets a core first whenever both want one. On two cores
// three lanes are three busy threads, and without it every redraw waited its turn behind them,
// stretching a 25 ms replot past the 50 ms stall promise (docs/RELIABILITY.md, Soak). Training
// loses nothing on an otherwise idle machine: priority only matters when threads compete.
// Returns false, leaving the thread as it was, where the system refuses.
bool lowerThisThreadPriority(int steps);

// The calling thread's nice value (for tests and the soak's report).
int thisThreadNice();

} // namespace modescope
