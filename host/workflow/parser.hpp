#pragma once
// Reads a workflow's TOML. Every problem is collected, each at its file:line:col with its fix;
// a workflow is returned whenever the TOML itself parsed, so callers can show what was read.
// References to the configuration (agent aliases, gate names) are checked by validator.hpp.
#include "core/diagnostic.hpp"
#include "workflow/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gump::workflow {

// `display_path` is the file name used in diagnostics ("built-in:workflows/tdd.toml").
std::optional<Workflow> parse_workflow(std::string_view text, const std::string& display_path,
                                       Diagnostics& diags);

} // namespace gump::workflow
