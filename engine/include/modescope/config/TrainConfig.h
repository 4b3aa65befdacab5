#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "modescope/maths/Mixture.h"

namespace modescope
{

// The training method; see SPEC section 1 for each one's label layout and docs/ROUTES.md for
// the two routes out of collapse: Unrolled and WganGp change the optimisation (route 1); the
// MAD-GAN family and PacGan change the architecture (route 2).
enum class Method { Gan, Independent, MadGan, MadGanSim, Unrolled, WganGp, PacGan };
// Every Method's name, in the enum's order ("gan, independent, ..., pacgan").
std::string methodNames();
enum class Activation { Elu, Relu, LeakyRelu, Tanh };
enum class NoiseKind { Uniform, Normal };
// Where MAD-GAN-Sim takes its feature map phi from: D's last hidden layer after its activation
// (the default), before it, or after it with the mean over the step's generated samples taken
// away (centred: cosines can then be negative, so both constraints of a pair can hold); or
// generator i's own last hidden layer (the seed article's suggestion, though different
// generators' hidden units share no coordinates, so their cosine compares unrelated features).
enum class PhiSource { Discriminator, DiscriminatorPreActivation, DiscriminatorCentred, Generator };
// Every PhiSource's name, in the enum's order ("discriminator, ..., generator").
std::string phiSourceNames();
enum class DeviceChoice { Auto, Cpu, Cuda };
// How the data reach the networks (docs/RESULTS.md, "Why a mode stays empty"). Standardize: D
// sees (x - m) / s and G's output g is drawn at x = m + s * g, where m and s are the mean and
// the pooled sd of data samples (modescope/DataScale.h), so every preset trains at the scale the
// networks' initialisation and learning rates assume; None: raw x, as the MAD-GAN authors' code.
enum class DataScaling { None, Standardize };

std::string toString(Method method);
std::string toString(Activation activation);
std::string toString(NoiseKind kind);
std::string toString(PhiSource source);
std::string toString(DeviceChoice device);
std::string toString(DataScaling scaling);
std::optional<Method> parseMethod(const std::string& text);
std::optional<Activation> parseActivation(const std::string& text);
std::optional<NoiseKind> parseNoiseKind(const std::string& text);
std::optional<PhiSource> parsePhiSource(const std::string& text);
std::optional<DeviceChoice> parseDeviceChoice(const std::string& text);
std::optional<DataScaling> parseDataScaling(const std::string& text);

// True for the methods whose discriminator has k+1 heads (fake-from-G_i labels).
bool hasPerGeneratorHeads(Method method);
// True for the methods with one generator whatever k says: gan and the route-1 methods.
bool hasSingleGenerator(Method method);
// True for the methods a population (Population.h) trains as one batched step; the others'
// members step one after another.
bool trainsBatched(Method method);
// Which route out of mode collapse a method belongs to, in a line a window or figure can show:
// "baseline", "route 1: optimisation" or "route 2: architecture".
std::string routeOf(Method method);

struct NetworkConfig {
    std::vector<int> hidden; // width of each hidden layer, input side first
    Activation activation = Activation::Elu;
    double negativeSlope = 0.1; // used by LeakyRelu only
};

// Settings the running trainer reads at every step boundary; changing them keeps the
// networks and the optimisers' state.
struct LiveSettings {
    // The Sim hinge on/off, for madgan and madgan-sim alike (SPEC 1: a live switch of the MAD-GAN
    // family). A preset that does not say starts madgan-sim with it on, madgan with it off.
    bool simEnabled = false;
    double simLambda = 1.0; // weight of the hinge in each generator's loss
    double simNu = 0.5; // margin scale multiplying the cosine similarity
    double generatorLr = 1e-4;
    double discriminatorLr = 1e-4;
};

// Adam learning rates of G and D, as a preset gives them for one method ("optimizer":
// {"per_method": {"gan": {"g_lr": ..., "d_lr": ...}}}).
struct AdamRates {
    double generator = 1e-4;
    double discriminator = 1e-4;
    bool operator==(const AdamRates& o) const
    {
        return generator == o.generator && discriminator == o.discriminator;
    }
};

// The route-1 and PacGAN settings (docs/ROUTES.md has the maths); each is read by its own
// method only.
struct UnrolledSettings {
    int steps = 5; // K: discriminator steps unrolled for the generator's loss
    // The generator's gradient flows through the K unrolled updates (Metz et al.'s method);
    // false: the first-order surrogate, the loss against the unrolled D taken as fixed.
    bool secondOrder = true;
};
struct WganGpSettings {
    double lambda = 10.0; // weight of the gradient penalty
    int criticSteps = 5; // n_critic: critic steps per generator step
};
struct PacGanSettings {
    int packing = 2; // m: samples per discriminator input; 1 is the plain GAN
};

// An image data set as the target, in place of a mixture (docs/IMAGES.md): IDX files (gzip'd
// or not), each image's pixels scaled from 0..255 to [-1, 1]; the classes stand in for modes.
// The files' image size and classes are checked against these fields when training starts.
struct ImageTarget {
    std::string images = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
    std::string labels = "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz";
    int rows = 28;
    int cols = 28;
    int classes = 10;
    std::vector<std::string> classNames; // one per class; empty: "0", "1", ...
    long long limit = 0; // train (and judge) on the first `limit` images; 0: all
    // Stacked (the papers' Stacked MNIST, docs/IMAGES.md): each sample is three of the set's
    // images drawn independently, one in each of three channels, and its class the three
    // classes read as one number in base `classes` (1000 from 10). At most kMaxStackedClasses.
    bool stacked = false;

    int channels() const { return stacked ? 3 : 1; }
    // The classes the metrics count: `classes`, or its cube when stacked.
    int modes() const { return stacked ? classes * classes * classes : classes; }
    // The name of class c: classNames[c], else its number; stacked, the three channels'
    // numbers as three digits ("318" is classes 3, 1 and 8).
    std::string className(int c) const;
};

// The most classes a stacked target's set may have: 10 gives 1000 modes, as Stacked MNIST.
inline constexpr int kMaxStackedClasses = 10;

// Every setting of a run. A preset JSON file is this struct; every field has a default.
struct TrainConfig {
    std::string presetName = "custom";
    std::string description;
    Mixture mixture { { { 1, 10, 3 }, { 1, 20, 3 }, { 1, 60, 2 }, { 1, 80, 2 }, { 1, 110, 1 } } };
    std::optional<std::pair<double, double>> metricRange; // default: Mixture::defaultRange()
    std::optional<std::pair<double, double>> viewRange; // x; default: metric range in 1-D
    // 2-D: y; default: viewRange (one range spans both axes), else the modes +-5 sd.
    std::optional<std::pair<double, double>> viewRangeY;

    // Set: the target is this image set, and `mixture` and the ranges are not used.
    std::optional<ImageTarget> images;

    Method method = Method::MadGan;
    int generators = 4; // k; forced to 1 for a single-generator method
    NetworkConfig generator { { 128, 128 }, Activation::Elu, 0.1 };
    // The first `generatorSharedLayers` hidden layers are one trunk that all k generators share
    // (the MAD-GAN authors' code shares every hidden layer); the rest, and the output layer, are
    // each generator's own. 0: k separate networks (SPEC 2).
    int generatorSharedLayers = 0;
    NetworkConfig discriminator { { 128, 128, 128 }, Activation::LeakyRelu, 0.1 };
    NoiseKind noise = NoiseKind::Uniform;
    int noiseDim = 64;
    int batch = 128; // samples per generator, and real samples, per step
    double beta1 = 0.5;
    double beta2 = 0.999;
    LiveSettings live; // its learning rates are the ones the run trains with
    // Rates for particular methods (docs/IMAGES.md: on images MAD-GAN needs D eight times
    // faster than G, the plain GAN does not): a method named here trains with its entry's rates,
    // every other with `presetRates`, the preset's optimizer.g_lr and d_lr. Empty: `live`'s
    // rates for every method. chooseMethod() applies them; a config read from JSON has them
    // applied for its method.
    std::map<Method, AdamRates> methodRates;
    AdamRates presetRates;
    PhiSource phi = PhiSource::Discriminator;
    UnrolledSettings unrolled;
    WganGpSettings wganGp;
    PacGanSettings pacGan;
    DataScaling dataScaling = DataScaling::Standardize;

    long long iterations = 20000;
    unsigned long long seed = 1;
    DeviceChoice device = DeviceChoice::Auto;
    int logEvery = 100; // steps between metrics.csv rows
    int samplesPerGenerator = 2500; // for metrics and samples.csv
    // The members of the population the run was last trained in (Population.h); 1: alone. Runs
    // are reproducible for a given population size, as for a given BLAS thread count.
    int population = 1;

    // Makes `method` the run's method as a preset would start it: its rates (methodRates, when
    // the config has any) and Sim on for madgan-sim only.
    void chooseMethod(Method chosen);
    // The rates `m` trains with from this preset: its methodRates entry, else presetRates;
    // `live`'s when methodRates is empty.
    AdamRates ratesFor(Method m) const;
    // Gives every method this G rate, D rate or both (a command line's --lr, a rate typed in the
    // window): the preset's, each per-method entry's and the run's own; a rate not given stays
    // each method's. Both given: one set of rates, the per-method ones dropped.
    void setRatesForEveryMethod(
        std::optional<double> generatorLr, std::optional<double> discriminatorLr);

    // k as trained: 1 for the single-generator methods whatever `generators` says.
    int effectiveGenerators() const { return hasSingleGenerator(method) ? 1 : generators; }
    // Samples each discriminator input packs: PacGAN's m, else 1.
    int packing() const { return method == Method::PacGan ? pacGan.packing : 1; }
    // Of the data: 1 or 2 for a mixture, channels x rows x cols for images.
    int dimension() const
    {
        return images ? images->channels() * images->rows * images->cols : mixture.dimension();
    }
    // What the metrics count: the mixture's modes, or the image set's classes (cubed, stacked).
    int modeCount() const { return images ? images->modes() : mixture.size(); }
    std::pair<double, double> effectiveMetricRange() const;
    // The view along `axis` (0: x, 1: y in 2-D): what the snapshots' grid covers.
    std::pair<double, double> effectiveViewRange(int axis = 0) const;
};

// The most members one population trains at once (Population.h).
constexpr int kMaxPopulation = 256;

// Throws ConfigError naming the first field that is out of range.
void validate(const TrainConfig& config);

} // namespace modescope
