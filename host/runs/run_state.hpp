#pragma once
// What `state.json` says about a run: every step and attempt with its agent, numbers, gates and
// the error fed back. The engine rewrites it after every change; report and status read it.
#include "core/expected.hpp"

#include <boost/json/object.hpp>

#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace gump::runs {

struct Tokens {
    long long input = 0;
    long long output = 0;
    long long cache_read = 0;
    long long cache_write = 0;
    long long total() const { return input + output + cache_read + cache_write; }
    Tokens& operator+=(const Tokens& other);
};

struct GateRecord {
    std::string name;
    std::string plugin;
    std::string verdict; // pass, fail, error, skip
    std::string summary;
    long long duration_ms = 0;
    bool cached = false; // an earlier pass on the same files stood for it
};

struct AttemptRecord {
    int number = 1;
    std::string agent;  // alias
    std::string plugin; // agent plugin id
    std::string model;
    bool replay = false; // a scripted agent: its numbers are a recording
    std::string session;
    bool resumed = false; // continued the previous session
    std::string how;      // what the ladder made of it: "same", "claude-haiku", "reset", ...
    std::string status;   // running, pass, fail, interrupted
    std::string reason;   // one line: why it failed
    std::string error;    // what the next attempt is told
    std::string guard;    // the guard that stopped it
    int turns = 0;
    Tokens tokens;
    double cost_usd = 0;
    std::string cost_source; // reported, estimated, unknown
    long long duration_ms = 0;
    std::string started_at;
    std::string commit; // its snapshot; empty when nothing changed
    std::vector<std::string> files;
    std::vector<GateRecord> gates;
};

struct StepRecord {
    std::string path;   // "build/2/impl"
    std::string kind;   // plan, code, review, gate, group
    std::string status; // running, pass, fail, interrupted
    std::string reason;
    int items = 0; // plan steps
    long long duration_ms = 0;
    std::vector<AttemptRecord> attempts;
};

struct RunState {
    std::string run;
    std::string workflow;
    std::string spec;
    std::string status; // running, pass, fail, budget, interrupted, error
    std::string reason; // why it did not pass
    std::string started_at;
    std::string updated_at;
    long long duration_ms = 0;
    double cost_usd = 0;
    bool cost_partial = false;   // some attempt's cost is unknown
    bool cost_estimated = false; // some attempt's cost comes from the price table
    int turns = 0;
    Tokens tokens;
    std::optional<double> budget_usd;
    std::string current_step; // while running
    int current_attempt = 0;
    // A deque: a step's record stays where it is while steps a gate runs are added.
    std::deque<StepRecord> steps;

    StepRecord* find(const std::string& path);
};

boost::json::object to_json(const RunState& state);
Expected<RunState> state_from_json(const boost::json::value& value);

} // namespace gump::runs
