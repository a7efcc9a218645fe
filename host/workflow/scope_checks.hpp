#pragma once
// The checks that depend on where a step stands: which earlier steps its foreach, session_from
// and template variables may name.
#include "workflow/parse_context.hpp"
#include "workflow/toml_reader.hpp"

namespace gump::workflow {

// foreach must name an earlier plan step in scope; session_from an earlier step with an agent.
void check_references(const TableReader& r, const Step& step, const Scope& scope,
                      ParseContext& ctx);

// Malformed placeholders and unknown variables in the step's prompt and its rungs' prompts,
// each at its own line and column.
void check_templates(const std::string& what, const Step& step, const Scope& scope,
                     ParseContext& ctx);

} // namespace gump::workflow
