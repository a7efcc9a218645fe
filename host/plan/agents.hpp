#pragma once
// What the agents of a plan need before a run starts: their CLI on PATH, and, under a cost
// budget, a cost gump can count (reported by the CLI, or estimated from a price). Checked at plan
// time, so the dry run says it with the fix.
#include "plan/resolve.hpp"

namespace gump::plan {

// Asks each agent plugin of the plan (its steps, retry ladders and the workflows its gates run)
// once per configuration to describe itself, and notes ResolvedAgent::reports_cost. Adds, at the
// alias in the workflow, a warning for an agent whose CLI is not on PATH (attempts that reach it
// will stop the run) and, when the workflow has a cost budget, an error for an agent whose cost
// would be unknown.
void check_agents(Plan& plan, const plugin::Registry& registry, Diagnostics& diags);

} // namespace gump::plan
