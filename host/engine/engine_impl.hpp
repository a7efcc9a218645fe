#pragma once
// The engine's private side, shared by the files that implement it: engine.cpp (steps and
// groups), agent_step.cpp and attempt.cpp (agent steps, attempt by attempt), checks.cpp (gates,
// verdicts), budget.cpp (the run's spend) and worktree.cpp (the workspace backend).
#include "engine/agent_runner.hpp"
#include "engine/engine.hpp"
#include "engine/gate_runner.hpp"
#include "engine/plan_items.hpp"
#include "engine/values.hpp"
#include "plan/attempts.hpp"
#include "runs/json_fields.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace gump::engine {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace detail {
// Context files of every agent gump drives: kept out of snapshots even if an agent leaves one.
const char* const agent_context_files[] = {"CLAUDE.md", "AGENTS.md", "GEMINI.md", "QWEN.md",
                                           ".cursor/rules/gump.mdc"};

inline std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline json::array strings(const std::vector<std::string>& list) {
    json::array out;
    for (const auto& s : list)
        out.emplace_back(s);
    return out;
}

inline json::object tokens_json(const runs::Tokens& t) {
    return {{"input", t.input},
            {"output", t.output},
            {"cache_read", t.cache_read},
            {"cache_write", t.cache_write}};
}

inline long long ms_since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

inline std::string money(double usd) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "$%.2f", usd);
    return buf;
}

inline bool uses_error(const workflow::Template& prompt) {
    return prompt.text.find("{error}") != std::string::npos;
}
} // namespace detail

// Where one step sits: its path prefix and the items of the groups around it.
struct Scope {
    std::string prefix; // "" at the top, "build/2" inside an item
    const Item* item = nullptr;
    int item_index = 0;
    // {input.NAME} values: the run's --set ones, or those of the workflow a gate runs.
    const std::map<std::string, std::string>* sets = nullptr;
    std::string path(const std::string& name) const {
        return prefix.empty() ? name : prefix + "/" + name;
    }
};

// How a step ended, for its group and the run.
enum class StepEnd { pass, fail, budget, interrupted, stop };

// The outcome of one attempt before the next is decided.
struct AttemptEnd {
    bool passed = false;
    bool final = false; // no further attempt can help (auth, config, a gate that cannot run)
    StepEnd end = StepEnd::fail;
    std::string reason;  // one line
    std::string error;   // for the next attempt
    std::string diff;    // what the attempt changed, for the next one
    std::string output;  // what the step produced (plan JSON, verdict comments)
    std::string summary; // the agent's final answer
    std::vector<Item> items;
};

// A review step's answer, when it gave one.
struct Verdict {
    bool valid = false; // false: no JSON verdict with a boolean "pass"
    bool pass = false;
    std::string comments; // or, when not valid, what is wrong with it
};

struct AgentDescription {
    std::string context_file;
    std::string context_preamble; // what the CLI needs before gump's text (front-matter)
    bool replay = false;
};

class Engine::Impl {
public:
    Impl(EngineSetup setup, runs::RunState& state);

    Outcome run();

private:
    // The run's totals before an attempt, so live numbers can be shown on top of them.
    struct Spent {
        int turns = 0;
        runs::Tokens tokens;
        double cost_usd = 0;
    };

    void emit(const std::string& type, json::object fields);

    void save_state();

    runs::StepRecord& step_record(const std::string& path);

    bool interrupted() const;

    Expected<json::object> vcs(workspace::VcsOp op, json::object request);

    json::object trailers(const std::string& path, int attempt);

    // Records the worktree as it is; the commit (or nothing) becomes the head.
    Expected<json::object> snapshot(const std::string& message, const std::string& path,
                                    int attempt);

    // Back to `commit`'s tree, recorded as a new commit: the branch keeps the undone attempt.
    void reset_to(const std::string& commit, const std::string& path, const std::string& why);

    std::vector<std::string> changed_paths(const std::string& from, bool worktree,
                                           bool only_added = false, const std::string& to = {});

    std::string patch(const std::string& from, const std::string& to);

    // What the gates left in the worktree (build outputs) never reaches a snapshot.
    void exclude_gate_outputs();

    StepEnd run_step(const plan::ResolvedStep& rs, const Scope& scope);

    void step_started(const plan::ResolvedStep& rs, const std::string& path, const Scope& scope);

    StepEnd step_finished(const std::string& path, StepEnd end, const std::string& reason,
                          Clock::time_point started);

    StepEnd run_group(const plan::ResolvedStep& rs, const Scope& scope);

    StepEnd run_children(const plan::ResolvedStep& rs, const Scope& scope, std::string& reason);

    StepEnd run_gate_step(const plan::ResolvedStep& rs, const Scope& scope);

    std::vector<GateOutcome> check_gates(const plan::ResolvedStep& rs, const std::string& path,
                                         int attempt, const std::string& base,
                                         const std::string& output, const Scope& scope);

    // A workflow a gate runs (gump_host::run_workflow): its steps run as steps of their own
    // under "<path>@<attempt>/<gate>", on the worktree as the attempt left it.
    Expected<json::object> run_validator(const plan::ResolvedGate& gate,
                                         const json::object& request, const std::string& path,
                                         int attempt, const std::string& base, const Scope& scope);

    std::optional<GateOutcome> cached_pass(const plan::ResolvedGate& gate);
    void remember_pass(const GateOutcome& gate);
    static void record_gates(runs::AttemptRecord& attempt, const std::vector<GateOutcome>& gates);

    static std::string attempt_dir(const std::string& path, int attempt);

    std::optional<std::string> budget_spent();

    // An attempt is not launched when what its agent has cost on average so far in this run
    // would not fit in what is left.
    std::optional<std::string> cannot_afford(const std::string& alias);

    BudgetLeft budget_left();
    // Waits, unless the user interrupts or the run's time runs out first (then false).
    bool pause(long long ms);

    void fail_run_budget(const std::string& path, const std::string& why);

    const plan::ResolvedAgent* agent_for(const plan::ResolvedStep& rs, const std::string& alias);

    Expected<AgentDescription> describe(const plan::ResolvedAgent& agent);

    // The session attempt 1 continues: that of `session_from`, when the same plugin made it.
    std::string inherited_session(const workflow::Step& step, const std::string& path,
                                  const plan::ResolvedAgent& agent);

    StepEnd run_agent_step(const plan::ResolvedStep& rs, const Scope& scope);

    // What a passed step leaves for later prompts and groups.
    void publish(const plan::ResolvedStep& rs, const std::string& path,
                 const std::string& step_base, const AttemptEnd& end);

    AttemptEnd run_attempt(const plan::ResolvedStep& rs, const Scope& scope,
                           const std::string& path, const std::string& step_base,
                           const plan::AttemptPlan& ap, int cap, const plan::ResolvedAgent& agent,
                           const std::string& error, const std::string& diff);

    static Verdict read_verdict(const std::string& text);

    AttemptEnd finish_attempt(const std::string& path, runs::AttemptRecord& attempt,
                              AttemptEnd end);

    Spent spent() const;

    void set_spent(const Spent& before, int turns, const runs::Tokens& tokens, double cost);

    void account(runs::AttemptRecord& attempt, const AgentOutcome& out, const Spent& before);

    EngineSetup m_setup;
    runs::RunState& m_state;
    std::string m_head;          // the worktree's last recorded commit
    std::string m_attempt_start; // the head when the current attempt started
    std::map<std::string, std::pair<std::string, GateOutcome>> m_gate_passes; // key -> commit
    Values m_values;
    std::map<std::string, std::vector<Item>> m_items; // plan step path -> its items
    std::map<std::string, AgentDescription> m_descriptions;
    std::map<std::string, std::pair<double, int>> m_agent_costs; // alias -> cost, attempts
    std::set<std::string> m_exclude;
    Clock::time_point m_started;
    std::optional<Clock::time_point> m_deadline;
    int m_top_number = 0;
    int m_validating = 0;             // > 0 while a gate's workflow runs
    std::optional<Verdict> m_verdict; // of the last review step, for the gate that ran it
};

} // namespace gump::engine
