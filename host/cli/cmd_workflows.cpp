#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "core/style.hpp"

#include <fmt/core.h>

#include <memory>

namespace gump::cli {

namespace {

int list(Session& session) {
    if (report(session.config_diagnostics())) return exit_bad_input;
    Style style = Style::for_fd(1);
    std::string out =
        style.bold(fmt::format("  {:<20}{:<10}{}", "NAME", "SOURCE", "DESCRIPTION")) + "\n";
    for (const auto& entry : session.workflows().list()) {
        std::string description = entry.description;
        if (entry.shadows) description += style.dim(" (overrides the " + *entry.shadows + " one)");
        out += fmt::format("  {:<20}{:<10}{}\n", entry.name, entry.source, description);
    }
    out += "\nShow one with `gump workflows show NAME`; override one by writing "
           ".gump/workflows/NAME.toml in the project.\n";
    std::fputs(out.c_str(), stdout);
    return exit_ok;
}

int show(Session& session, const std::string& name) {
    if (report(session.config_diagnostics())) return exit_bad_input;
    auto found = session.workflows().find(name);
    if (!found) {
        std::fprintf(stderr, "error: %s\n", found.error().message.c_str());
        return exit_bad_input;
    }
    std::printf("# %s: %s\n%s", found->source.c_str(), found->path.c_str(), found->text.c_str());
    if (!found->text.empty() && found->text.back() != '\n') std::printf("\n");
    return exit_ok;
}

} // namespace

void add_workflows_command(CLI::App& app, Action& action) {
    CLI::App* cmd = app.add_subcommand("workflows", "List and show workflows");
    cmd->require_subcommand(1);
    cmd->add_subcommand("list", "List the workflows you can run, and where each comes from")
        ->callback([&action] { action = list; });
    auto name = std::make_shared<std::string>();
    CLI::App* show_cmd = cmd->add_subcommand("show", "Print a workflow's TOML");
    show_cmd->add_option("name", *name, "The workflow name")->required()->type_name("NAME");
    show_cmd->callback(
        [&action, name] { action = [name](Session& session) { return show(session, *name); }; });
}

} // namespace gump::cli
