// A workflow a gate runs (the review gate's reviewer): its steps are steps of the run, with
// their own attempts, costs and ledger events, under the attempt that is being checked.
#include "engine/engine_impl.hpp"
#include "plan/explain.hpp"

#include <gump/plugin.h>

namespace gump::engine {

using namespace detail;

namespace {

// What the reviewer is told the change is for: the run's spec, and the item's own.
std::string spec_for(const std::string& spec, const Scope& scope) {
    if (!scope.item) return spec;
    std::string out = spec + "\n\n## The item this change implements\n\n" + scope.item->name;
    if (!scope.item->description.empty()) out += ": " + scope.item->description;
    return out + "\n";
}

} // namespace

Expected<json::object> Engine::Impl::run_validator(const plan::ResolvedGate& gate,
                                                   const json::object& request,
                                                   const std::string& path, int attempt,
                                                   const std::string& base, const Scope& scope) {
    auto found = m_setup.plan->validators.find(plan::validator_key(request));
    if (found == m_setup.plan->validators.end())
        return Error{"gate '" + gate.name + "' asked for a workflow ('" +
                         runs::text(request, "workflow") +
                         "') that it did not name when the run was planned",
                     GUMP_ERR_INVALID_ARGUMENT};
    const plan::Plan& plan = found->second->plan;

    std::map<std::string, std::string> sets = *scope.sets;
    sets["input.diff"] = patch(base, m_head);
    sets["input.spec"] = spec_for(m_setup.spec_text, scope);
    if (const json::value* inputs = request.if_contains("inputs"); inputs && inputs->is_object())
        for (const auto& [name, value] : inputs->as_object())
            if (value.is_string()) sets["input." + std::string(name)] = value.as_string();

    Scope inner{path + "@" + std::to_string(attempt) + "/" + gate.name, scope.item,
                scope.item_index, &sets};
    // The checked attempt's own bookkeeping survives the reviewer's attempts.
    std::string attempt_start = m_attempt_start;
    std::string current_step = m_state.current_step;
    int current_attempt = m_state.current_attempt;
    ++m_validating;
    m_verdict.reset();
    StepEnd end = StepEnd::pass;
    std::string reason;
    json::array steps;
    for (const auto& step : plan.steps) {
        std::string step_path = inner.path(step.step->name);
        steps.emplace_back(step_path);
        end = run_step(step, inner);
        if (end != StepEnd::pass) {
            reason = step_record(step_path).reason;
            break;
        }
    }
    --m_validating;
    m_attempt_start = attempt_start;
    m_state.current_step = current_step;
    m_state.current_attempt = current_attempt;

    if (end == StepEnd::interrupted) return Error{"the run was interrupted", GUMP_ERR_CANCELLED};
    if (end == StepEnd::budget) return Error{reason, GUMP_ERR_CANCELLED};
    double cost = 0;
    for (const auto& record : m_state.steps)
        if (record.path.starts_with(inner.prefix + "/"))
            for (const auto& a : record.attempts)
                cost += a.cost_usd;
    json::object out{{"steps", std::move(steps)}, {"cost_usd", cost}};
    if (end == StepEnd::pass || (m_verdict && !m_verdict->pass)) {
        bool pass = end == StepEnd::pass;
        out["status"] = pass ? "pass" : "fail";
        out["pass"] = pass;
        out["comments"] = m_verdict ? m_verdict->comments : std::string();
    } else {
        out["status"] = "error";
        out["pass"] = false;
        out["reason"] = reason;
    }
    return out;
}

} // namespace gump::engine
