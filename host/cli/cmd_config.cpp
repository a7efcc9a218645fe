#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "core/style.hpp"

#include <fmt/core.h>

#include <memory>

namespace gump::cli {

namespace {

int show(Session& session, const std::string& prefix) {
    const config::Config& config = session.config();
    bool bad = report(session.config_diagnostics());
    Style style = Style::for_fd(1);
    std::string out = style.bold("Configuration files") + " (later ones win):\n";
    out += "  built-in defaults\n";
    out += "  " + session.shown(config.user_config_dir() / "config.toml") +
           (config.user_file() ? "" : style.dim(" (none)")) + "\n";
    out += "  " +
           (config.project_file() ? session.shown(*config.project_file())
                                  : std::string("gump.toml") + style.dim(" (none found)")) +
           "\n";
    out += "  then $GUMP_* environment variables and command-line flags\n\n";
    size_t width = 0;
    for (const auto& s : config.settings())
        if (s.key.rfind(prefix, 0) == 0) width = std::max(width, s.key.size() + s.value.size() + 3);
    int shown = 0;
    for (const auto& s : config.settings()) {
        if (s.key.rfind(prefix, 0) != 0) continue;
        std::string assignment = s.key + " = " + s.value;
        out += fmt::format("{:<{}}  {}\n", assignment, width, style.dim(s.origin.describe()));
        ++shown;
    }
    if (!shown) out += "No setting starts with '" + prefix + "'.\n";
    std::fputs(out.c_str(), stdout);
    return bad ? exit_bad_input : exit_ok;
}

} // namespace

void add_config_command(CLI::App& app, Action& action) {
    auto prefix = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand(
        "config", "Print the effective configuration and where each value comes from");
    cmd->add_option("prefix", *prefix, "Only keys starting with this, e.g. agents.qwen")
        ->type_name("KEY");
    cmd->callback([&action, prefix] {
        action = [prefix](Session& session) { return show(session, *prefix); };
    });
}

} // namespace gump::cli
