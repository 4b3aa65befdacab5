#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "modescope/config/TrainConfig.h"
#include "modescope/io/IdxFile.h"
#include "modescope/maths/ClassMetrics.h"

namespace modescope
{

// The judge of image runs (issue 25): a small convolutional classifier trained by ModeScope on
// the data set's training images, that says which class a generated image shows and how sure
// it is (ClassMetrics.h turns that into classes covered, confident share and reverse KL).
//   input 1 x 28 x 28 in [0, 1] -> conv 5x5 (padding 2) 16 + ReLU -> max-pool 2
//   -> conv 5x5 (padding 2) 32 + ReLU -> max-pool 2 -> linear 32*7*7 -> 128 + ReLU
//   -> linear 128 -> 10 (logits); Adam (1e-3), batch 128, 4 epochs, cross-entropy.
// Images of 16 x 16 pixels or more (the linear layer follows the conv output); the
// Fashion-MNIST figures in docs/IMAGES.md are at 28 x 28.
struct JudgeOptions {
    int epochs = 4;
    int batch = 128;
    double learningRate = 1e-3;
    std::uint64_t seed = 1;
    // Train on at most this many images (0: all), the first ones: tests train on a subset.
    std::size_t limit = 0;
};

class Judge
{
public:
    // Trains a judge on `train`. `progress(done, total)` is called after each batch, from this
    // thread; it may throw to stop.
    static Judge train(const ImageSet& train, const JudgeOptions& options = {},
        const std::function<void(std::size_t, std::size_t)>& progress = {});
    // The cached judge of this data (its hash, the options and this architecture name the
    // file) in `cacheDir` when there is one, else trained and then saved there (a cache that
    // cannot be written is passed over: the judge is still returned). A damaged cache file is
    // trained again and replaced.
    static Judge trainOrLoad(const ImageSet& train, const std::filesystem::path& cacheDir,
        const JudgeOptions& options = {},
        const std::function<void(std::size_t, std::size_t)>& progress = {});
    // trainOrLoad in the default cache folder, once per process for each data set and options:
    // every trainer on the same images (lanes, population members) shares the one judge. The
    // first caller loads or trains it; callers for the same judge meanwhile wait. Thread-safe.
    static std::shared_ptr<const Judge> shared(const ImageSet& train,
        const JudgeOptions& options = {},
        const std::function<void(std::size_t, std::size_t)>& progress = {});
    // Where trainOrLoad keeps judges: $MODESCOPE_CACHE, else $XDG_CACHE_HOME/modescope, else
    // ~/.cache/modescope.
    static std::filesystem::path defaultCacheDir();
    // The cache file's name for this data and these options (a hash of pixels, labels, shape).
    static std::string cacheName(const ImageSet& train, const JudgeOptions& options);

    void save(const std::filesystem::path& file) const; // IoError naming it
    static Judge load(const std::filesystem::path& file); // ConfigError naming it

    // The judge's class and probability for `count` images of rows x cols pixels in [0, 1]
    // (one after another); generators[i] is image i's generator (empty: all 0).
    std::vector<JudgedImage> judge(const std::vector<float>& images, std::size_t count,
        const std::vector<int>& generators = {}) const;
    // Stacked images (count x 3 x rows x cols in [0, 1], IdxFile.h's StackedSet): each channel
    // judged alone; the class is the three classes read as one number in base classes(), the
    // probability the product of the three.
    std::vector<JudgedImage> judgeStacked(const std::vector<float>& images, std::size_t count,
        const std::vector<int>& generators = {}) const;
    // The share of `test`'s images it classifies as labelled.
    double accuracy(const ImageSet& test) const;

    int classes() const;
    int rows() const;
    int cols() const;

private:
    struct Impl;
    std::shared_ptr<Impl> m_impl;
};

// The judge of an image run (TrainConfig::images): trained on the images the run trains on (its
// first `limit`), shared as Judge::shared shares it. Throws ConfigError naming a data file that
// cannot be read, or whose images are not the size the config says.
std::shared_ptr<const Judge> judgeOf(
    const TrainConfig& config, const std::function<void(std::size_t, std::size_t)>& progress = {});
// The image set of an image run, read once per process (sharedImageSet), checked against the
// config: its image size and its classes. ConfigError naming the file otherwise.
std::shared_ptr<const ImageSet> imageSetOf(const ImageTarget& target);

// An image set's pixels as floats in [0, 1], images [first, first + count).
std::vector<float> pixelsAsFloats(const ImageSet& set, std::size_t first, std::size_t count);
std::vector<float> pixelsAsFloats(const StackedSet& set, std::size_t first, std::size_t count);

} // namespace modescope
