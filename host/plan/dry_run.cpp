#include "plan/dry_run.hpp"

#include "core/text.hpp"
#include "plan/attempts.hpp"

#include <boost/json.hpp>
#include <fmt/core.h>

#include <cstdio>

namespace gump::plan {
namespace json = boost::json;

namespace {

std::string money(double usd) {
    return fmt::format("${:.2f}", usd);
}

std::string thousands(long long n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string budget_text(const workflow::Budget& b) {
    std::vector<std::string> parts;
    if (b.max_cost) parts.push_back(money(*b.max_cost));
    if (b.max_time_ms) parts.push_back(format_duration(*b.max_time_ms));
    if (b.max_tokens) parts.push_back(thousands(*b.max_tokens) + " tokens");
    return parts.empty() ? "none" : join(parts, " · ");
}

// "$3 in / $15 out per M tokens"
std::string price_text(const config::Price& p) {
    auto usd = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "$%g", v);
        return std::string(buf);
    };
    return usd(p.input) + " in / " + usd(p.output) + " out per M tokens";
}

std::string agent_text(const ResolvedAgent& a, const Style& style) {
    if (a.plugin.empty()) return a.alias + " → " + style.red("unknown alias");
    std::string out = a.alias + " → " + a.plugin + ", " +
                      (a.model.empty() ? std::string("CLI default model") : "model " + a.model);
    if (!a.installed) return out + style.yellow(" (plugin not installed)");
    if (a.reports_cost)
        out += " · cost reported";
    else if (a.price)
        out += " · cost estimated at " + price_text(*a.price);
    else
        out += " · cost " + style.yellow("? (no price: add [pricing.\"" +
                                         (a.model.empty() ? a.alias : a.model) + "\"])");
    return out;
}

std::string gate_text(const ResolvedGate& g, const Style& style) {
    if (g.plugin.empty()) return g.name + " → " + style.red("unknown gate");
    std::string out = g.name + " → " + g.plugin;
    std::vector<std::string> params;
    for (const auto& [key, value] : g.params)
        params.push_back(
            std::string(key) + " " +
            (value.is_string() ? std::string(value.as_string()) : json::serialize(value)));
    if (!params.empty()) out += " (" + join(params, ", ") + ")";
    if (!g.installed) out += style.yellow(" (plugin not installed)");
    if (!g.does.empty()) out += ": " + g.does;
    return out;
}

std::string guards_text(const workflow::Step& step) {
    const auto& g = step.guards;
    std::vector<std::string> parts;
    if (g.max_turns) parts.push_back("max " + std::to_string(*g.max_turns) + " turns");
    if (g.max_tokens) parts.push_back("max " + thousands(*g.max_tokens) + " tokens");
    if (g.max_time_ms) parts.push_back("max " + format_duration(*g.max_time_ms));
    if (g.max_cost) parts.push_back("max " + money(*g.max_cost));
    bool no_write = g.no_write.value_or(step.kind == workflow::StepKind::plan ||
                                        step.kind == workflow::StepKind::review);
    if (no_write) parts.push_back("no source changes");
    return join(parts, " · ");
}

std::string prompt_text(const workflow::Template& prompt) {
    std::string first = prompt.text.substr(0, prompt.text.find('\n'));
    while (!first.empty() && first.back() == ' ')
        first.pop_back();
    if (first.size() > 70) first = first.substr(0, 67) + "...";
    return "\"" + first + "\"";
}

class Printer {
public:
    Printer(const Style& style) : m_style(style) {}
    std::string out;

    void steps(const std::vector<ResolvedStep>& steps, const std::string& number_prefix,
               const std::string& indent, bool per_item) {
        int n = 0;
        for (const auto& s : steps) {
            std::string number = number_prefix + std::to_string(++n);
            step(s, number, indent, per_item);
        }
    }

private:
    void line(const std::string& indent, std::string_view label, const std::string& text) {
        out += fmt::format("{}    {:<9}{}\n", indent, label, text);
    }

    void step(const ResolvedStep& r, const std::string& number, const std::string& indent,
              bool per_item) {
        const workflow::Step& s = *r.step;
        std::string shown_path = r.path;
        if (per_item) {
            // Inside a per-item group the path carries the item number at run time.
            size_t slash = shown_path.find('/');
            if (slash != std::string::npos) shown_path.insert(slash + 1, "<item>/");
        }
        std::string kind = to_string(s.kind);
        if (s.kind == workflow::StepKind::group)
            kind = s.foreach.empty() ? std::string("group, once")
                                     : "group: for each item of " + s.foreach + ", " +
                                           (s.parallel ? "in parallel" : "one after another");
        else if (s.kind == workflow::StepKind::gate)
            kind = "gates only";
        out += indent + m_style.bold("→ Step " + number + ": " + shown_path) + " " +
               m_style.dim("(" + kind + ")") + "\n";
        if (r.agent) line(indent, "agent", agent_text(*r.agent, m_style));
        if (!s.prompt.empty()) line(indent, "prompt", prompt_text(s.prompt));
        if (!s.session_from.empty()) line(indent, "session", "continues " + s.session_from + "'s");
        for (size_t i = 0; i < r.gates.size(); ++i)
            line(indent, i == 0 ? "gates" : "", gate_text(r.gates[i], m_style));
        if (std::string g = guards_text(s); !g.empty()) line(indent, "guards", g);
        if (s.kind != workflow::StepKind::group && s.kind != workflow::StepKind::gate)
            ladder(r, indent);
        if (!r.children.empty())
            steps(r.children, number + ".", indent + "  ", per_item || !s.foreach.empty());
    }

    void ladder(const ResolvedStep& r, const std::string& indent) {
        std::vector<AttemptPlan> plans = attempt_plans(*r.step);
        if (plans.size() == 1) {
            line(indent, "attempts", "1 (no retry)");
            return;
        }
        line(indent, "attempts",
             std::to_string(plans.size()) + "; each retry is told why the previous one failed");
        for (const auto& a : plans) {
            if (a.number == 1) continue;
            std::vector<std::string> what;
            if (a.agent_changed) {
                std::string text = "escalate to " + a.agent;
                for (const auto& rr : r.ladder)
                    if (rr.agent && rr.agent->alias == a.agent && !rr.agent->plugin.empty()) {
                        text += " (" + rr.agent->plugin +
                                (rr.agent->model.empty() ? "" : ", " + rr.agent->model) + ")";
                        break;
                    }
                what.push_back(text);
            } else {
                what.push_back("same agent");
            }
            if (a.prompt_changed) what.push_back("new prompt");
            what.push_back(a.new_session ? "new session" : "resume the session");
            if (a.reset) what.push_back("worktree reset to the start of the step");
            out += fmt::format("{}             {}: {}\n", indent, a.number, join(what, ", "));
        }
    }

    const Style& m_style;
};

json::object agent_json(const ResolvedAgent& a) {
    json::object o{
        {"alias", a.alias}, {"plugin", a.plugin}, {"model", a.model}, {"installed", a.installed}};
    o["cost"] = a.reports_cost ? "reported" : a.price ? "estimated" : "unknown";
    if (a.price) o["price"] = {{"input", a.price->input}, {"output", a.price->output}};
    return o;
}

json::object step_json(const ResolvedStep& r) {
    const workflow::Step& s = *r.step;
    json::object o{{"name", s.name}, {"path", r.path}, {"kind", to_string(s.kind)}};
    if (r.agent) o["agent"] = agent_json(*r.agent);
    if (!s.foreach.empty()) o["foreach"] = s.foreach;
    if (s.kind == workflow::StepKind::group) o["parallel"] = s.parallel;
    json::array gates;
    for (const auto& g : r.gates)
        gates.push_back(json::object{{"name", g.name},
                                     {"plugin", g.plugin},
                                     {"params", g.params},
                                     {"installed", g.installed},
                                     {"does", g.does},
                                     {"uses_agents", g.uses_agents}});
    o["gates"] = std::move(gates);
    json::object guards;
    if (s.guards.max_turns) guards["max_turns"] = *s.guards.max_turns;
    if (s.guards.max_tokens) guards["max_tokens"] = *s.guards.max_tokens;
    if (s.guards.max_time_ms) guards["max_time_ms"] = *s.guards.max_time_ms;
    if (s.guards.max_cost) guards["max_cost"] = *s.guards.max_cost;
    guards["no_write"] = s.guards.no_write.value_or(s.kind == workflow::StepKind::plan ||
                                                    s.kind == workflow::StepKind::review);
    o["guards"] = std::move(guards);
    if (s.kind != workflow::StepKind::group && s.kind != workflow::StepKind::gate) {
        json::array attempts;
        for (const auto& a : attempt_plans(s))
            attempts.push_back(json::object{{"attempt", a.number},
                                            {"agent", a.agent},
                                            {"new_session", a.new_session},
                                            {"prompt_changed", a.prompt_changed},
                                            {"reset", a.reset}});
        o["attempts"] = std::move(attempts);
    }
    json::array children;
    for (const auto& c : r.children)
        children.push_back(step_json(c));
    if (!children.empty()) o["steps"] = std::move(children);
    return o;
}

} // namespace

std::string render_dry_run(const Plan& plan, const DryRunHeader& header, const Style& style) {
    const workflow::Workflow& wf = *plan.workflow;
    std::string out =
        style.bold("Dry run of " + wf.name) + " — nothing runs, nothing is written\n\n";
    auto field = [&](std::string_view label, const std::string& value) {
        out += fmt::format("{:<10}{}\n", label, value);
    };
    field("Workflow", wf.name + " (" +
                          (wf.source == "built-in" ? wf.source : wf.source + ": " + wf.path) + ")");
    if (!wf.description.empty()) field("", wf.description);
    field("Spec", header.spec_path + " (" + thousands(header.spec_bytes) + " bytes)");
    field("Config", header.config_files.empty()
                        ? std::string("built-in defaults")
                        : join(header.config_files, ", ") + " over the built-in defaults");
    field("Budget", budget_text(wf.budget));
    out += '\n';
    Printer printer(style);
    printer.steps(plan.steps, "", "", false);
    out += printer.out;
    if (!plan.missing_plugins.empty())
        out += "\n" + style.yellow("Not installed: " + join(plan.missing_plugins, ", ")) +
               "\n  `gump run` stops before its first step until they are (see `gump plugins "
               "list`).\n";
    return out;
}

json::object dry_run_json(const Plan& plan, const DryRunHeader& header) {
    const workflow::Workflow& wf = *plan.workflow;
    json::object budget;
    if (wf.budget.max_cost) budget["max_cost"] = *wf.budget.max_cost;
    if (wf.budget.max_time_ms) budget["max_time_ms"] = *wf.budget.max_time_ms;
    if (wf.budget.max_tokens) budget["max_tokens"] = *wf.budget.max_tokens;
    json::array steps, missing, config_files;
    for (const auto& s : plan.steps)
        steps.push_back(step_json(s));
    for (const auto& m : plan.missing_plugins)
        missing.push_back(json::string(m));
    for (const auto& f : header.config_files)
        config_files.push_back(json::string(f));
    return {{"workflow", wf.name},
            {"source", wf.source},
            {"path", wf.path},
            {"spec", header.spec_path},
            {"spec_bytes", header.spec_bytes},
            {"config_files", std::move(config_files)},
            {"budget", std::move(budget)},
            {"steps", std::move(steps)},
            {"missing_plugins", std::move(missing)}};
}

} // namespace gump::plan
