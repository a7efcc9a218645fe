#pragma once
// The parts of a step that are their own small languages: its gates and its guards.
#include "workflow/parse_context.hpp"
#include "workflow/toml_reader.hpp"

namespace gump::workflow {

// `gates = ["compile", { gate = "files", touched = ["**/*_test.*"] }]`
void parse_gates(TableReader& step_reader, Step& step, ParseContext& ctx);

// `[steps.guards]`: max_turns, max_tokens, max_time, max_cost, no_write.
void parse_guards(const toml::table& table, Step& step, const std::string& what, ParseContext& ctx);

} // namespace gump::workflow
