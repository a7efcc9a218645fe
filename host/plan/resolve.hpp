#pragma once
// A workflow with every name resolved: agent aliases to plugins and models, gate names to
// plugins and their parameters. The dry run prints it; the engine runs it.
#include "config/config.hpp"
#include "core/diagnostic.hpp"
#include "plugin/registry.hpp"
#include "workflow/model.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace gump::plan {

struct ResolvedAgent {
    std::string alias;
    std::string plugin; // plugin id
    std::string model;  // empty: the CLI's default
    boost::json::object options;
    bool installed = false;
};

struct ResolvedGate {
    std::string name;
    std::string plugin;
    boost::json::object params; // configured, with the workflow's inline ones layered over
    bool installed = false;
};

struct ResolvedRung {
    const workflow::RetryRung* rung = nullptr;
    std::optional<ResolvedAgent> agent;
};

struct ResolvedStep {
    const workflow::Step* step = nullptr;
    std::string path; // "build/impl"; items appear as "build/<n>/impl" at run time
    std::optional<ResolvedAgent> agent;
    std::vector<ResolvedGate> gates;
    std::vector<ResolvedRung> ladder;
    std::vector<ResolvedStep> children;
};

struct Plan {
    const workflow::Workflow* workflow = nullptr;
    std::vector<ResolvedStep> steps;
    std::vector<std::string> missing_plugins; // needed by the plan but not installed, sorted
};

// Resolves every name; unknown names and parameters that do not fit a plugin's schema go to
// `diags` with their file and line. Missing plugins are listed in Plan::missing_plugins.
Plan resolve(const workflow::Workflow& workflow, const config::Config& config,
             const plugin::Registry& registry, Diagnostics& diags);

} // namespace gump::plan
