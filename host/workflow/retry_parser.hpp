#pragma once
// `[steps.retry]`: the attempt cap and the ladder of rungs that change the agent, the prompt,
// the session or the worktree from a given attempt on.
#include "workflow/parse_context.hpp"

#include <toml++/toml.h>

namespace gump::workflow {

// `step.agent` must already be read: a rung that changes it is compared with it.
void parse_retry(const toml::table& table, Step& step, const std::string& what, ParseContext& ctx);

} // namespace gump::workflow
