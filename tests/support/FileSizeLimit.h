#pragma once
// A disk that is full past `bytes`, for this process, for as long as the object lives: every
// write that would make a file longer fails with EFBIG, as a full disk fails with ENOSPC
// (SIGXFSZ ignored, so the write fails instead of ending the process). Put back on destruction.
#include <sys/resource.h>

#include <csignal>

namespace modescope::test
{

class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = m_saved;
        small.rlim_cur = bytes;
        m_set = setrlimit(RLIMIT_FSIZE, &small) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    bool set() const { return m_set; }

private:
    struct rlimit m_saved {
    };
    void (*m_handler)(int) = SIG_DFL;
    bool m_set = false;
};

} // namespace modescope::test
