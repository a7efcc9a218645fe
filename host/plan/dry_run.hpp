#pragma once
// The execution plan as the user reads it before anything runs (`gump run --dry-run`).
#include "core/style.hpp"
#include "plan/resolve.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace gump::plan {

struct DryRunHeader {
    std::string spec_path;
    long long spec_bytes = 0;
    std::vector<std::string> config_files; // shown paths; empty: built-in defaults only
};

std::string render_dry_run(const Plan& plan, const DryRunHeader& header, const Style& style);

boost::json::object dry_run_json(const Plan& plan, const DryRunHeader& header);

} // namespace gump::plan
