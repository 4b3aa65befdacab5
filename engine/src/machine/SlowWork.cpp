#include "modescope/machine/SlowWork.h"

#include <algorithm>
#include <array>
#include <mutex>

namespace modescope
{

namespace
{
struct Ring {
    std::mutex mutex;
    std::array<SlowWorkPiece, SlowWork::kCapacity> pieces;
    std::size_t next = 0; // where the next piece goes
    std::size_t count = 0;
};

Ring& ring()
{
    static Ring theRing; // made on first use, by whichever thread notes first
    return theRing;
}
} // namespace

double SlowWorkPiece::milliseconds() const
{
    return std::chrono::duration<double, std::milli>(end - start).count();
}

void SlowWork::note(const char* what, std::chrono::steady_clock::time_point start,
    std::chrono::steady_clock::time_point end)
{
    if (std::chrono::duration<double, std::milli>(end - start).count() <= kNoteOverMs)
        return; // the common case takes no lock and makes no string
    Ring& r = ring();
    const std::lock_guard<std::mutex> lock(r.mutex);
    SlowWorkPiece& piece = r.pieces[r.next];
    piece.what = what;
    piece.start = start;
    piece.end = end;
    r.next = (r.next + 1) % kCapacity;
    r.count = std::min(r.count + 1, kCapacity);
}

std::vector<SlowWorkPiece> SlowWork::overlapping(
    std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to)
{
    Ring& r = ring();
    const std::lock_guard<std::mutex> lock(r.mutex);
    std::vector<SlowWorkPiece> found;
    for (std::size_t i = 0; i < r.count; ++i) {
        const SlowWorkPiece& piece = r.pieces[(r.next + kCapacity - r.count + i) % kCapacity];
        if (piece.end >= from && piece.start <= to)
            found.push_back(piece);
    }
    return found;
}

void SlowWork::clear()
{
    Ring& r = ring();
    const std::lock_guard<std::mutex> lock(r.mutex);
    r.next = 0;
    r.count = 0;
}

} // namespace modescope
