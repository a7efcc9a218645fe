#include "workflow/scope_checks.hpp"

#include "core/text.hpp"
#include "workflow/string_position.hpp"
#include "workflow/template.hpp"

#include <algorithm>

namespace gump::workflow {

namespace {

const std::vector<std::string> base_variables = {"spec", "attempt", "max_attempts", "error",
                                                 "diff"};
const std::vector<std::string> item_fields = {"name", "description", "files", "index"};

bool contains(const std::vector<std::string>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

// What an earlier step leaves for templates, by kind.
std::vector<std::string> step_fields(StepKind kind) {
    switch (kind) {
    case StepKind::plan:
    case StepKind::code:
        return {"output", "diff", "files", "summary", "session"};
    case StepKind::review:
        return {"output", "diff", "files", "summary", "session", "verdict", "comments"};
    case StepKind::gate:
        return {"output", "diff", "files", "summary"};
    case StepKind::group:
        return {"diff", "files"};
    }
    return {};
}

std::string quoted_list(const std::vector<std::string>& names) {
    std::vector<std::string> q;
    for (const auto& n : names)
        q.push_back("'" + n + "'");
    return join_words(q, " or ");
}

// One reference to an earlier step (foreach or session_from), with what it needs of it.
struct Reference {
    std::string key;   // "foreach"
    std::string needs; // "a plan step"
    bool (*fits)(StepKind);
};

void check_reference(const TableReader& r, const Step& step, const Scope& scope,
                     const std::string& target, const Reference& ref, ParseContext& ctx) {
    SourcePos pos = r.pos(ref.key);
    std::string said = ref.key + " in " + r.what() + " names '" + target + "'";
    std::vector<std::string> fitting;
    for (const Step* s : scope.visible)
        if (ref.fits(s->kind)) fitting.push_back(s->name);
    std::string fix =
        fitting.empty() ? "add " + ref.needs + " before this step, in its group or an enclosing one"
                        : "name " + ref.needs + " that runs before it: " + quoted_list(fitting);
    if (target.empty()) {
        ctx.diags.error(pos, ref.key + " in " + r.what() + " is empty", fix);
        return;
    }
    const Step* found = scope.find(target);
    if (found && ref.fits(found->kind)) return;
    if (found)
        ctx.diags.error(
            pos, said + ", a " + to_string(found->kind) + " step; it needs " + ref.needs, fix);
    else if (target == step.name)
        ctx.diags.error(pos, said + ", the step itself; it needs an earlier step", fix);
    else if (ctx.all_steps.count(target))
        ctx.diags.error(
            pos, said + ", which does not run before it in its group or an enclosing one", fix);
    else
        ctx.diags.error(pos, said + ", but no step has that name" + did_you_mean(target, fitting),
                        fix);
}

class VariableCheck {
public:
    VariableCheck(const Step& step, const Scope& scope, const ParseContext& ctx)
        : m_step(step), m_scope(scope), m_ctx(ctx) {}

    // An empty result: the variable is known here. Otherwise {message, fix}.
    std::pair<std::string, std::string> check(const std::string& name) const {
        if (contains(base_variables, name)) return {};
        size_t dot = name.find('.');
        if (dot == std::string::npos) {
            std::vector<std::string> candidates = base_variables;
            return {"unknown template variable {" + name + "}" + did_you_mean(name, candidates),
                    overview()};
        }
        std::string head = name.substr(0, dot), field = name.substr(dot + 1);
        if (head == "item") return check_item(name, field);
        if (head == "input") return check_input(name, field);
        return check_step(name, head, field);
    }

private:
    std::pair<std::string, std::string> check_item(const std::string& name,
                                                   const std::string& field) const {
        if (!m_scope.in_items)
            return {"{" + name + "} is only set inside a group with foreach",
                    "move this step into a group with foreach = \"<plan step>\", or remove it"};
        if (contains(item_fields, field)) return {};
        return {"items have no field '" + field + "'" + did_you_mean(field, item_fields),
                "use {item.name}, {item.description}, {item.files} or {item.index}"};
    }

    std::pair<std::string, std::string> check_input(const std::string& name,
                                                    const std::string& field) const {
        if (contains(m_ctx.inputs, field)) return {};
        return {"{" + name + "} names an input the workflow does not declare" +
                    did_you_mean(field, m_ctx.inputs),
                "add \"" + field + "\" to inputs = [...] at the top of the workflow"};
    }

    std::pair<std::string, std::string> check_step(const std::string& name, const std::string& head,
                                                   const std::string& field) const {
        if (const Step* s = m_scope.find(head)) {
            std::vector<std::string> fields = step_fields(s->kind);
            if (contains(fields, field)) return {};
            std::vector<std::string> usable;
            for (const auto& f : fields)
                usable.push_back("{" + head + "." + f + "}");
            return {"step '" + head + "' (kind " + to_string(s->kind) + ") has no '" + field + "'" +
                        did_you_mean(field, fields),
                    "use " + join_words(usable, " or ")};
        }
        if (head == m_step.name)
            return {"{" + name + "} refers to this step itself",
                    "use {diff} and {error} for its previous attempt"};
        if (m_ctx.all_steps.count(head))
            return {"{" + name + "}: step '" + head +
                        "' does not run before this step in its group or an enclosing one",
                    overview()};
        std::vector<std::string> heads = m_scope.names();
        heads.push_back("item");
        heads.push_back("input");
        return {"unknown template variable {" + name + "}: there is no step '" + head + "'" +
                    did_you_mean(head, heads),
                overview()};
    }

    // What this step's templates can use.
    std::string overview() const {
        std::vector<std::string> parts;
        for (const auto& v : base_variables)
            parts.push_back("{" + v + "}");
        if (m_scope.in_items) parts.push_back("{item.name|description|files|index}");
        for (const auto& i : m_ctx.inputs)
            parts.push_back("{input." + i + "}");
        for (const Step* s : m_scope.visible)
            parts.push_back("{" + s->name + "." + join(step_fields(s->kind), "|") + "}");
        return "use " + join(parts, ", ") + ", or write {{ and }} for literal braces";
    }

    const Step& m_step;
    const Scope& m_scope;
    const ParseContext& m_ctx;
};

void check_template(const Template& tpl, const std::string& where, const VariableCheck& vars,
                    ParseContext& ctx) {
    ScannedTemplate scanned = scan_template(tpl.text);
    for (const auto& p : scanned.problems)
        ctx.diags.error(position_in_string(ctx.text, tpl.pos, p.offset), where + ": " + p.message,
                        p.fix);
    for (const auto& ph : scanned.placeholders) {
        auto [message, fix] = vars.check(ph.name);
        if (!message.empty())
            ctx.diags.error(position_in_string(ctx.text, tpl.pos, ph.offset),
                            where + ": " + message, fix);
    }
}

} // namespace

void check_references(const TableReader& r, const Step& step, const Scope& scope,
                      ParseContext& ctx) {
    if (r.peek("foreach") && r.peek("foreach")->is_string() && step.kind == StepKind::group)
        check_reference(r, step, scope, step.foreach,
                        {"foreach", "a plan step", [](StepKind k) { return k == StepKind::plan; }},
                        ctx);
    if (r.peek("session_from") && r.peek("session_from")->is_string() && has_agent(step.kind))
        check_reference(r, step, scope, step.session_from,
                        {"session_from", "a plan, code or review step", has_agent}, ctx);
}

void check_templates(const std::string& what, const Step& step, const Scope& scope,
                     ParseContext& ctx) {
    VariableCheck vars(step, scope, ctx);
    if (!step.prompt.empty()) check_template(step.prompt, "prompt of " + what, vars, ctx);
    int index = 1;
    for (const auto& rung : step.retry.ladder) {
        if (rung.prompt)
            check_template(*rung.prompt,
                           "prompt of retry rung " + std::to_string(index) + " of " + what, vars,
                           ctx);
        ++index;
    }
}

} // namespace gump::workflow
