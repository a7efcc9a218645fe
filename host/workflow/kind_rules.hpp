#pragma once
// What each kind of step must have and must not have.
#include "workflow/parse_context.hpp"
#include "workflow/toml_reader.hpp"

namespace gump::workflow {

// Reports missing and misplaced keys of `step`, read by `r` (the step's own table).
void check_kind_rules(const TableReader& r, const Step& step, bool has_children, ParseContext& ctx);

} // namespace gump::workflow
