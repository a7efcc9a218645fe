#pragma once
// The command table: each add_* registers one subcommand and its help.
#include "cli/session.hpp"

#include <CLI/CLI.hpp>

namespace gump::cli {

void add_run_command(CLI::App& app, Action& action);
void add_plugins_command(CLI::App& app, Action& action);
void add_workflows_command(CLI::App& app, Action& action);
void add_config_command(CLI::App& app, Action& action);
void add_doctor_command(CLI::App& app, Action& action);
void add_models_command(CLI::App& app, Action& action);
void add_check_command(CLI::App& app, Action& action);
void add_apply_command(CLI::App& app, Action& action);
void add_gc_command(CLI::App& app, Action& action);
void add_report_command(CLI::App& app, Action& action);
void add_status_command(CLI::App& app, Action& action);

// Prints diagnostics to stderr; returns true when they hold an error.
bool report(const Diagnostics& diags);

} // namespace gump::cli
