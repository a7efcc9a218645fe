#pragma once
// Checks the names a workflow borrows from the configuration: agent aliases and gate names.
// Separate from parsing because the configuration provides the lists.
#include "core/diagnostic.hpp"
#include "workflow/model.hpp"

#include <string>
#include <vector>

namespace gump::workflow {

struct ValidationContext {
    std::vector<std::string> agents; // the [agents] aliases
    std::vector<std::string> gates;  // the [gates] names
};

// Every unknown agent alias (of steps and of retry rungs) and gate name, at its position.
void validate_references(const Workflow& workflow, const ValidationContext& context,
                         Diagnostics& diags);

} // namespace gump::workflow
