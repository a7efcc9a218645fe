#pragma once
// A run with a cost budget must be able to count what each agent spends: an agent whose CLI
// reports no cost needs a price, or gump could not keep the budget. Checked at plan time, so the
// dry run refuses it with the fix.
#include "plan/resolve.hpp"

namespace gump::plan {

// Asks each agent plugin of the plan (its steps, retry ladders and the workflows its gates run)
// once whether its CLI reports costs, and notes it in ResolvedAgent::reports_cost. When the
// workflow has a cost budget, an agent whose cost would be unknown is an error at its alias.
void check_prices(Plan& plan, const plugin::Registry& registry, Diagnostics& diags);

} // namespace gump::plan
