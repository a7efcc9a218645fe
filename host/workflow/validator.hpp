#pragma once
// Checks the names a workflow uses against the configuration: agent aliases and gate names.
#include "core/diagnostic.hpp"
#include "workflow/model.hpp"

#include <string>
#include <vector>

namespace gump::workflow {

struct ValidationContext {
    std::vector<std::string> agents; // the [agents] aliases
    std::vector<std::string> gates;  // the [gates] names
};

void validate_references(const Workflow& workflow, const ValidationContext& context,
                         Diagnostics& diags);

} // namespace gump::workflow
