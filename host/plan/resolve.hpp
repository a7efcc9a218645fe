#pragma once
// A workflow with every name resolved: agent aliases to plugins and models, gate names to
// plugins and their parameters. The dry run prints it; the engine runs it.
#include "config/config.hpp"
#include "core/diagnostic.hpp"
#include "plugin/registry.hpp"
#include "workflow/model.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gump::plan {

struct ResolvedAgent {
    std::string alias;
    std::string plugin; // plugin id
    std::string model;  // empty: the CLI's default
    boost::json::object options;
    bool installed = false;
    std::optional<config::Price> price; // what its model costs, when gump knows
    bool reports_cost = false;          // its CLI reports costs (see check_prices)
    int transient_retries = 2;
    long long transient_backoff_ms = 5000;
};

struct ResolvedGate {
    std::string name;
    std::string plugin;
    boost::json::object params; // configured, with the workflow's inline ones layered over
    bool installed = false;
    SourcePos pos; // where the workflow names it
    // From the plugin's explain (see explain_gates): what a check does, and whether it runs
    // agents, which makes it run after the deterministic gates and only when they passed.
    std::string does;
    bool uses_agents = false;
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

struct Validator;

struct Plan {
    const workflow::Workflow* workflow = nullptr;
    std::vector<ResolvedStep> steps;
    std::vector<std::string> missing_plugins; // needed by the plan but not installed, sorted
    // The workflows gates run (a reviewer), by validator_key of what the gate asked for.
    std::map<std::string, std::shared_ptr<const Validator>> validators;
};

// A workflow a gate runs, with the plan it resolved to.
struct Validator {
    workflow::Workflow workflow;
    Plan plan;
};

// Resolves every name; unknown names and parameters that do not fit a plugin's schema go to
// `diags` with their file and line. Missing plugins are listed in Plan::missing_plugins.
Plan resolve(const workflow::Workflow& workflow, const config::Config& config,
             const plugin::Registry& registry, Diagnostics& diags);

} // namespace gump::plan
