#include "modescope/machine/ThreadPriority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

namespace modescope
{

namespace
{
id_t thisThread()
{
    return static_cast<id_t>(syscall(SYS_gettid));
}
} // namespace

int thisThreadNice()
{
    errno = 0;
    return getpriority(PRIO_PROCESS, thisThread()); // the thread's own, by its id
}

bool lowerThisThreadPriority(int steps)
{
    if (steps <= 0)
        return true;
    const int now = thisThreadNice();
    if (errno != 0)
        return false;
    const int lowered = now + steps > 19 ? 19 : now + steps; // 19: the lowest there is
    return setpriority(PRIO_PROCESS, thisThread(), lowered) == 0;
}

} // namespace modescope
