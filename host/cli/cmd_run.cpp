#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "cli/run_execute.hpp"
#include "core/text.hpp"
#include "plan/agents.hpp"
#include "plan/dry_run.hpp"
#include "plan/explain.hpp"
#include "plan/resolve.hpp"
#include "plugin/config_check.hpp"
#include "workflow/template.hpp"
#include "workflow/validator.hpp"
#include "workspace/repository.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace gump::cli {
namespace fs = std::filesystem;

namespace {

struct RunOptions {
    std::string spec;
    std::string workflow;
    bool dry_run = false;
    bool json = false;
    bool verbose = false;
    bool no_color = false;
    bool allow_dirty = false;
    std::string agent;             // --agent: every step's agent, unless a ladder rung names one
    std::optional<double> budget;  // --budget USD
    std::vector<std::string> sets; // --set KEY=VALUE
};

// --agent replaces the agent of every step that has one; a ladder rung's agent still wins.
void override_agents(std::vector<workflow::Step>& steps, const std::string& alias) {
    for (auto& step : steps) {
        if (!step.agent.empty()) step.agent = alias;
        override_agents(step.steps, alias);
    }
}

// input.NAME=VALUE for an input the workflow declares; the value may hold anything, commas and
// '=' included. Other keys are refused: a value nothing reads would be lost silently.
std::map<std::string, std::string> parse_sets(const std::vector<std::string>& sets,
                                              const workflow::Workflow* wf, Diagnostics& diags) {
    std::map<std::string, std::string> out;
    std::vector<std::string> inputs = wf ? wf->inputs : std::vector<std::string>();
    std::string declared =
        inputs.empty() ? std::string("it declares none") : "it declares " + join_words(inputs);
    for (const auto& set : sets) {
        size_t eq = set.find('=');
        std::string key = set.substr(0, eq);
        if (eq == std::string::npos || !key.starts_with("input.")) {
            diags.error({"--set"}, "'" + set + "' is not input.NAME=VALUE",
                        "--set gives a value to one of the workflow's inputs ({input.NAME}); " +
                            declared);
            continue;
        }
        std::string name = key.substr(6);
        if (wf && std::find(inputs.begin(), inputs.end(), name) == inputs.end()) {
            diags.error({"--set"},
                        "the workflow '" + wf->name + "' has no input '" + name + "'" +
                            did_you_mean(name, inputs),
                        "declare it with inputs = [\"" + name + "\"] in the workflow; " + declared);
            continue;
        }
        out[key] = set.substr(eq + 1);
    }
    return out;
}

std::string read_all(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A spec that cannot be read is reported like any other input problem.
long long check_spec(const std::string& spec, Diagnostics& diags) {
    std::error_code ec;
    if (!fs::exists(spec, ec)) {
        diags.error({spec}, "the spec file does not exist",
                    "write the spec in markdown and pass its path: gump run spec.md --workflow "
                    "<name>");
        return -1;
    }
    if (!fs::is_regular_file(spec, ec)) {
        diags.error({spec}, "the spec is not a regular file", "pass the path of a markdown file");
        return -1;
    }
    std::FILE* f = std::fopen(spec.c_str(), "rb");
    if (!f) {
        diags.error({spec}, "the spec file cannot be read", "check its permissions");
        return -1;
    }
    std::fclose(f);
    return static_cast<long long>(fs::file_size(spec, ec));
}

int run(Session& session, const RunOptions& options) {
    Diagnostics diags;
    diags.append(session.config_diagnostics());
    long long spec_bytes = check_spec(options.spec, diags);

    std::optional<workflow::Workflow> wf = session.workflows().load(options.workflow, diags);
    plugin::Registry& registry = session.plugins();
    for (const auto& refusal : registry.refusals())
        diags.warning({session.shown(refusal.path)}, "plugin refused: " + refusal.reason);
    plugin::check_plugin_tables(session.config(), registry, diags);

    if (!options.agent.empty()) {
        auto names = session.config().agent_names();
        if (std::find(names.begin(), names.end(), options.agent) == names.end())
            diags.error({"--agent"},
                        "no agent alias '" + options.agent + "'" +
                            did_you_mean(options.agent, names),
                        "pick one of `gump config agents`, or define [agents." + options.agent +
                            "] in gump.toml");
        else if (wf)
            override_agents(wf->steps, options.agent);
    }
    if (options.budget) {
        if (*options.budget <= 0)
            diags.error({"--budget"}, "the budget must be more than $0",
                        "give the most the run may spend, in USD: --budget 5");
        else if (wf)
            wf->budget.max_cost = *options.budget;
    }
    auto sets = parse_sets(options.sets, wf ? &*wf : nullptr, diags);

    std::optional<plan::Plan> plan;
    if (wf) {
        workflow::ValidationContext context{session.config().agent_names(),
                                            session.config().gate_names()};
        workflow::validate_references(*wf, context, diags);
        plan = plan::resolve(*wf, session.config(), registry, diags);
        auto repo = workspace::find_repository(session.cwd());
        plan::explain_gates(*plan, session.workflows(), session.config(), registry,
                            repo.value_or(session.cwd()), diags);
        plan::check_agents(*plan, registry, diags);
    }
    if (report(diags) || !wf || spec_bytes < 0) return exit_bad_input;

    plan::DryRunHeader header{options.spec, spec_bytes, {}};
    if (const auto& user = session.config().user_file())
        header.config_files.push_back(session.shown(*user));
    if (const auto& project = session.config().project_file())
        header.config_files.push_back(session.shown(*project));

    if (!options.dry_run) {
        if (!plan->missing_plugins.empty()) {
            std::fprintf(stderr,
                         "error: the workflow needs plugins that are not installed: %s\n"
                         "  fix: install them (see `gump plugins list`), or point the aliases "
                         "at installed ones in gump.toml; `--dry-run` shows which step needs "
                         "which\n",
                         join(plan->missing_plugins, ", ").c_str());
            return exit_bad_input;
        }
        ExecuteOptions execute{options.spec,    read_all(options.spec), options.workflow,
                               std::move(sets), options.allow_dirty,    options.json,
                               options.verbose, options.no_color};
        return execute_run(session, *plan, execute);
    }
    if (options.json) {
        std::string text = boost::json::serialize(plan::dry_run_json(*plan, header));
        std::printf("%s\n", text.c_str());
    } else {
        std::fputs(plan::render_dry_run(*plan, header, Style::for_fd(1)).c_str(), stdout);
    }
    return exit_ok;
}

} // namespace

void add_run_command(CLI::App& app, Action& action) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* cmd =
        app.add_subcommand("run", "Run a workflow on a spec (--dry-run: show the plan)");
    cmd->add_option("spec", options->spec, "The spec: a markdown file describing the work")
        ->required()
        ->type_name("SPEC");
    cmd->add_option("-w,--workflow", options->workflow,
                    "The workflow: a name from `gump workflows list` or a .toml path")
        ->required()
        ->type_name("NAME");
    cmd->add_flag("--dry-run", options->dry_run,
                  "Print the execution plan and stop: no worktree, no agent, nothing written");
    cmd->add_flag("--json", options->json, "Print the result as one JSON document on stdout");
    cmd->add_option("--agent", options->agent,
                    "Run every step with this agent alias (a retry ladder's agents still apply)")
        ->type_name("ALIAS");
    cmd->add_option("--set", options->sets,
                    "Give one of the workflow's inputs a value: --set input.diff=\"...\"")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    cmd->add_option("--budget", options->budget,
                    "The most the run may spend, in USD (replaces the workflow's max_cost)")
        ->type_name("USD");
    cmd->add_flag("--allow-dirty", options->allow_dirty,
                  "Carry your uncommitted changes into the run's first snapshot");
    cmd->add_flag("-v,--verbose", options->verbose, "Show the agents' output as it comes");
    cmd->add_flag("--no-color", options->no_color, "No colours (NO_COLOR=1 does the same)");
    cmd->callback([&action, options] {
        action = [options](Session& session) { return run(session, *options); };
    });
}

} // namespace gump::cli
