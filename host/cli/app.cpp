#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "log/log.hpp"

#include <gump/plugin.h>

#include <fmt/core.h>

#include <cstdio>
#include <exception>

namespace gump::cli {

static const char* exit_code_help = R"(Exit codes:
  0    passed / done
  1    a step failed after its last attempt, or a check found problems
  2    bad input: usage, configuration, workflow or spec; nothing was run
  3    the run budget was exhausted
  70   internal error in gump or a plugin
  130  interrupted)";

int run_app(int argc, char** argv) {
    CLI::App app{"gump: a workflow runtime for AI coding agents.\n"
                 "Write a spec, pick a workflow, and gump has agents implement it in an isolated "
                 "git worktree, checked by gates, with every step's cost accounted for.",
                 "gump"};
    app.footer(exit_code_help);
    app.require_subcommand(0, 1);
    app.set_version_flag(
        "--version",
        fmt::format("gump {} (plugin ABI {}.{})", GUMP_VERSION, GUMP_ABI_MAJOR, GUMP_ABI_MINOR),
        "Print gump's version and the plugin ABI it speaks");

    GlobalOptions globals;
    app.add_option("--plugin-dir", globals.plugin_dirs,
                   "Load plugins from this directory first (repeatable)")
        ->type_name("DIR");
    app.add_option("--log-level", globals.log_level, "debug, info, warn (default), error or off")
        ->type_name("LEVEL");

    Action action;
    add_run_command(app, action);
    add_report_command(app, action);
    add_status_command(app, action);
    add_apply_command(app, action);
    add_gc_command(app, action);
    add_check_command(app, action);
    add_plugins_command(app, action);
    add_workflows_command(app, action);
    add_config_command(app, action);
    add_models_command(app, action);
    add_doctor_command(app, action);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? exit_ok : exit_bad_input;
    }
    if (!action) {
        std::fputs(app.help().c_str(), stdout);
        return exit_ok;
    }
    try {
        Session session(globals);
        return action(session);
    } catch (const std::exception& e) {
        std::fprintf(stderr,
                     "gump: internal error: %s\nPlease report it with the command you ran.\n",
                     e.what());
        return exit_internal;
    }
}

bool report(const Diagnostics& diags) {
    if (!diags.empty()) std::fputs(diags.to_string().c_str(), stderr);
    return diags.has_errors();
}

} // namespace gump::cli
