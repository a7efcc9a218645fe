#pragma once
// Runs a step's gates on the worktree after an attempt's snapshot. Every deterministic gate runs
// (the agent is told everything that is wrong at once); gates that run agents (a reviewer) come
// after them and are skipped when one of them did not pass: no paid review of code that does
// not compile. An "error" verdict means the gate itself could not run, which no retry of the
// agent can fix.
#include "plan/resolve.hpp"
#include "plugin/registry.hpp"

#include <boost/json/object.hpp>

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gump::engine {

struct GateOutcome {
    std::string name;
    std::string plugin;
    boost::json::object params;
    std::string verdict; // pass, fail, error, skip
    std::string summary;
    std::string feedback;       // for the agent's next attempt
    boost::json::object result; // the plugin's whole answer, for the ledger
    long long duration_ms = 0;
    bool cached = false; // an earlier pass on the same tree stands for this one
};

struct GateCall {
    const std::vector<plan::ResolvedGate>* gates = nullptr;
    // worktree, step, base, head, changed_files, item, output: the same for every gate.
    boost::json::object request;
    std::string artifacts_dir; // each gate gets <dir>/<gate name>
    const std::atomic<bool>* interrupted = nullptr;
    std::function<void(const std::string& gate)> on_started;
    std::function<void(const GateOutcome& gate)> on_finished;
    // An earlier verdict that still holds, instead of running the gate again.
    std::function<std::optional<GateOutcome>(const plan::ResolvedGate& gate)> cached;
    // A workflow a gate asks the host to run (gump_host::run_workflow).
    std::function<Expected<boost::json::object>(const plan::ResolvedGate& gate,
                                                const boost::json::object& request)>
        run_workflow;
};

std::vector<GateOutcome> run_gates(const plugin::Registry& registry, const GateCall& call);

// "compile+test"
std::string gate_names(const std::vector<GateOutcome>& gates, bool only_failed);

// What the next attempt is told: each failing gate's summary and feedback.
std::string gate_error(const std::vector<GateOutcome>& gates);

} // namespace gump::engine
