#include "workflow/parser.hpp"

#include "core/text.hpp"
#include "workflow/string_position.hpp"
#include "workflow/template.hpp"
#include "workflow/toml_reader.hpp"

#include <regex>

namespace gump::workflow {

const char* to_string(StepKind kind) {
    switch (kind) {
    case StepKind::plan:
        return "plan";
    case StepKind::code:
        return "code";
    case StepKind::review:
        return "review";
    case StepKind::gate:
        return "gate";
    case StepKind::group:
        return "group";
    }
    return "?";
}

namespace {

const std::vector<std::string> root_keys = {"name", "description", "inputs", "budget", "steps"};
const std::vector<std::string> budget_keys = {"max_cost", "max_time", "max_tokens"};
const std::vector<std::string> step_keys = {"name",    "kind",         "agent",  "prompt",
                                            "gates",   "session_from", "guards", "retry",
                                            "foreach", "parallel",     "steps"};
const std::vector<std::string> guard_keys = {"max_turns", "max_tokens", "max_time", "max_cost",
                                             "no_write"};
const std::vector<std::string> retry_keys = {"attempts", "ladder"};
const std::vector<std::string> rung_keys = {"from", "agent", "prompt", "session", "reset"};
const std::vector<std::string> kinds = {"plan", "code", "review", "gate", "group"};
const std::vector<std::string> step_fields = {"output", "diff", "files", "summary"};
const std::vector<std::string> agent_fields = {"session"};
const std::vector<std::string> review_fields = {"verdict", "comments"};
const std::vector<std::string> item_fields = {"name", "description", "files", "index"};

bool valid_name(const std::string& name) {
    static const std::regex pattern("[a-z0-9][a-z0-9_-]*");
    return std::regex_match(name, pattern);
}

bool has_agent(StepKind k) {
    return k == StepKind::plan || k == StepKind::code || k == StepKind::review;
}

// Steps that run before the one being parsed and that it may refer to.
struct Scope {
    std::vector<const Step*> visible;
    bool in_items = false; // inside a group that runs per item
    const Step* find(const std::string& name) const {
        for (auto it = visible.rbegin(); it != visible.rend(); ++it)
            if ((*it)->name == name) return *it;
        return nullptr;
    }
};

class Parser {
public:
    Parser(std::string_view text, const std::string& file, Diagnostics& diags)
        : m_text(text), m_file(file), m_diags(diags) {}

    std::optional<Workflow> parse() {
        toml::table root;
        try {
            root = toml::parse(m_text, std::string_view(m_file));
        } catch (const toml::parse_error& e) {
            m_diags.error(position(e.source(), m_file), std::string(e.description()),
                          "fix the TOML syntax");
            return std::nullopt;
        }
        Workflow wf;
        wf.path = m_file;
        TableReader r(root, "the workflow", m_file, m_diags);
        if (auto name = r.string("name", true)) {
            wf.name = *name;
            if (!valid_name(*name))
                m_diags.error(r.pos("name"), "workflow name '" + *name + "' is not valid",
                              "use lower-case letters, digits, '-' and '_'");
        }
        wf.description = r.string("description").value_or("");
        if (auto inputs = r.strings("inputs")) wf.inputs = *inputs;
        m_inputs = wf.inputs;
        if (const toml::table* budget = r.table("budget")) {
            TableReader b(*budget, "[budget]", m_file, m_diags);
            wf.budget.max_cost = b.number("max_cost");
            wf.budget.max_time_ms = b.duration_ms("max_time");
            wf.budget.max_tokens = b.integer("max_tokens", 1);
            b.finish(budget_keys);
        }
        const toml::array* steps = r.array("steps");
        if (!steps || steps->empty())
            m_diags.error(r.pos(), "the workflow has no steps",
                          "add at least one [[steps]] table with a name and a kind");
        else
            wf.steps = parse_steps(*steps, Scope{}, "[[steps]]");
        r.finish(root_keys);
        return wf;
    }

private:
    std::vector<Step> parse_steps(const toml::array& array, Scope scope, const std::string& where) {
        std::vector<Step> steps;
        steps.reserve(array.size()); // pointers into it are kept in the scope
        for (const auto& node : array) {
            const toml::table* t = node.as_table();
            if (!t) {
                m_diags.error(position(node.source(), m_file),
                              "every entry of " + where + " must be a table",
                              "write each step as a " + where + " section");
                continue;
            }
            Step step = parse_step(*t, scope);
            if (!step.name.empty())
                if (const Step* earlier = find_sibling(steps, step.name))
                    m_diags.error(
                        step.pos, "a second step named '" + step.name + "' in the same scope",
                        "rename it: the first is at line " + std::to_string(earlier->pos.line));
            steps.push_back(std::move(step));
            scope.visible.push_back(&steps.back());
        }
        return steps;
    }

    static const Step* find_sibling(const std::vector<Step>& steps, const std::string& name) {
        for (const auto& s : steps)
            if (s.name == name) return &s;
        return nullptr;
    }

    Step parse_step(const toml::table& t, const Scope& scope) {
        Step step;
        step.pos = position(t.source(), m_file);
        std::string what = "step";
        TableReader reader(t, what, m_file, m_diags);
        if (auto name = reader.string("name", true)) {
            step.name = *name;
            what = "step '" + *name + "'";
            reader.rename(what);
            if (!valid_name(*name))
                m_diags.error(reader.pos("name"), "step name '" + *name + "' is not valid",
                              "use lower-case letters, digits, '-' and '_' (it becomes part of "
                              "paths such as build/1/" +
                                  *name + ")");
        }

        std::optional<std::string> kind = reader.string("kind");
        if (!kind) {
            if (!reader.has("kind"))
                m_diags.error(step.pos, what + " has no kind",
                              "add kind = \"code\" (one of: plan, code, review, gate, group)");
            kind = "";
        }
        if (*kind == "plan")
            step.kind = StepKind::plan;
        else if (*kind == "code")
            step.kind = StepKind::code;
        else if (*kind == "review")
            step.kind = StepKind::review;
        else if (*kind == "gate")
            step.kind = StepKind::gate;
        else if (*kind == "group")
            step.kind = StepKind::group;
        else if (!kind->empty())
            m_diags.error(reader.pos("kind"),
                          "unknown kind '" + *kind + "' in " + what + did_you_mean(*kind, kinds),
                          "use one of: plan, code, review, gate, group");
        bool kind_known = std::find(kinds.begin(), kinds.end(), *kind) != kinds.end();

        if (auto agent = reader.string("agent")) {
            step.agent = *agent;
            step.agent_pos = reader.pos("agent");
        }
        if (auto prompt = reader.string("prompt")) step.prompt = {*prompt, reader.pos("prompt")};
        if (reader.has("gates")) parse_gates(reader, step, what);
        if (auto from = reader.string("session_from")) step.session_from = *from;
        if (const toml::table* guards = reader.table("guards")) parse_guards(*guards, step, what);
        if (const toml::table* retry = reader.table("retry")) parse_retry(*retry, step, what);
        if (auto foreach = reader.string("foreach")) step.foreach = *foreach;
        if (auto parallel = reader.boolean("parallel")) step.parallel = *parallel;
        const toml::array* children = reader.array("steps");
        reader.finish(step_keys);

        if (kind_known) check_kind(reader, step, what, children != nullptr);
        check_references(reader, step, what, scope);
        if (has_agent(step.kind)) {
            check_template(step.prompt, step, scope);
            for (const auto& rung : step.retry.ladder)
                if (rung.prompt) check_template(*rung.prompt, step, scope);
        }
        if (children && step.kind == StepKind::group) {
            Scope inner = scope;
            inner.in_items = scope.in_items || !step.foreach.empty();
            step.steps = parse_steps(*children, inner, "[[steps.steps]]");
            if (step.steps.empty())
                m_diags.error(step.pos, what + " has no steps",
                              "add its children as [[steps.steps]] tables");
        }
        return step;
    }

    // What each kind must have and must not have.
    void check_kind(TableReader& r, const Step& step, const std::string& what, bool has_children) {
        auto forbid = [&](std::string_view key, const std::string& why) {
            if (r.has(key))
                m_diags.error(r.pos(key),
                              std::string(key) + " does not belong in " + what + ": " + why,
                              "remove it");
        };
        std::string kind = to_string(step.kind);
        if (has_agent(step.kind)) {
            if (step.agent.empty())
                m_diags.error(step.pos, what + " (kind " + kind + ") has no agent",
                              "add agent = \"<alias>\", e.g. agent = \"claude-sonnet\" (see `gump "
                              "config agents`)");
            if (step.prompt.empty())
                m_diags.error(step.pos, what + " (kind " + kind + ") has no prompt",
                              "add prompt = \"...\"; {spec} is the spec's text");
        } else {
            std::string why =
                kind == "gate" ? "gate steps run no agent" : "group steps run no agent themselves";
            forbid("agent", why);
            forbid("prompt", why);
            forbid("guards", why);
            forbid("retry", why);
            forbid("session_from", why);
        }
        if (step.kind != StepKind::group) {
            forbid("steps", "only group steps have child steps");
            forbid("foreach", "only group steps run per item");
            forbid("parallel", "only group steps run children in parallel");
        } else {
            forbid("gates", "a group's children have the gates");
            if (!has_children)
                m_diags.error(step.pos, what + " (kind group) has no steps",
                              "add its children as [[steps.steps]] tables");
        }
        if (step.kind == StepKind::gate && step.gates.empty())
            m_diags.error(step.pos, what + " (kind gate) has no gates",
                          "add gates = [\"compile\", \"test\"]");
    }

    void check_references(TableReader& r, const Step& step, const std::string& what,
                          const Scope& scope) {
        if (!step.foreach.empty()) {
            const Step* plan = scope.find(step.foreach);
            if (!plan || plan->kind != StepKind::plan)
                m_diags.error(r.pos("foreach"),
                              "foreach in " + what + " names '" + step.foreach +
                                  "', which is not an earlier plan step" +
                                  did_you_mean(step.foreach, names(scope, true)),
                              "name a plan step that runs before this group");
        }
        if (!step.session_from.empty()) {
            const Step* from = scope.find(step.session_from);
            if (!from || !has_agent(from->kind))
                m_diags.error(r.pos("session_from"),
                              "session_from in " + what + " names '" + step.session_from +
                                  "', which is not an earlier step with an agent" +
                                  did_you_mean(step.session_from, names(scope, false)),
                              "name a plan, code or review step that runs before this one");
        }
    }

    static std::vector<std::string> names(const Scope& scope, bool plans_only) {
        std::vector<std::string> out;
        for (const Step* s : scope.visible)
            if (!plans_only || s->kind == StepKind::plan) out.push_back(s->name);
        return out;
    }

    void parse_gates(TableReader& r, Step& step, const std::string& what) {
        const toml::array* gates = r.array("gates");
        if (!gates) return;
        for (const auto& entry : *gates) {
            SourcePos pos = position(entry.source(), m_file);
            if (entry.is_string()) {
                std::string name = entry.as_string()->get();
                if (name.empty())
                    m_diags.error(pos, "an empty gate name in " + what,
                                  "write a name from [gates], e.g. \"test\"");
                else
                    step.gates.push_back({name, {}, pos});
            } else if (const toml::table* inline_gate = entry.as_table()) {
                GateRef ref;
                ref.pos = pos;
                for (const auto& [key, value] : *inline_gate) {
                    if (key.str() == "gate") {
                        if (value.is_string()) ref.name = value.as_string()->get();
                    } else {
                        ref.params[key.str()] = to_json(value);
                    }
                }
                if (ref.name.empty())
                    m_diags.error(pos, "an inline gate in " + what + " has no gate = \"<name>\"",
                                  "write { gate = \"files\", touched = [\"**/*_test.*\"] }");
                else
                    step.gates.push_back(std::move(ref));
            } else {
                m_diags.error(pos, "a gate in " + what + " must be a name or an inline table",
                              "write \"test\" or { gate = \"files\", touched = [...] }");
            }
        }
    }

    static boost::json::value to_json(const toml::node& node) {
        if (auto s = node.as_string()) return boost::json::string(s->get());
        if (auto i = node.as_integer()) return i->get();
        if (auto f = node.as_floating_point()) return f->get();
        if (auto b = node.as_boolean()) return b->get();
        if (auto a = node.as_array()) {
            boost::json::array out;
            for (const auto& e : *a)
                out.push_back(to_json(e));
            return out;
        }
        if (auto t = node.as_table()) {
            boost::json::object out;
            for (const auto& [k, v] : *t)
                out[k.str()] = to_json(v);
            return out;
        }
        return nullptr;
    }

    void parse_guards(const toml::table& t, Step& step, const std::string& what) {
        TableReader r(t, "the guards of " + what, m_file, m_diags);
        if (auto v = r.integer("max_turns", 1)) step.guards.max_turns = static_cast<int>(*v);
        step.guards.max_tokens = r.integer("max_tokens", 1);
        step.guards.max_time_ms = r.duration_ms("max_time");
        step.guards.max_cost = r.number("max_cost");
        step.guards.no_write = r.boolean("no_write");
        r.finish(guard_keys);
    }

    void parse_retry(const toml::table& t, Step& step, const std::string& what) {
        TableReader r(t, "the retry of " + what, m_file, m_diags);
        step.retry.pos = r.pos();
        std::optional<long long> attempts = r.integer("attempts", 1);
        if (attempts) step.retry.attempts = static_cast<int>(*attempts);
        const toml::array* ladder = r.array("ladder");
        r.finish(retry_keys);
        if (!ladder) return;
        if (!r.has("attempts"))
            m_diags.error(r.pos("ladder"), "the retry ladder of " + what + " has no attempt cap",
                          "add attempts = N to [retry]: the attempts in total, the first one "
                          "included");
        int previous = 1;
        for (const auto& node : *ladder) {
            const toml::table* rt = node.as_table();
            if (!rt) {
                m_diags.error(position(node.source(), m_file),
                              "each rung of the retry ladder must be a table",
                              "write [[steps.retry.ladder]] sections");
                continue;
            }
            RetryRung rung;
            rung.pos = position(rt->source(), m_file);
            TableReader rr(*rt, "a retry rung of " + what, m_file, m_diags);
            std::optional<long long> from = rr.integer("from", 2);
            if (!from && !rr.has("from"))
                m_diags.error(rung.pos, "a retry rung of " + what + " has no from",
                              "add from = N: the first attempt it applies to (2 or more)");
            if (from) {
                rung.from = static_cast<int>(*from);
                if (attempts && rung.from > *attempts)
                    m_diags.error(rr.pos("from"),
                                  "this rung starts at attempt " + std::to_string(rung.from) +
                                      " but " + what + " has only " + std::to_string(*attempts) +
                                      " attempts, so it never applies",
                                  "raise attempts or lower from");
                if (rung.from <= previous && previous > 1)
                    m_diags.error(rr.pos("from"),
                                  "retry rungs must start at increasing attempts (this one " +
                                      std::to_string(rung.from) + " follows " +
                                      std::to_string(previous) + ")",
                                  "order the rungs by from");
                previous = std::max(previous, rung.from);
            }
            rung.agent = rr.string("agent");
            if (auto prompt = rr.string("prompt"))
                rung.prompt = Template{*prompt, rr.pos("prompt")};
            if (auto session = rr.string("session")) {
                if (*session == "new")
                    rung.new_session = true;
                else if (*session != "resume")
                    m_diags.error(rr.pos("session"), "session must be \"new\" or \"resume\"",
                                  "write session = \"new\"");
            }
            rung.reset = rr.boolean("reset").value_or(false);
            rr.finish(rung_keys);
            if (!rung.agent && !rung.prompt && !rung.new_session && !rung.reset && from)
                m_diags.warning(rung.pos, "this retry rung changes nothing",
                                "give it an agent, a prompt, session = \"new\" or reset = true, "
                                "or remove it");
            step.retry.ladder.push_back(std::move(rung));
        }
    }

    void check_template(const Template& tpl, const Step& step, const Scope& scope) {
        ScannedTemplate scanned = scan_template(tpl.text);
        for (const auto& problem : scanned.problems)
            m_diags.error(position_in_string(m_text, tpl.pos, problem.offset), problem.message,
                          "fix the placeholder");
        for (const auto& ph : scanned.placeholders) {
            std::vector<std::string> known;
            if (known_variable(ph.name, step, scope, known)) continue;
            m_diags.error(position_in_string(m_text, tpl.pos, ph.offset),
                          "unknown template variable {" + ph.name + "}" +
                              did_you_mean(ph.name, known),
                          "use one of: " + join(known, ", ") + " (write {{ for a literal brace)");
        }
    }

    // True when `name` is available to `step`; otherwise `known` lists what is.
    bool known_variable(const std::string& name, const Step& step, const Scope& scope,
                        std::vector<std::string>& known) const {
        known = {"spec", "attempt", "max_attempts", "error", "diff"};
        if (scope.in_items)
            for (const auto& f : item_fields)
                known.push_back("item." + f);
        for (const auto& input : m_inputs)
            known.push_back("input." + input);
        for (const Step* s : scope.visible) {
            if (s->kind == StepKind::group) continue;
            for (const auto& f : step_fields)
                known.push_back(s->name + "." + f);
            if (has_agent(s->kind))
                for (const auto& f : agent_fields)
                    known.push_back(s->name + "." + f);
            if (s->kind == StepKind::review)
                for (const auto& f : review_fields)
                    known.push_back(s->name + "." + f);
        }
        (void)step;
        return std::find(known.begin(), known.end(), name) != known.end();
    }

    std::string_view m_text;
    const std::string& m_file;
    Diagnostics& m_diags;
    std::vector<std::string> m_inputs;
};

} // namespace

std::optional<Workflow> parse_workflow(std::string_view text, const std::string& display_path,
                                       Diagnostics& diags) {
    return Parser(text, display_path, diags).parse();
}

} // namespace gump::workflow
