#pragma once
// Reading `[[steps]]` (and a group's `[[steps.steps]]`): each step's keys, the rules of its kind,
// and the checks that depend on its scope.
#include "workflow/parse_context.hpp"

#include <toml++/toml.h>

namespace gump::workflow {

// `scope` holds what runs before the first step of `array`.
std::vector<Step> parse_steps(const toml::array& array, Scope scope, ParseContext& ctx);

// Every step name in the raw TOML, at any depth (for messages about steps out of scope).
void collect_step_names(const toml::array& array, std::set<std::string>& names);

} // namespace gump::workflow
