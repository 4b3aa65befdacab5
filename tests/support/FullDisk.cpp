// A disk that fills: preloaded into a program (LD_PRELOAD), it lets the process write
// MODESCOPE_FULL_DISK_AFTER bytes in all to regular files and then fails every write with
// ENOSPC, as a full disk does (a write that crosses the line writes what fits and returns the
// short count first). Pipes, terminals and sockets are not counted. Without the variable it
// does nothing. Used by the fault tests (tst_trainercli, tst_sweepcli).
#include <dlfcn.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>

namespace
{
std::atomic<long long> g_left { -1 }; // bytes still allowed; -1: no limit

// Runs when the library is loaded, before the program's main.
__attribute__((constructor)) void readBudget()
{
    if (const char* after = std::getenv("MODESCOPE_FULL_DISK_AFTER"))
        g_left = std::atoll(after);
}

bool regularFile(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// How many of `wanted` bytes may go to `fd` now: all of them off a regular file or without a
// limit; what is left of the budget otherwise; -1 (ENOSPC) once nothing is.
long long allowed(int fd, size_t wanted)
{
    if (g_left.load() < 0 || !regularFile(fd))
        return static_cast<long long>(wanted);
    const long long left = g_left.load();
    if (left <= 0 && wanted > 0) {
        errno = ENOSPC;
        return -1;
    }
    return std::min(static_cast<long long>(wanted), left);
}

void spent(int fd, ssize_t written)
{
    if (written > 0 && g_left.load() >= 0 && regularFile(fd))
        g_left -= written;
}

template <typename F> F real(const char* name)
{
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}
} // namespace

extern "C" {

ssize_t write(int fd, const void* buffer, size_t count)
{
    static const auto next = real<ssize_t (*)(int, const void*, size_t)>("write");
    const long long n = allowed(fd, count);
    if (n < 0)
        return -1;
    const ssize_t written = next(fd, buffer, static_cast<size_t>(n));
    spent(fd, written);
    return written;
}

ssize_t pwrite64(int fd, const void* buffer, size_t count, off64_t offset)
{
    static const auto next = real<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
    const long long n = allowed(fd, count);
    if (n < 0)
        return -1;
    const ssize_t written = next(fd, buffer, static_cast<size_t>(n), offset);
    spent(fd, written);
    return written;
}

ssize_t pwrite(int fd, const void* buffer, size_t count, off_t offset)
{
    return pwrite64(fd, buffer, count, offset);
}

// Vectored writes (libstdc++'s file streams use them) write the first buffer's share only when
// the budget cuts them short: a short count, as the kernel may return.
ssize_t writev(int fd, const struct iovec* parts, int count)
{
    static const auto next = real<ssize_t (*)(int, const struct iovec*, int)>("writev");
    size_t total = 0;
    for (int i = 0; i < count; ++i)
        total += parts[i].iov_len;
    const long long n = allowed(fd, total);
    if (n < 0)
        return -1;
    if (static_cast<size_t>(n) == total) {
        const ssize_t written = next(fd, parts, count);
        spent(fd, written);
        return written;
    }
    return write(fd, count > 0 ? parts[0].iov_base : nullptr,
        count > 0 ? std::min<size_t>(parts[0].iov_len, static_cast<size_t>(n)) : 0);
}
}
