#include "report/run_report.hpp"

#include "core/text.hpp"
#include "report/format.hpp"

#include <algorithm>
#include <map>

namespace gump::report {

namespace {

const runs::AttemptRecord* last_attempt(const runs::StepRecord& step) {
    return step.attempts.empty() ? nullptr : &step.attempts.back();
}

// "qwen", "qwen → claude-haiku", with "(replay)" for scripted agents.
std::string agents_of(const runs::StepRecord& step) {
    std::vector<std::string> agents;
    bool replay = false;
    for (const auto& a : step.attempts) {
        if (a.agent.empty()) continue;
        replay = replay || a.replay;
        if (agents.empty() || agents.back() != a.agent) agents.push_back(a.agent);
    }
    if (agents.empty()) return "—";
    return join(agents, " → ") + (replay ? " (replay)" : "");
}

std::string gates_of(const runs::StepRecord& step) {
    const runs::AttemptRecord* last = last_attempt(step);
    if (!last || last->gates.empty()) return step.status == "pass" ? "✓" : "";
    std::string names;
    bool pass = true;
    int cached = 0;
    for (const auto& g : last->gates) {
        names += (names.empty() ? "" : "+") + g.name;
        pass = pass && (g.verdict == "pass" || g.verdict == "skip");
        cached += g.cached;
    }
    return names + (pass ? " ✓" : " ✗") +
           (cached ? " (" + std::to_string(cached) + " cached)" : std::string());
}

std::string pad(const std::string& text, size_t width) {
    // Display width: count UTF-8 code points, not bytes.
    size_t shown = 0;
    for (unsigned char c : text)
        shown += (c & 0xC0) != 0x80;
    return text + std::string(width > shown ? width - shown : 0, ' ');
}

size_t shown_width(const std::string& text) {
    size_t shown = 0;
    for (unsigned char c : text)
        shown += (c & 0xC0) != 0x80;
    return shown;
}

std::string status_word(const std::string& status, const Style& s) {
    if (status == "pass") return s.green(status);
    if (status == "running") return s.cyan(status);
    if (status == "interrupted" || status == "budget") return s.yellow(status);
    return s.red(status);
}

struct Totals {
    int turns = 0;
    double cost = 0;
    bool partial = false;
    bool estimated = false;
    bool any_agent = false;
};

Totals totals(const runs::StepRecord& step) {
    Totals t;
    for (const auto& a : step.attempts) {
        if (a.agent.empty()) continue;
        t.any_agent = true;
        t.turns += a.turns;
        t.cost += a.cost_usd;
        t.partial = t.partial || a.cost_source == "unknown";
        t.estimated = t.estimated || a.cost_source == "estimated";
    }
    return t;
}

} // namespace

std::string RunView::status() const {
    if (state.status == "running" && !alive) return "interrupted";
    return state.status;
}

std::string render_run(const RunView& run, const Style& s) {
    const runs::RunState& st = run.state;
    std::string out = "Run: " + st.run + "\n";
    out += "Workflow: " + st.workflow + " · Status: " + status_word(run.status(), s) +
           " · Duration: " + seconds(st.duration_ms) +
           " · Cost: " + money(st.cost_usd, st.cost_partial, st.cost_estimated);
    if (st.budget_usd) out += " of " + money(*st.budget_usd);
    out += "\n";
    if (run.record.applied)
        out += "Applied: " + run.record.applied->commit.substr(0, 12) + " on " +
               run.record.applied->into + "\n";
    if (!st.reason.empty() && run.status() != "pass") out += "Why: " + st.reason + "\n";
    if (run.status() == "interrupted" && st.status == "running")
        out += "Its process is gone: the run was killed; the ledger ends where it stopped.\n";

    struct Row {
        std::string step, agent, turns, cost, gate;
    };
    std::vector<Row> rows;
    for (const auto& step : st.steps) {
        if (step.kind == "group") continue;
        Totals t = totals(step);
        std::string gate = gates_of(step);
        int retries = static_cast<int>(step.attempts.size()) - 1;
        if (retries > 0)
            gate += " (" + std::to_string(retries) + (retries == 1 ? " retry)" : " retries)");
        if (step.status == "running") gate = run.alive ? "running…" : "interrupted";
        if (step.status == "interrupted") gate = "interrupted";
        rows.push_back({step.path, t.any_agent ? agents_of(step) : "—",
                        t.any_agent ? std::to_string(t.turns) : "—",
                        t.any_agent ? money(t.cost, t.partial, t.estimated) : "—", gate});
    }
    Row header{"Step", "Agent", "Turns", "Cost", "Gate"};
    size_t w_step = shown_width(header.step), w_agent = shown_width(header.agent);
    for (const auto& r : rows) {
        w_step = std::max(w_step, shown_width(r.step));
        w_agent = std::max(w_agent, shown_width(r.agent));
    }
    size_t w_cost = shown_width(header.cost);
    for (const auto& r : rows)
        w_cost = std::max(w_cost, shown_width(r.cost));
    w_step += 4;
    w_agent += 2;
    w_cost += 3;
    auto row_text = [&](const Row& r) {
        std::string turns =
            std::string(std::max<size_t>(5, shown_width(r.turns)) - shown_width(r.turns), ' ') +
            r.turns;
        return pad(r.step, w_step) + pad(r.agent, w_agent) + turns + "   " + pad(r.cost, w_cost) +
               r.gate + "\n";
    };
    out += "\n" + s.bold(row_text(header));
    std::string rule;
    for (size_t i = 0; i < w_step + w_agent + 5 + 3 + w_cost + 20; ++i)
        rule += "─";
    out += rule + "\n";
    for (const auto& r : rows)
        out += row_text(r);
    return out;
}

Expected<std::string> render_detail(const RunView& run, const std::string& query, const Style& s) {
    std::vector<const runs::StepRecord*> matches;
    for (const auto& step : run.state.steps) {
        if (step.path == query) {
            matches = {&step};
            break;
        }
        if (step.path.ends_with("/" + query)) matches.push_back(&step);
    }
    if (matches.empty()) {
        std::vector<std::string> paths;
        for (const auto& step : run.state.steps)
            if (step.kind != "group") paths.push_back(step.path);
        return Error{"run " + run.state.run + " has no step '" + query + "'" +
                     did_you_mean(query, paths) + "; its steps: " + join(paths, ", ")};
    }
    if (matches.size() > 1) {
        std::vector<std::string> paths;
        for (const auto* m : matches)
            paths.push_back(m->path);
        return Error{"'" + query + "' names several steps (" + join(paths, ", ") +
                     "); give the full path"};
    }
    const runs::StepRecord& step = *matches.front();
    std::string out = s.bold("Step " + step.path) + " (" + step.kind + ") · " +
                      status_word(step.status, s) + " · " + seconds(step.duration_ms) + "\n";
    if (!step.reason.empty()) out += "Why: " + step.reason + "\n";
    int cap = static_cast<int>(step.attempts.size());
    for (const auto& a : step.attempts) {
        out +=
            "\n" + s.bold("Attempt " + std::to_string(a.number)) + " · " + status_word(a.status, s);
        if (!a.agent.empty()) {
            out += " · " + a.agent + (a.replay ? " (replay)" : "");
            if (!a.model.empty()) out += " [" + a.model + "]";
            if (!a.how.empty() && a.how != "same") out += " · escalated";
        }
        out += " · " + seconds(a.duration_ms) + "\n";
        if (!a.agent.empty()) {
            out += "  session: " + (a.session.empty() ? std::string("—") : a.session) +
                   (a.resumed ? " (resumed)" : " (new)") + "\n";
            out += "  turns: " + std::to_string(a.turns) + " · tokens: " + count(a.tokens.input) +
                   " in, " + count(a.tokens.output) + " out, " + count(a.tokens.cache_read) +
                   " cache read, " + count(a.tokens.cache_write) + " cache write · cost: " +
                   (a.cost_source == "unknown"
                        ? std::string("unknown")
                        : money(a.cost_usd, false, a.cost_source == "estimated") + " (" +
                              a.cost_source + ")") +
                   "\n";
        }
        if (!a.commit.empty())
            out += "  snapshot: " + a.commit.substr(0, 12) + " · " +
                   std::to_string(a.files.size()) + " files\n";
        for (const auto& g : a.gates)
            out += "  gate " + g.name + ": " + status_word(g.verdict, s) + " — " + g.summary +
                   (g.cached ? std::string(" (cached)") : " (" + seconds(g.duration_ms) + ")") +
                   "\n";
        if (!a.guard.empty()) out += "  guard: " + a.guard + "\n";
        if (!a.reason.empty() && a.status != "pass") out += "  why: " + a.reason + "\n";
        if (!a.error.empty() && a.number < cap) {
            out += "  fed back to attempt " + std::to_string(a.number + 1) + ":\n";
            for (size_t at = 0; at < a.error.size();) {
                size_t end = a.error.find('\n', at);
                out += "    │ " + a.error.substr(at, end - at) + "\n";
                at = end == std::string::npos ? a.error.size() : end + 1;
            }
        }
    }
    return out;
}

std::string render_last(const std::vector<RunView>& runs, const Style& s) {
    std::string out = s.bold("Last " + std::to_string(runs.size()) + " runs") + "\n\n";
    int passed = 0, passed_items = 0;
    double total = 0, max_cost = 0;
    std::map<std::string, int> escalations; // agent of a rung -> attempts it took
    for (const auto& run : runs) {
        const runs::RunState& st = run.state;
        out += pad(st.run, 20) + pad(st.workflow, 15) + " " + pad(run.status(), 13) +
               pad(seconds(st.duration_ms), 9) +
               money(st.cost_usd, st.cost_partial, st.cost_estimated) + "\n";
        total += st.cost_usd;
        max_cost = std::max(max_cost, st.cost_usd);
        if (run.status() == "pass") {
            ++passed;
            passed_items += std::max(1, run.record.items);
        }
        for (const auto& step : st.steps)
            for (const auto& a : step.attempts)
                if (!a.how.empty() && a.how != "same") ++escalations[a.agent];
    }
    int n = static_cast<int>(runs.size());
    out += "\nSuccess rate: " + std::to_string(passed) + "/" + std::to_string(n) + " (" +
           std::to_string(n ? passed * 100 / n : 0) + "%)\n";
    out += "Cost per passed item: " +
           (passed_items ? money(total / passed_items) : std::string("— (nothing passed)")) +
           " (all runs' cost over the items of passed runs)\n";
    out += "Escalations per rung: ";
    if (escalations.empty())
        out += "none\n";
    else {
        std::vector<std::string> parts;
        for (const auto& [agent, count] : escalations)
            parts.push_back(agent + " " + std::to_string(count));
        out += join(parts, " · ") + " (attempts run on a ladder's agent)\n";
    }
    out += "Cost trend (oldest first):\n";
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        int cells = max_cost > 0 ? static_cast<int>(20 * it->state.cost_usd / max_cost + 0.5) : 0;
        std::string bar;
        for (int i = 0; i < cells; ++i)
            bar += "█";
        out += "  " + pad(it->state.run, 20) + pad(money(it->state.cost_usd), 9) + bar + "\n";
    }
    return out;
}

std::string render_status(const std::vector<RunView>& runs, const Style& s) {
    for (const auto& run : runs) {
        if (run.state.status != "running") continue;
        const runs::RunState& st = run.state;
        if (!run.alive) {
            std::string where = st.current_step.empty()
                                    ? std::string()
                                    : " during " + st.current_step + ", attempt " +
                                          std::to_string(st.current_attempt);
            return "Run " + st.run + " (" + st.workflow + ") — " + s.yellow("interrupted") +
                   ": its process (pid " + std::to_string(run.record.pid) + ") is gone" + where +
                   ".\nSpent " + money(st.cost_usd, st.cost_partial, st.cost_estimated) + " · " +
                   turns(st.turns) + ". `gump report " + st.run + "` shows what it did.\n";
        }
        std::string out = "Run " + st.run + " (" + st.workflow + ") — " + s.cyan("running") +
                          "\nSpec: " + st.spec + "\nRunning for " + seconds(st.duration_ms) +
                          " · spent " + money(st.cost_usd, st.cost_partial, st.cost_estimated) +
                          " · " + turns(st.turns) + "\n";
        for (const auto& step : st.steps)
            if (step.path == st.current_step) {
                const runs::AttemptRecord* a = last_attempt(step);
                out += "Current step: " + step.path;
                if (a) {
                    out += ", attempt " + std::to_string(a->number);
                    if (!a->agent.empty())
                        out += " (" + a->agent + (a->replay ? ", replay" : "") + ") · " +
                               turns(a->turns) + " · " + money(a->cost_usd);
                }
                out += "\n";
            }
        return out;
    }
    if (runs.empty()) return "No run in progress, and no run yet.\n";
    const RunView& last = runs.front();
    return "No run in progress. The last: " + last.state.run + " (" + last.state.workflow + ") — " +
           status_word(last.status(), s) + ", " +
           money(last.state.cost_usd, last.state.cost_partial, last.state.cost_estimated) + ".\n";
}

} // namespace gump::report
