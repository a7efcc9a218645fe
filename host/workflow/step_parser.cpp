#include "workflow/step_parser.hpp"

#include "core/text.hpp"
#include "workflow/kind_rules.hpp"
#include "workflow/retry_parser.hpp"
#include "workflow/scope_checks.hpp"
#include "workflow/step_fields.hpp"
#include "workflow/toml_reader.hpp"

namespace gump::workflow {

namespace {

const std::vector<std::string> step_keys = {"name",    "kind",         "agent",  "prompt",
                                            "gates",   "session_from", "guards", "retry",
                                            "foreach", "parallel",     "steps"};
const std::string guards_hint =
    "move it into the step's guards table: [steps.guards] (in a group, [steps.steps.guards])";
const std::map<std::string, std::string> step_hints = {
    {"type", "write kind = \"code\" (plan, code, review, gate or group)"},
    {"each", "write kind = \"group\" with foreach = \"<plan step>\", and the steps to run per "
             "item as [[steps.steps]] tables"},
    {"session", "write session_from = \"<earlier step>\" to resume that step's session; "
                "retries resume their own session by default"},
    {"context", "say in the prompt what the agent should read first, e.g. \"Read "
                "docs/architecture.md before you start.\""},
    {"workflow", "a review validator runs through the review gate: gates = [\"review\"]"},
    {"with", "a review validator runs through the review gate: gates = [\"review\"]"},
    {"hitl", "remove it: gump does not pause for a human in the middle of a run"},
    {"worktree", "remove it: plan and review steps never write (guards.no_write), and a retry "
                 "rung can reset = true"},
    {"guard", "write [steps.guards]"},
    {"gate", "write gates = [\"compile\", \"test\"]"},
    {"max_turns", guards_hint},
    {"max_tokens", guards_hint},
    {"max_time", guards_hint},
    {"max_cost", guards_hint},
    {"no_write", guards_hint},
    {"attempts",
     "move it into the step's retry table: [steps.retry] (in a group, [steps.steps.retry])"},
    {"ladder", "write the rungs as [[steps.retry.ladder]] tables"},
};
const std::vector<std::string> kinds = {"plan", "code", "review", "gate", "group"};

std::optional<StepKind> kind_of(const std::string& text) {
    if (text == "plan") return StepKind::plan;
    if (text == "code") return StepKind::code;
    if (text == "review") return StepKind::review;
    if (text == "gate") return StepKind::gate;
    if (text == "group") return StepKind::group;
    return std::nullopt;
}

std::optional<StepKind> read_kind(TableReader& r, ParseContext& ctx) {
    auto kind = r.required_string("kind", "\"code\" (plan, code, review, gate or group)");
    if (!kind) return std::nullopt;
    if (auto k = kind_of(*kind)) return k;
    ctx.diags.error(r.pos("kind"),
                    "kind in " + r.what() + " is \"" + *kind + "\", which is not a kind of step" +
                        did_you_mean(*kind, kinds),
                    "write kind = \"code\": one of plan, code, review, gate, group");
    return std::nullopt;
}

void read_name(TableReader& r, Step& step, const Scope& scope, ParseContext& ctx) {
    auto name = r.required_string("name", "\"build\" (lower-case letters, digits, '-', '_')");
    if (!name) return;
    step.name = *name;
    r.rename("step '" + scope.prefix + *name + "'");
    if (!valid_name(*name))
        ctx.diags.error(r.pos("name"), "step name '" + *name + "' is not valid",
                        "use lower-case letters, digits, '-' and '_', starting with a letter or "
                        "digit: it becomes part of paths such as build/1/" +
                            *name);
    else if (*name == "item" || *name == "input")
        ctx.diags.error(r.pos("name"),
                        "a step cannot be named '" + *name + "': {" + *name +
                            ".<field>} already means something in templates",
                        "rename it");
}

Step parse_step(const toml::table& t, const Scope& scope, ParseContext& ctx) {
    Step step;
    step.pos = position(t.source(), ctx.file);
    TableReader r(t, "a step", ctx.file, ctx.diags);
    read_name(r, step, scope, ctx);
    std::optional<StepKind> kind = read_kind(r, ctx);
    if (kind) step.kind = *kind;

    if (auto agent = r.string("agent")) {
        step.agent = *agent;
        step.agent_pos = r.pos("agent");
    }
    if (auto prompt = r.string("prompt")) step.prompt = {*prompt, r.pos("prompt")};
    parse_gates(r, step, ctx);
    if (auto from = r.string("session_from")) step.session_from = *from;
    const std::string guards_example = "{ max_turns = 30 }, or a [steps.guards] table";
    if (const toml::table* guards = r.table("guards", guards_example))
        parse_guards(*guards, step, r.what(), ctx);
    const std::string retry_example = "{ attempts = 3 }, or a [steps.retry] table";
    if (const toml::table* retry = r.table("retry", retry_example))
        parse_retry(*retry, step, r.what(), ctx);
    if (auto foreach = r.string("foreach")) step.foreach = *foreach;
    if (auto parallel = r.boolean("parallel")) step.parallel = *parallel;
    const toml::array* children = r.array("steps", "[[steps.steps]] tables after the group");
    r.finish(step_keys, step_hints);

    // An unknown kind says nothing about what the step may hold: check only what does not
    // depend on it, and still read its children so that their problems show too.
    if (kind) {
        check_kind_rules(r, step, children != nullptr && !children->empty(), ctx);
        check_references(r, step, scope, ctx);
    }
    if (!kind || has_agent(step.kind)) check_templates(r.what(), step, scope, ctx);
    if (children && (!kind || step.kind == StepKind::group)) {
        Scope inner = scope;
        inner.in_items = scope.in_items || !step.foreach.empty();
        inner.prefix = scope.prefix + step.name + "/";
        step.steps = parse_steps(*children, inner, ctx);
    }
    return step;
}

} // namespace

std::vector<Step> parse_steps(const toml::array& array, Scope scope, ParseContext& ctx) {
    std::vector<Step> steps;
    steps.reserve(array.size()); // `scope` keeps pointers to them
    std::string where = scope.prefix.empty()
                            ? std::string("at the top level of the workflow")
                            : "in group '" + scope.prefix.substr(0, scope.prefix.size() - 1) + "'";
    for (const auto& node : array) {
        const toml::table* t = node.as_table();
        if (!t) {
            ctx.diags.error(position(node.source(), ctx.file),
                            "a step must be a table, not " + describe_type(node),
                            "write each step as a [[steps]] table (in a group: [[steps.steps]])");
            continue;
        }
        Step step = parse_step(*t, scope, ctx);
        for (const auto& earlier : steps)
            if (!step.name.empty() && earlier.name == step.name)
                ctx.diags.error(step.pos, "a second step named '" + step.name + "' " + where,
                                "rename one of them: the first is at line " +
                                    std::to_string(earlier.pos.line));
        steps.push_back(std::move(step));
        scope.visible.push_back(&steps.back());
    }
    return steps;
}

void collect_step_names(const toml::array& array, std::set<std::string>& names) {
    for (const auto& node : array) {
        const toml::table* t = node.as_table();
        if (!t) continue;
        if (auto name = (*t)["name"].value<std::string>()) names.insert(*name);
        if (const toml::array* children = (*t)["steps"].as_array())
            collect_step_names(*children, names);
    }
}

} // namespace gump::workflow
