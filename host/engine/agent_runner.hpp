#pragma once
// Runs one attempt of an agent plugin under the step's guards and the run's budget, checked on
// every event the agent emits and at least every 100 ms: crossing one kills the agent's process
// group (gracefully, then forcibly) and the attempt ends with the guard's reason.
#include "config/config.hpp"
#include "plugin/registry.hpp"
#include "runs/run_state.hpp"

#include <boost/json/object.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace gump::engine {

using Clock = std::chrono::steady_clock;

struct Limits {
    std::optional<int> max_turns;
    std::optional<long long> max_tokens;
    std::optional<long long> max_time_ms;
    std::optional<double> max_cost;
};

// What is left of the run's budget when the attempt starts.
struct BudgetLeft {
    std::optional<double> cost;
    std::optional<long long> tokens;
    std::optional<Clock::time_point> deadline;
};

struct Live {
    std::string session;
    int turns = 0;
    runs::Tokens tokens;
    double cost_usd = 0;
    bool cost_estimated = false; // from the price table, not from the provider
    long long elapsed_ms = 0;
};

// What `tokens` cost at `price` (USD per million tokens).
double estimate_cost(const runs::Tokens& tokens, const config::Price& price);

struct AgentOutcome {
    bool success = false;
    std::string session;
    std::string text;
    int turns = 0;
    runs::Tokens tokens;
    double cost_usd = 0;
    std::string cost_source = "unknown";
    std::string failure_class; // auth, config, transient, crash, timeout, agent
    std::string failure;       // the plugin's sentence
    std::string guard;         // the step guard that stopped it: max_turns, max_tokens, ...
    std::string budget;        // the run budget that stopped it: cost, tokens, time
    std::string stop_reason;   // "61 turns, more than max_turns = 60"
    bool interrupted = false;
    long long duration_ms = 0;

    bool stopped() const { return !guard.empty() || !budget.empty() || interrupted; }
};

// `later` is a run again of `earlier` (a transient failure): the numbers add up; the cost is as
// unknown, or as estimated, as the least certain of the two.
void add_earlier(AgentOutcome& later, const AgentOutcome& earlier);

struct AgentCall {
    const plugin::PluginInfo* plugin = nullptr;
    boost::json::object config;  // the alias's options
    boost::json::object request; // docs/agent-contract.md
    Limits limits;
    BudgetLeft budget;
    std::optional<config::Price> price; // estimates the cost when the agent reports none
    const std::atomic<bool>* interrupted = nullptr;
    std::function<void(const boost::json::object& event)> on_event;
    std::function<void(const Live& live)> on_progress; // at most every 250 ms, and at each event
};

// An Error only when the plugin could not be made or refused the request outright.
Expected<AgentOutcome> run_agent(const plugin::Registry& registry, const AgentCall& call);

} // namespace gump::engine
