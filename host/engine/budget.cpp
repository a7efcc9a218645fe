// The run's spend against its budget.
#include "core/text.hpp"
#include "engine/engine_impl.hpp"

#include <thread>

namespace gump::engine {

using namespace detail;
using workflow::StepKind;

std::optional<std::string> Engine::Impl::budget_spent() {
    const auto& b = m_setup.plan->workflow->budget;
    if (b.max_cost && m_state.cost_usd >= *b.max_cost)
        return "the run spent " + money(m_state.cost_usd) + " of its " + money(*b.max_cost) +
               " budget";
    if (b.max_tokens && m_state.tokens.total() >= *b.max_tokens)
        return "the run used " + std::to_string(m_state.tokens.total()) + " of its " +
               std::to_string(*b.max_tokens) + " tokens";
    if (m_deadline && Clock::now() >= *m_deadline)
        return "the run reached its time budget of " + format_duration(*b.max_time_ms);
    return std::nullopt;
}

// An attempt is not launched when what its agent has cost on average so far in this run
// would not fit in what is left.
std::optional<std::string> Engine::Impl::cannot_afford(const std::string& alias) {
    if (auto spent = budget_spent()) return spent;
    const auto& b = m_setup.plan->workflow->budget;
    auto it = m_agent_costs.find(alias);
    if (!b.max_cost || it == m_agent_costs.end() || it->second.second == 0) return std::nullopt;
    double average = it->second.first / it->second.second;
    double left = *b.max_cost - m_state.cost_usd;
    if (average <= left) return std::nullopt;
    return "an attempt of " + alias + " costs about " + money(average) +
           " (its average in this run), more than the " + money(left) + " left of the " +
           money(*b.max_cost) + " budget";
}

BudgetLeft Engine::Impl::budget_left() {
    const auto& b = m_setup.plan->workflow->budget;
    BudgetLeft left;
    if (b.max_cost) left.cost = *b.max_cost - m_state.cost_usd;
    if (b.max_tokens) left.tokens = *b.max_tokens - m_state.tokens.total();
    left.deadline = m_deadline;
    return left;
}

void Engine::Impl::fail_run_budget(const std::string& path, const std::string& why) {
    emit("budget", {{"step", path}, {"reason", why}});
    if (m_state.reason.empty()) m_state.reason = why;
    save_state();
}

Engine::Impl::Spent Engine::Impl::spent() const {
    return {m_state.turns, m_state.tokens, m_state.cost_usd};
}

bool Engine::Impl::pause(long long ms) {
    auto until = Clock::now() + std::chrono::milliseconds(ms);
    while (Clock::now() < until) {
        if (m_setup.interrupted && m_setup.interrupted->load()) return false;
        if (m_deadline && Clock::now() >= *m_deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min<long long>(ms, 50)));
    }
    return true;
}

void Engine::Impl::set_spent(const Spent& before, int turns, const runs::Tokens& tokens,
                             double cost) {
    m_state.turns = before.turns + turns;
    m_state.tokens = before.tokens;
    m_state.tokens += tokens;
    m_state.cost_usd = before.cost_usd + cost;
}

void Engine::Impl::account(runs::AttemptRecord& attempt, const AgentOutcome& out,
                           const Spent& before) {
    attempt.session = out.session.empty() ? attempt.session : out.session;
    attempt.turns = out.turns;
    attempt.tokens = out.tokens;
    attempt.cost_usd = out.cost_usd;
    attempt.cost_source = out.cost_source;
    set_spent(before, out.turns, out.tokens, out.cost_usd);
    if (out.cost_source == "unknown") m_state.cost_partial = true;
    if (out.cost_source == "estimated") m_state.cost_estimated = true;
    auto& [cost, count] = m_agent_costs[attempt.agent];
    cost += out.cost_usd;
    ++count;
}

} // namespace gump::engine
