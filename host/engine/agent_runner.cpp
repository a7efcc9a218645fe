#include "engine/agent_runner.hpp"
#include "runs/json_fields.hpp"

#include "core/text.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <memory>

namespace gump::engine {

namespace json = boost::json;
using runs::integer;
using runs::text;

namespace {

runs::Tokens tokens_of(const json::object& usage) {
    return {integer(usage, "input_tokens"), integer(usage, "output_tokens"),
            integer(usage, "cache_read_tokens"), integer(usage, "cache_write_tokens")};
}

std::string money(double usd) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "$%.2f", usd);
    return buf;
}

// Watches one attempt: the live numbers, and the first limit crossed.
class Watch {
public:
    explicit Watch(const AgentCall& call) : m_call(call) {}

    void on_event(const json::object& event) {
        std::string type = text(event, "type");
        if (type == "session")
            m_live.session = text(event, "id");
        else if (type == "turn")
            m_live.turns = std::max(m_live.turns, int(integer(event, "number")));
        else if (type == "usage") {
            m_live.tokens = tokens_of(event);
            if (const json::value* c = event.if_contains("cost_usd"); c && c->is_number()) {
                m_live.cost_usd = c->to_number<double>();
                m_live.cost_estimated = false;
                m_reported = true;
            } else if (!m_reported && m_call.price) {
                m_live.cost_usd = estimate_cost(m_live.tokens, *m_call.price);
                m_live.cost_estimated = true;
            }
        }
        if (m_call.on_event) m_call.on_event(event);
        check();
        progress(true);
    }

    // Limits on time, the user's Ctrl-C, and the live display.
    void tick() {
        check();
        progress(false);
    }

    // Applies the result's numbers (they are the agent's final word) and checks them too.
    // A cost the provider reported wins; else the price table's estimate; else it is unknown.
    void settle(AgentOutcome& out) {
        m_live.turns = std::max(m_live.turns, out.turns);
        if (out.tokens.total() >= m_live.tokens.total()) m_live.tokens = out.tokens;
        if (out.cost_source == "reported") {
            m_live.cost_usd = out.cost_usd;
        } else if (m_reported) {
            out.cost_source = "reported";
        } else if (m_call.price) {
            m_live.cost_usd = estimate_cost(m_live.tokens, *m_call.price);
            out.cost_source = "estimated";
        } else {
            m_live.cost_usd = std::max(m_live.cost_usd, out.cost_usd);
        }
        m_live.cost_estimated = out.cost_source == "estimated";
        check();
        if (out.session.empty()) out.session = m_live.session;
        out.turns = m_live.turns;
        out.tokens = m_live.tokens;
        out.cost_usd = m_live.cost_usd;
        out.guard = m_guard;
        out.budget = m_budget;
        out.stop_reason = m_reason;
        out.interrupted = m_interrupted;
    }

    bool stopped() const { return !m_guard.empty() || !m_budget.empty() || m_interrupted; }
    std::shared_ptr<plugin::RunContext> context;

private:
    void stop(std::string* kind, const char* name, std::string reason) {
        if (stopped()) return;
        *kind = name;
        m_reason = std::move(reason);
        context->cancelled = true;
    }

    void check() {
        if (stopped()) return;
        const Limits& l = m_call.limits;
        const BudgetLeft& b = m_call.budget;
        long long elapsed = elapsed_ms();
        if (m_call.interrupted && m_call.interrupted->load()) {
            m_interrupted = true;
            m_reason = "interrupted";
            context->cancelled = true;
        } else if (l.max_turns && m_live.turns > *l.max_turns)
            stop(&m_guard, "max_turns",
                 std::to_string(m_live.turns) +
                     " turns, more than max_turns = " + std::to_string(*l.max_turns));
        else if (l.max_tokens && m_live.tokens.total() > *l.max_tokens)
            stop(&m_guard, "max_tokens",
                 std::to_string(m_live.tokens.total()) +
                     " tokens, more than max_tokens = " + std::to_string(*l.max_tokens));
        else if (l.max_cost && m_live.cost_usd > *l.max_cost)
            stop(&m_guard, "max_cost",
                 money(m_live.cost_usd) + " spent, more than max_cost = " + money(*l.max_cost));
        else if (l.max_time_ms && elapsed > *l.max_time_ms)
            stop(&m_guard, "max_time",
                 "ran " + format_duration(elapsed) +
                     ", longer than max_time = " + format_duration(*l.max_time_ms));
        else if (b.cost && m_live.cost_usd > *b.cost)
            stop(&m_budget, "cost",
                 "the run's budget ran out: this attempt spent " + money(m_live.cost_usd) +
                     " of the " + money(*b.cost) + " left");
        else if (b.tokens && m_live.tokens.total() > *b.tokens)
            stop(&m_budget, "tokens",
                 "the run's token budget ran out: this attempt used " +
                     std::to_string(m_live.tokens.total()) + " of the " +
                     std::to_string(*b.tokens) + " left");
        else if (b.deadline && Clock::now() > *b.deadline)
            stop(&m_budget, "time", "the run's time budget ran out");
    }

    void progress(bool forced) {
        if (!m_call.on_progress) return;
        auto now = Clock::now();
        if (!forced && now - m_last_progress < std::chrono::milliseconds(250)) return;
        m_last_progress = now;
        m_live.elapsed_ms = elapsed_ms();
        m_call.on_progress(m_live);
    }

    long long elapsed_ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_started)
            .count();
    }

    const AgentCall& m_call;
    Live m_live;
    Clock::time_point m_started = Clock::now();
    Clock::time_point m_last_progress{};
    std::string m_guard, m_budget, m_reason;
    bool m_interrupted = false;
    bool m_reported = false; // a usage event carried the provider's cost
};

} // namespace

double estimate_cost(const runs::Tokens& t, const config::Price& p) {
    return (double(t.input) * p.input + double(t.output) * p.output +
            double(t.cache_read) * p.cache_read + double(t.cache_write) * p.cache_write) /
           1e6;
}

void add_earlier(AgentOutcome& later, const AgentOutcome& earlier) {
    later.turns += earlier.turns;
    later.tokens += earlier.tokens;
    later.cost_usd += earlier.cost_usd;
    later.duration_ms += earlier.duration_ms;
    if (later.session.empty()) later.session = earlier.session;
    for (const char* source : {"unknown", "estimated"})
        if (earlier.cost_source == source || later.cost_source == source) {
            later.cost_source = source;
            break;
        }
}

Expected<AgentOutcome> run_agent(const plugin::Registry& registry, const AgentCall& call) {
    Watch watch(call);
    watch.context = std::make_shared<plugin::RunContext>();
    watch.context->on_event = [&watch](const std::string&, const json::object& e) {
        watch.on_event(e);
    };
    watch.context->watchdog = [&watch] { watch.tick(); };

    auto instance = registry.create(*call.plugin, call.config, watch.context);
    if (!instance) return instance.error();
    auto started = Clock::now();
    auto result = (*instance)->agent_run(call.request);
    AgentOutcome out;
    out.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    if (!result && !watch.stopped()) return result.error();
    if (result) {
        const json::object& r = *result;
        const json::value* success = r.if_contains("success");
        out.success = success && success->is_bool() && success->as_bool();
        out.session = text(r, "session");
        out.text = text(r, "text");
        out.turns = static_cast<int>(integer(r, "turns"));
        if (const json::value* u = r.if_contains("usage"); u && u->is_object())
            out.tokens = tokens_of(u->as_object());
        if (const json::value* c = r.if_contains("cost_usd"); c && c->is_number())
            out.cost_usd = c->to_number<double>();
        out.cost_source = text(r, "cost_source");
        if (out.cost_source.empty()) out.cost_source = "unknown";
        if (const json::value* f = r.if_contains("failure"); f && f->is_object()) {
            out.failure_class = text(f->as_object(), "class");
            out.failure = text(f->as_object(), "message");
        }
        if (!out.success && out.failure_class.empty()) out.failure_class = "agent";
    }
    watch.settle(out);
    if (watch.stopped()) out.success = false;
    return out;
}

} // namespace gump::engine
