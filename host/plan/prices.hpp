#pragma once
// A run with a cost budget must be able to count what each agent spends: an agent whose CLI
// reports no cost needs a price, or gump could not keep the budget. Checked at plan time, so the
// dry run refuses it with the fix.
#include "plan/resolve.hpp"

namespace gump::plan {

// Adds an error (at the alias in the workflow) for every agent of the plan, its retry ladders
// and the workflows its gates run, whose cost would be unknown, when the workflow has a cost
// budget. Plugins are asked once whether their CLI reports costs.
void check_prices(const Plan& plan, const plugin::Registry& registry, Diagnostics& diags);

} // namespace gump::plan
