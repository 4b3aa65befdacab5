#include "modescope/training/Population.h"

#include <array>
#include <chrono>
#include <stdexcept>
#include <string>

#include "training/TrainerImpl.h"
#include "modescope/config/ConfigError.h"
#include "modescope/config/ConfigJson.h"

namespace modescope
{

namespace
{

// Member s's block of a population tensor whose first dimension holds `members` equal blocks.
torch::Tensor blockOf(const torch::Tensor& stacked, int64_t s, int64_t members)
{
    const int64_t rows = stacked.size(0) / members;
    return stacked.narrow(0, s * rows, rows);
}

// A network's state as its optimiser holds it, parameter by parameter: the values and both
// moments (each a list in the optimiser's parameter order).
using State = std::array<std::vector<torch::Tensor>, 3>;
State stateOf(const engine::FlatAdam& optimiser)
{
    State state { { {}, optimiser.firstMoments(), optimiser.secondMoments() } };
    for (const torch::Tensor& p : optimiser.parameters())
        state[0].push_back(p.detach());
    return state;
}

// Copies every member's state into its blocks of the stacked state, or back.
void exchange(const State& stacked, const std::vector<State>& perMember, bool intoMembers)
{
    const int64_t members = static_cast<int64_t>(perMember.size());
    for (size_t part = 0; part < stacked.size(); ++part)
        for (size_t i = 0; i < stacked[part].size(); ++i)
            for (int64_t s = 0; s < members; ++s) {
                torch::Tensor block = blockOf(stacked[part][i], s, members);
                const torch::Tensor& own = perMember[static_cast<size_t>(s)][part][i];
                if (intoMembers)
                    own.copy_(block.reshape(own.sizes()));
                else
                    block.copy_(own.reshape(block.sizes()));
            }
}

} // namespace

// The members are whole Trainers and stay the owners of everything a run is (its config, its
// random streams, its step and losses); the batched networks and optimisers hold the training
// state while steps run. The state is moved between them only when needed: gathered into the
// batched tensors before a step that follows a change to the members, scattered back before a
// member is read.
struct Population::Impl {
    std::vector<std::unique_ptr<Trainer>> members;
    engine::BatchedGenerator generator { nullptr };
    engine::BatchedDiscriminator discriminator { nullptr };
    std::unique_ptr<engine::FlatAdam> generatorOptimiser;
    std::unique_ptr<engine::FlatAdam> discriminatorOptimiser;
    bool batchedCurrent = false; // the batched state is the members' latest
    bool membersCurrent = true; // the members' networks and optimisers are the latest

    Trainer::Impl& at(size_t s) { return *members[s]->m_impl; }
    void gather();
    void scatter();
    void move(bool intoMembers);
};

void Population::Impl::gather()
{
    Trainer::Impl& lead = at(0);
    for (size_t s = 1; s < members.size(); ++s)
        if (at(s).iteration != lead.iteration)
            throw std::logic_error("population: member " + std::to_string(s) + " stands at step "
                + std::to_string(at(s).iteration) + ", member 0 at step "
                + std::to_string(lead.iteration));
    const TrainConfig& c = lead.config;
    const int count = static_cast<int>(members.size());
    generator = engine::BatchedGenerator(lead.k, c.noiseDim, c.generator, lead.d,
        c.generatorSharedLayers, count, c.images.has_value());
    discriminator = engine::BatchedDiscriminator(
        count, lead.d * c.packing(), c.discriminator, lead.layout.heads);
    generator->to(lead.device);
    discriminator->to(lead.device);
    generatorOptimiser = std::make_unique<engine::FlatAdam>(
        generator->parameters(), lead.live.generatorLr, c.beta1, c.beta2);
    discriminatorOptimiser = std::make_unique<engine::FlatAdam>(
        discriminator->parameters(), lead.live.discriminatorLr, c.beta1, c.beta2);
    move(/*intoMembers=*/false);
    batchedCurrent = true;
}

void Population::Impl::scatter()
{
    move(/*intoMembers=*/true);
    membersCurrent = true;
}

void Population::Impl::move(bool intoMembers)
{
    torch::NoGradGuard noGrad;
    using Optimiser = std::unique_ptr<engine::FlatAdam> Trainer::Impl::*;
    const std::pair<engine::FlatAdam*, Optimiser> networks[]
        = { { generatorOptimiser.get(), &Trainer::Impl::generatorOptimiser },
              { discriminatorOptimiser.get(), &Trainer::Impl::discriminatorOptimiser } };
    for (const auto& [batched, ownOf] : networks) {
        std::vector<State> perMember;
        for (size_t s = 0; s < members.size(); ++s)
            perMember.push_back(stateOf(*(at(s).*ownOf)));
        exchange(stateOf(*batched), perMember, intoMembers);
        // Every member has taken as many Adam steps as the population.
        if (intoMembers)
            for (size_t s = 0; s < members.size(); ++s)
                (at(s).*ownOf)->setSteps(batched->steps());
        else
            batched->setSteps((at(0).*ownOf)->steps());
    }
}

Population::Population(const std::vector<TrainConfig>& configs)
{
    if (configs.empty())
        throw ConfigError("population: no members");
    if (static_cast<int>(configs.size()) > kMaxPopulation)
        throw ConfigError("population: " + std::to_string(configs.size()) + " members, more than "
            + std::to_string(kMaxPopulation));
    for (size_t s = 1; s < configs.size(); ++s)
        if (const std::string field = populationMismatch(configs[0], configs[s]); !field.empty())
            throw ConfigError("population: member " + std::to_string(s) + " (seed "
                + std::to_string(configs[s].seed) + ") differs from member 0 in " + field
                + "; only runs of one shape train together");
    m_impl = std::make_unique<Impl>();
    for (const TrainConfig& config : configs)
        m_impl->members.push_back(std::make_unique<Trainer>(config));
}

Population::~Population() = default;

int Population::size() const
{
    return static_cast<int>(m_impl->members.size());
}

long long Population::iteration() const
{
    return m_impl->members.empty() ? 0 : m_impl->members.front()->iteration();
}

void Population::step()
{
    Impl& p = *m_impl;
    if (p.members.empty())
        return;
    if (!trainsBatched(p.at(0).config.method)) {
        // A method whose step is not batched (Routes.h): each member steps alone, in turn.
        for (auto& member : p.members)
            member->step();
        return;
    }
    if (!p.batchedCurrent)
        p.gather();
    const auto started = std::chrono::steady_clock::now();
    for (size_t s = 0; s < p.members.size(); ++s)
        p.at(s).applyLiveSettings();
    Trainer::Impl& lead = p.at(0);
    p.generatorOptimiser->setLr(lead.live.generatorLr);
    p.discriminatorOptimiser->setLr(lead.live.discriminatorLr);

    // Each member draws from its own stream, in the order a run alone draws: noise, then data.
    const int64_t rows = static_cast<int64_t>(lead.config.batch) * lead.config.packing();
    std::vector<torch::Tensor> noise, data;
    for (size_t s = 0; s < p.members.size(); ++s) {
        Trainer::Impl& member = p.at(s);
        noise.push_back(member.noise(rows, member.rng));
        data.push_back(member.sampleData(rows, member.rng));
    }
    engine::BatchedDiscriminatorImpl& discriminator = *p.discriminator;
    const engine::StepResult result = engine::trainStep(
        { *p.generator,
            [&discriminator](const torch::Tensor& x) { return discriminator.forwardAll(x); },
            discriminator, *p.generatorOptimiser, *p.discriminatorOptimiser },
        torch::stack(noise), torch::stack(data), lead.k, lead.layout, lead.simSettings(),
        lead.config.packing());
    p.membersCurrent = false;
    // Each member is charged its share of the step's time.
    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
        / static_cast<double>(p.members.size());
    for (size_t s = 0; s < p.members.size(); ++s)
        p.at(s).recordStep(result.member(static_cast<int64_t>(s)), seconds);
}

Trainer& Population::member(int s)
{
    Impl& p = *m_impl;
    if (s < 0 || s >= size())
        throw std::out_of_range("population: no member " + std::to_string(s));
    if (!p.membersCurrent)
        p.scatter();
    return *p.members[s];
}

void Population::loadCheckpoint(int s, const std::filesystem::path& file)
{
    member(s).loadCheckpoint(file);
    m_impl->batchedCurrent = false;
}

std::unique_ptr<Trainer> Population::release(int s)
{
    member(s); // brings every member up to date
    Impl& p = *m_impl;
    std::unique_ptr<Trainer> out = std::move(p.members[s]);
    p.members.erase(p.members.begin() + s);
    p.batchedCurrent = false;
    if (p.members.empty()) {
        p.generator = nullptr;
        p.discriminator = nullptr;
        p.generatorOptimiser.reset();
        p.discriminatorOptimiser.reset();
    }
    return out;
}

void Population::setLiveSettings(const LiveSettings& settings)
{
    for (auto& member : m_impl->members)
        member->setLiveSettings(settings);
}

} // namespace modescope
