#include "plan/attempts.hpp"

namespace gump::plan {

std::vector<AttemptPlan> attempt_plans(const workflow::Step& step) {
    std::vector<AttemptPlan> plans;
    int cap = std::max(1, step.retry.attempts);
    for (int k = 1; k <= cap; ++k) {
        AttemptPlan a;
        a.number = k;
        a.agent = step.agent;
        a.prompt = &step.prompt;
        bool sticky_new_session = false;
        for (const auto& rung : step.retry.ladder) {
            if (rung.from > k) break;
            if (rung.agent) a.agent = *rung.agent;
            if (rung.prompt) a.prompt = &*rung.prompt;
            sticky_new_session = sticky_new_session || rung.new_session;
            a.reset = a.reset || rung.reset;
        }
        if (k > 1) {
            const AttemptPlan& previous = plans.back();
            a.agent_changed = a.agent != previous.agent;
            a.prompt_changed = a.prompt != previous.prompt;
            a.new_session = sticky_new_session || a.agent_changed;
        }
        plans.push_back(a);
    }
    return plans;
}

} // namespace gump::plan
