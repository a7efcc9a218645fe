#pragma once
// Asks every gate of a plan what it would do (gump_gate_vtable::explain): the dry run shows it,
// the engine orders gates by it, and the workflows a gate runs (a reviewer) are loaded and
// resolved here, before the run starts, so a wrong name is bad input and not a failed step.
#include "config/config.hpp"
#include "core/diagnostic.hpp"
#include "plan/resolve.hpp"
#include "plugin/registry.hpp"
#include "workflow/catalog.hpp"

#include <boost/json/object.hpp>

#include <filesystem>
#include <string>

namespace gump::plan {

// Fills ResolvedGate::does and ::uses_agents and Plan::validators. `dir` is where a gate looks
// (detection): the project at dry run. Problems go to `diags` at the gate's position.
void explain_gates(Plan& plan, const workflow::Catalog& catalog, const config::Config& config,
                   const plugin::Registry& registry, const std::filesystem::path& dir,
                   Diagnostics& diags);

// One gate's explain, from a fresh instance with `params`, looking at `dir`; {} for a gate
// without one. gump doctor asks it for each gate name.
Expected<boost::json::object> explain_gate(const plugin::Registry& registry,
                                           const plugin::PluginInfo& plugin,
                                           const std::string& gate,
                                           const boost::json::object& params,
                                           const std::filesystem::path& dir);

// The key of Plan::validators for a request naming "workflow", or "agent" and "prompt".
std::string validator_key(const boost::json::object& request);

} // namespace gump::plan
