// An agent step: its attempts along the retry ladder, and what it leaves for later steps.
#include "core/text.hpp"
#include "engine/engine_impl.hpp"

namespace gump::engine {

using namespace detail;
using workflow::StepKind;

const plan::ResolvedAgent* Engine::Impl::agent_for(const plan::ResolvedStep& rs,
                                                   const std::string& alias) {
    if (rs.agent && rs.agent->alias == alias) return &*rs.agent;
    for (const auto& rung : rs.ladder)
        if (rung.agent && rung.agent->alias == alias) return &*rung.agent;
    return nullptr;
}

Expected<AgentDescription> Engine::Impl::describe(const plan::ResolvedAgent& agent) {
    if (auto it = m_descriptions.find(agent.alias); it != m_descriptions.end()) return it->second;
    const plugin::PluginInfo* info = m_setup.registry->find(agent.plugin);
    if (!info) return Error{"the agent plugin '" + agent.plugin + "' is not installed"};
    auto described = m_setup.registry->describe_agent(*info, agent.options);
    if (!described) return described.error();
    return m_descriptions[agent.alias] = {runs::text(*described, "context_file"),
                                          runs::text(*described, "context_preamble"),
                                          runs::flag(*described, "replay")};
}

// The session attempt 1 continues: that of `session_from`, when the same plugin made it.
std::string Engine::Impl::inherited_session(const workflow::Step& step, const std::string& path,
                                            const plan::ResolvedAgent& agent) {
    if (step.session_from.empty()) return {};
    auto session = m_values.lookup(path, step.session_from + ".session");
    auto plugin = m_values.lookup(path, step.session_from + ".plugin");
    if (!session || session->empty()) return {};
    if (plugin != agent.plugin) {
        emit("note", {{"step", path},
                      {"message", "session_from '" + step.session_from + "' ran on " +
                                      plugin.value_or("?") + ", not " + agent.plugin +
                                      ": starting a new session"}});
        return {};
    }
    return *session;
}

StepEnd Engine::Impl::run_agent_step(const plan::ResolvedStep& rs, const Scope& scope) {
    const workflow::Step& step = *rs.step;
    std::string path = scope.path(step.name);
    auto started = Clock::now();
    step_started(rs, path, scope);
    std::string step_base = m_head;
    auto plans = plan::attempt_plans(step);
    int cap = static_cast<int>(plans.size());
    std::string error, diff, last_reason;
    for (const auto& ap : plans) {
        if (interrupted()) return step_finished(path, StepEnd::interrupted, "", started);
        const plan::ResolvedAgent* agent = agent_for(rs, ap.agent);
        if (!agent)
            return step_finished(path, StepEnd::stop, "agent '" + ap.agent + "' unknown", started);
        if (auto why = cannot_afford(ap.agent)) {
            fail_run_budget(path, *why);
            return step_finished(path, StepEnd::budget, *why, started);
        }
        if (ap.number > 1) {
            std::string how = ap.agent_changed ? ap.agent : "same";
            if (ap.reset) how += ", reset";
            if (ap.new_session && !ap.agent_changed) how += ", new session";
            if (ap.prompt_changed) how += ", new prompt";
            emit("retry", {{"step", path},
                           {"attempt", ap.number},
                           {"max_attempts", cap},
                           {"agent", ap.agent},
                           {"how", how}});
            // A reset goes back to the start of the step, not of the last attempt.
            if (ap.reset && m_head != step_base)
                reset_to(step_base, path, "reset to the start of the step");
        }
        AttemptEnd end = run_attempt(rs, scope, path, step_base, ap, cap, *agent, error, diff);
        if (end.passed) {
            publish(rs, path, step_base, end);
            return step_finished(path, StepEnd::pass, "", started);
        }
        last_reason = end.reason;
        if (end.final || end.end != StepEnd::fail)
            return step_finished(path, end.end, end.reason, started);
        error = end.error;
        diff = end.diff;
    }
    std::string reason =
        cap == 1 ? last_reason
                 : "all " + std::to_string(cap) + " attempts failed; the last: " + last_reason;
    return step_finished(path, StepEnd::fail, reason, started);
}

// What a passed step leaves for later prompts and groups.
void Engine::Impl::publish(const plan::ResolvedStep& rs, const std::string& path,
                           const std::string& step_base, const AttemptEnd& end) {
    runs::StepRecord& record = step_record(path);
    const runs::AttemptRecord& last = record.attempts.back();
    std::string head = m_head;
    auto step_diff = [this, step_base, head] { return patch(step_base, head); };
    m_values.set_lazy(path, "diff", step_diff);
    m_values.set_lazy(path, "files", [this, step_base, head] {
        return join(changed_paths(step_base, false, false, head), "\n");
    });
    m_values.set(path, "session", last.session);
    m_values.set(path, "plugin", last.plugin);
    m_values.set(path, "summary", end.summary);
    switch (rs.step->kind) {
    case StepKind::plan:
        m_values.set(path, "output", end.output);
        m_items[path] = end.items;
        record.items = static_cast<int>(end.items.size());
        break;
    case StepKind::review:
        m_values.set(path, "output", end.output);
        m_values.set(path, "verdict", "pass");
        m_values.set(path, "comments", end.output);
        break;
    default:
        m_values.set_lazy(path, "output", step_diff);
        break;
    }
}

} // namespace gump::engine
