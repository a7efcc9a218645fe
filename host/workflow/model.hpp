#pragma once
// The workflow model: what a TOML workflow says once parsed and validated. Plain data; the
// parser fills it, the validator checks it against the configuration, the dry run prints it and
// the engine executes it.
#include "core/diagnostic.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace gump::workflow {

enum class StepKind {
    plan,   // an agent produces items (.gump/out/plan.json); no source changes
    code,   // an agent changes the worktree
    review, // an agent returns a verdict {pass, comments}; no source changes
    gate,   // no agent: only gates judge the worktree as it is
    group,  // runs its child steps, once per item of a plan step (foreach) or once
};

const char* to_string(StepKind kind);

// A prompt or another text with {placeholders}; pos is where the text starts in the file.
struct Template {
    std::string text;
    SourcePos pos;
    bool empty() const { return text.empty(); }
};

struct GateRef {
    std::string name;           // a key of the [gates] configuration table
    boost::json::object params; // inline parameters, layered over the configured ones
    SourcePos pos;
};

struct Guards {
    std::optional<int> max_turns;
    std::optional<long long> max_tokens; // input + output + cache tokens
    std::optional<long long> max_time_ms;
    std::optional<double> max_cost; // USD
    std::optional<bool> no_write;   // unset: true for plan and review steps
    bool empty() const {
        return !max_turns && !max_tokens && !max_time_ms && !max_cost && !no_write;
    }
};

// One rung of the retry ladder. It applies from attempt `from` on and stays in force for every
// later attempt, until a later rung overrides the same field.
struct RetryRung {
    int from = 2;
    std::optional<std::string> agent; // a changed agent always starts a new session
    std::optional<Template> prompt;   // replaces the step prompt
    bool new_session = false;         // start a new session instead of resuming
    bool reset = false;               // reset the worktree to the start of the step first
    SourcePos pos;
    SourcePos agent_pos = {}; // of `agent`, so an unknown alias is reported where it is written
};

struct Retry {
    int attempts = 1; // the cap: attempts in total, first one included
    std::vector<RetryRung> ladder;
    SourcePos pos;
};

struct Step {
    std::string name;
    StepKind kind = StepKind::code;
    std::string agent; // an agent alias of the [agents] configuration table
    SourcePos agent_pos;
    Template prompt;
    std::vector<GateRef> gates;
    Guards guards;
    Retry retry;
    std::string session_from; // start attempt 1 from this earlier step's session

    // group steps
    std::string foreach; // the plan step whose items drive the group; empty: run once
    bool parallel = false;
    std::vector<Step> steps;

    SourcePos pos; // the step's table header
};

struct Budget {
    std::optional<double> max_cost; // USD for the whole run
    std::optional<long long> max_time_ms;
    std::optional<long long> max_tokens;
    bool empty() const { return !max_cost && !max_time_ms && !max_tokens; }
};

struct Workflow {
    std::string name;
    std::string description;
    std::vector<std::string> inputs; // names usable as {input.<name>} (validators)
    Budget budget;
    std::vector<Step> steps;
    std::string source; // "built-in", "project", "user", or "file" for a path given by the user
    std::string path; // the file it came from ("built-in:workflows/cheap2sota.toml" when embedded)
};

} // namespace gump::workflow
