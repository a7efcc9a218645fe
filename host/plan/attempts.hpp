#pragma once
// What each attempt of a step does, once the retry ladder's rungs are applied. A rung applies
// from its attempt on and stays in force; a changed agent always starts a new session.
#include "workflow/model.hpp"

#include <string>
#include <vector>

namespace gump::plan {

struct AttemptPlan {
    int number = 1;
    std::string agent;                          // alias
    const workflow::Template* prompt = nullptr; // the step's, or a rung's replacement
    bool prompt_changed = false;                // a different prompt than the previous attempt
    bool agent_changed = false;
    bool new_session = true; // false: resume the previous attempt's session
    bool reset = false;      // worktree back to the start of the step first
};

std::vector<AttemptPlan> attempt_plans(const workflow::Step& step);

} // namespace gump::plan
