// The image judge's accuracy (issue 25): trains the judge as image runs do (all of
// Fashion-MNIST's 60,000 training images, 3 epochs, docs/IMAGES.md), or loads it from the
// cache, and prints its accuracy on the 10,000 held-out test images, the time it took and
// where the judge is kept.
//   build/bench/judge_accuracy [IDX_FOLDER=/usr/share/datasets/fashion-mnist]
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>

#include "modescope/images/Judge.h"

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    using namespace modescope;
    try {
        const fs::path dir = argc > 1 ? argv[1] : "/usr/share/datasets/fashion-mnist";
        const ImageSet train
            = readImageSet(dir / "train-images-idx3-ubyte.gz", dir / "train-labels-idx1-ubyte.gz");
        const ImageSet test
            = readImageSet(dir / "t10k-images-idx3-ubyte.gz", dir / "t10k-labels-idx1-ubyte.gz");
        const auto start = std::chrono::steady_clock::now();
        bool trained = false;
        const Judge judge = Judge::trainOrLoad(
            train, Judge::defaultCacheDir(), {}, [&trained](std::size_t done, std::size_t total) {
                trained = true;
                if (done % 100 == 0 || done == total)
                    std::fprintf(stderr, "\rjudge: batch %zu of %zu", done, total);
            });
        const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (trained)
            std::fprintf(stderr, "\n");
        std::printf("judge: %zu training images, %s in %.1f s; test accuracy %.4f on %zu "
                    "images; kept in %s\n",
            train.count(), trained ? "trained" : "loaded", seconds, judge.accuracy(test),
            test.count(),
            (Judge::defaultCacheDir() / Judge::cacheName(train, {})).string().c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "judge_accuracy: %s\n", e.what());
        return 2;
    }
}
