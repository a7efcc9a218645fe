#pragma once
// What a run hands back, in the shape of the agent contract's result (docs/agent-contract.md).
#include "usage.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replay {

struct Failure {
    std::string failure_class; // auth, config, transient, crash, timeout, agent
    std::string message;
};

// What the run did so far; a cancelled or failed run returns exactly that.
struct Outcome {
    bool success = true;
    std::string session;
    std::string text;
    int turns = 0;
    Usage usage;
    std::optional<Failure> failure; // read only when success is false
};

const std::vector<std::string>& failure_classes();
bool is_failure_class(std::string_view name);

// The failure of a run gump stopped (a guard, the budget, Ctrl-C).
Failure stopped_failure();

// {success, session, text, turns, usage, cost_usd, cost_source, failure?}: cost_source is
// "reported" when a cost is known, else "unknown" with cost_usd null.
boost::json::object outcome_json(const Outcome& outcome);

} // namespace replay
