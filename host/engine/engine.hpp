#pragma once
// Runs a resolved workflow in a run's worktree: steps in order, groups once per plan item, each
// agent step attempt by attempt along its retry ladder, a snapshot after every attempt, the gates
// after every snapshot, and the ledger and the observer told of everything as it happens.
#include "config/config.hpp"
#include "engine/observer.hpp"
#include "plan/resolve.hpp"
#include "plugin/registry.hpp"
#include "runs/ledger.hpp"
#include "runs/run_state.hpp"
#include "workspace/backend.hpp"

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace gump::engine {

struct EngineSetup {
    const plan::Plan* plan = nullptr;
    const plugin::Registry* registry = nullptr;
    workspace::Backend* vcs = nullptr;
    runs::Ledger* ledger = nullptr;
    Observer* observer = nullptr;
    std::string run_id;
    std::filesystem::path worktree;
    std::filesystem::path project_dir; // relative paths in plugin configuration start here
    std::string base;                  // the commit the run started from
    std::string spec_text;
    std::map<std::string, std::string> sets; // --set KEY=VALUE
    const std::atomic<bool>* interrupted = nullptr;
};

enum class Outcome { pass, fail, budget, interrupted, error };

class Engine {
public:
    Engine(EngineSetup setup, runs::RunState& state);
    ~Engine();
    Outcome run();

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace gump::engine
