#include "report/live_display.hpp"
#include "runs/json_fields.hpp"

#include "report/format.hpp"

#include <boost/json.hpp>

namespace gump::report {

namespace json = boost::json;
using runs::flag;
using runs::integer;
using runs::number;
using runs::text;

namespace {} // namespace

void LiveDisplay::clear_live() {
    if (!m_live_shown) return;
    std::fputs("\r\x1b[2K", m_options.out);
    m_live_shown = false;
}

void LiveDisplay::line(const std::string& text) {
    clear_live();
    std::fprintf(m_options.out, "%s\n", text.c_str());
    std::fflush(m_options.out);
}

std::string LiveDisplay::prefix(const std::string& step) const {
    auto it = m_running.find(step);
    if (it != m_running.end() && it->second.top) return "  ";
    return "  [" + step + "]  ";
}

void LiveDisplay::on_event(const std::string& type, const json::object& f) {
    const Style& s = m_options.style;
    std::string step = text(f, "step");
    if (type == "run_started") {
        line("🍿 gump run " + text(f, "spec") + " --workflow " + text(f, "workflow"));
        if (std::string replays = text(f, "replay_agents"); !replays.empty())
            line(s.dim("   " + replays + ": replayed from recordings, no model is called"));
    } else if (type == "step_started") {
        bool top = flag(f, "top");
        m_running[step].top = top;
        if (top)
            line("\n" + s.bold("→ Step " + std::to_string(integer(f, "number")) + ": " +
                               title_case(text(f, "name"))));
    } else if (type == "attempt_started") {
        m_gates.erase(step);
        Running& r = m_running[step];
        r.agent = text(f, "agent") + (flag(f, "replay") ? " · replay" : "");
        std::string running = prefix(step) + "running (" + r.agent + ")";
        if (m_options.tty) {
            clear_live();
            std::fputs(running.c_str(), m_options.out);
            std::fflush(m_options.out);
            m_live_shown = true;
        } else if (!r.top) {
            line(running);
        }
    } else if (type == "attempt_finished") {
        attempt_finished(f);
    } else if (type == "gate_finished") {
        m_gates[step].push_back(
            {text(f, "gate"), text(f, "verdict"), text(f, "summary"), flag(f, "cached")});
    } else if (type == "retry") {
        line(prefix(step) +
             s.yellow("retry " + std::to_string(integer(f, "attempt")) + "/" +
                      std::to_string(integer(f, "max_attempts")) + " (" + text(f, "how") + ")"));
    } else if (type == "agent_retry") {
        line(prefix(step) +
             s.yellow("↻ the provider failed for now; running it again in " +
                      seconds(integer(f, "wait_ms")) + " (" + std::to_string(integer(f, "retry")) +
                      "/" + std::to_string(integer(f, "of")) + ")"));
        line(prefix(step) + "    " + s.dim(text(f, "reason")));
    } else if (type == "budget") {
        m_budget_reason[step] = text(f, "reason");
        line(prefix(step) + s.red("✗ budget — " + text(f, "reason")));
    } else if (type == "note") {
        line(prefix(step) + s.dim("note: " + text(f, "message")));
    } else if (type == "step_finished") {
        step_finished(f);
    } else if (type == "run_finished") {
        std::string numbers =
            money(number(f, "cost_usd"), flag(f, "cost_partial"), flag(f, "cost_estimated")) +
            " · " + turns(integer(f, "turns")) + " · " + seconds(integer(f, "duration_ms"));
        std::string status = text(f, "status");
        if (status == "pass") {
            line("\n" + s.green("Run completed.") + " " + numbers);
            line("\nNow apply the result to your branch:\n  gump apply\nor see what each step "
                 "did first:\n  gump report");
        } else {
            std::string what = status == "budget"        ? "Run stopped: budget exhausted."
                               : status == "interrupted" ? "Run interrupted."
                               : status == "error"       ? "Run stopped: no retry can fix this."
                                                         : "Run failed.";
            line("\n" + s.red(what) + " " + numbers);
            if (std::string reason = text(f, "reason"); !reason.empty()) line(reason);
            if (std::string worktree = text(f, "worktree"); !worktree.empty())
                line("The worktree is kept for you to look at: " + worktree);
            line("  gump report" + (text(f, "failed_step").empty()
                                        ? std::string()
                                        : " --detail " + text(f, "failed_step")));
        }
    }
}

void LiveDisplay::attempt_finished(const json::object& f) {
    const Style& s = m_options.style;
    std::string step = text(f, "step");
    Running& r = m_running[step];
    std::string status = text(f, "status");
    if (m_options.tty && m_live_shown) {
        // The running line becomes the attempt's record.
        clear_live();
        if (!r.top) line(prefix(step) + "ran (" + r.agent + ")");
    }
    std::vector<std::string> failed;
    std::string passed;
    if (const json::value* gates = f.if_contains("gates"); gates && gates->is_array())
        for (const auto& g : gates->as_array()) {
            if (!g.is_object()) continue;
            std::string name = text(g.as_object(), "name");
            std::string verdict = text(g.as_object(), "verdict");
            if (verdict == "pass" || verdict == "skip")
                passed += (passed.empty() ? "" : "+") + name;
            else
                failed.push_back(name);
        }
    if (status == "pass") {
        if (r.top) return; // the step's line says it
        line(prefix(step) + s.green(passed.empty() ? "✓ passed" : "✓ gate passed — " + passed));
        return;
    }
    if (status == "interrupted") return;
    std::string reason = text(f, "reason");
    if (!failed.empty()) {
        std::string names;
        for (const auto& n : failed)
            names += (names.empty() ? "" : "+") + n;
        line(prefix(step) + s.red("✗ gate failed — " + names));
        print_failed_gates(step);
    } else if (reason != m_budget_reason[step]) { // the budget line said it already
        line(prefix(step) + s.red("✗ " + reason));
    }
}

void LiveDisplay::step_finished(const json::object& f) {
    const Style& s = m_options.style;
    std::string step = text(f, "step");
    Running& r = m_running[step];
    std::string kind = text(f, "kind");
    bool pass = text(f, "status") == "pass";
    if (kind == "gate") {
        // A gate step's line names its gates.
        std::string names, failed;
        int cached = 0;
        for (const auto& g : m_gates[step]) {
            names += (names.empty() ? "" : " + ") + g.name;
            cached += g.cached;
            if (g.verdict != "pass" && g.verdict != "skip")
                failed += (failed.empty() ? "" : " + ") + g.name;
        }
        // Gates whose earlier pass on the same files stands are said to be, not hidden.
        std::string reused = cached ? s.dim(" (" + std::to_string(cached) + " cached)") : "";
        line(prefix(step) +
             (pass ? s.green("✓ " + names) + reused : s.red("✗ " + failed + " failed")));
        if (!pass) print_failed_gates(step);
        return;
    }
    if (!r.top || kind == "group") return;
    if (!pass) return; // the attempt lines said why
    long long items = integer(f, "items");
    std::string what = kind == "plan"
                           ? "plan: " + std::to_string(items) + (items == 1 ? " item" : " items")
                       : kind == "review" ? "review passed"
                                          : "done";
    line("  " + s.green("✓ " + what) + " (" + r.agent + ")");
}

void LiveDisplay::print_failed_gates(const std::string& step) {
    for (const auto& g : m_gates[step])
        if (g.verdict != "pass" && g.verdict != "skip")
            line(prefix(step) + "    " + m_options.style.dim(g.summary));
    m_gates.erase(step);
}

void LiveDisplay::on_progress(const std::string& step, const engine::Live& live) {
    if (!m_options.tty) return;
    Running& r = m_running[step];
    std::string text = prefix(step) + "running (" + r.agent + ") " + seconds(live.elapsed_ms);
    if (live.turns) text += " · " + turns(live.turns);
    if (live.tokens.total()) text += " · " + count(live.tokens.total()) + " tokens";
    if (live.cost_usd > 0) text += " · " + money(live.cost_usd, false, live.cost_estimated);
    std::fprintf(m_options.out, "\r\x1b[2K%s", text.c_str());
    std::fflush(m_options.out);
    m_live_shown = true;
}

void LiveDisplay::on_agent_event(const std::string& step, const json::object& event) {
    if (!m_options.verbose) return;
    std::string type = text(event, "type");
    std::string shown;
    if (type == "text")
        shown = text(event, "text");
    else if (type == "tool_call")
        shown = "· " + text(event, "name") + " " + text(event, "summary");
    else
        return;
    (void)step;
    for (size_t at = 0; at < shown.size();) {
        size_t end = shown.find('\n', at);
        line("      " + m_options.style.dim("│ " + shown.substr(at, end - at)));
        at = end == std::string::npos ? shown.size() : end + 1;
    }
}

} // namespace gump::report
