#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "plan/dry_run.hpp"
#include "plan/resolve.hpp"
#include "plugin/config_check.hpp"
#include "workflow/validator.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace gump::cli {
namespace fs = std::filesystem;

namespace {

struct RunOptions {
    std::string spec;
    std::string workflow;
    bool dry_run = false;
    bool json = false;
};

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

    std::optional<plan::Plan> plan;
    if (wf) {
        workflow::ValidationContext context{session.config().agent_names(),
                                            session.config().gate_names()};
        workflow::validate_references(*wf, context, diags);
        plan = plan::resolve(*wf, session.config(), registry, diags);
    }
    if (report(diags) || !wf || spec_bytes < 0) return exit_bad_input;

    plan::DryRunHeader header{options.spec, spec_bytes, {}};
    if (const auto& user = session.config().user_file())
        header.config_files.push_back(session.shown(*user));
    if (const auto& project = session.config().project_file())
        header.config_files.push_back(session.shown(*project));

    if (!options.dry_run) {
        std::fputs("error: this build of gump shows plans only: add --dry-run. Running "
                   "workflows arrives with the engine.\n",
                   stderr);
        return exit_bad_input;
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
    cmd->callback([&action, options] {
        action = [options](Session& session) { return run(session, *options); };
    });
}

} // namespace gump::cli
