#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "core/style.hpp"
#include "core/text.hpp"
#include "plugin/schema.hpp"
#include "process/process.hpp"

#include <boost/json.hpp>
#include <fmt/core.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <memory>

namespace gump::cli {
namespace fs = std::filesystem;

namespace {

int list(Session& session) {
    Style style = Style::for_fd(1);
    plugin::Registry& registry = session.plugins();
    std::string out = style.bold("Plugin search path") + " (the first plugin of an id wins):\n";
    int n = 0;
    for (const auto& dir : session.plugin_search_path())
        out += fmt::format("  {}. {}{}\n", ++n, session.shown(dir),
                           fs::is_directory(dir) ? "" : style.dim(" (missing)"));
    out += "\n";
    if (registry.plugins().empty()) {
        out += "No plugins installed.\n";
    } else {
        out += style.bold(fmt::format("  {:<16}{:<7}{:<10}{}", "ID", "KIND", "VERSION", "FILE")) +
               "\n";
        for (const auto& p : registry.plugins())
            out += fmt::format("  {:<16}{:<7}{:<10}{}\n", p.id, plugin::kind_name(p.kind),
                               p.version, session.shown(p.path));
    }
    if (!registry.shadowed().empty()) {
        out += "\n" + style.bold("Shadowed") + " (same id found earlier on the search path):\n";
        for (const auto& s : registry.shadowed())
            out += fmt::format("  {:<16}{:<7}{:<10}{}  (used instead: {})\n", s.plugin.id,
                               plugin::kind_name(s.plugin.kind), s.plugin.version,
                               session.shown(s.plugin.path), session.shown(s.winner));
    }
    if (!registry.refusals().empty()) {
        out += "\n" + style.bold("Refused:") + "\n";
        for (const auto& r : registry.refusals())
            out += "  " + style.red("✗") + " " + session.shown(r.path) + " " + r.reason + "\n";
    }
    std::fputs(out.c_str(), stdout);
    return exit_ok;
}

int info(Session& session, const std::string& id) {
    plugin::Registry& registry = session.plugins();
    const plugin::PluginInfo* p = registry.find(id);
    if (!p) {
        std::vector<std::string> ids;
        for (const auto& q : registry.plugins())
            ids.push_back(q.id);
        std::fprintf(stderr,
                     "error: no plugin '%s' is installed%s\n  fix: see `gump plugins list`\n",
                     id.c_str(), did_you_mean(id, ids).c_str());
        return exit_bad_input;
    }
    Style style = Style::for_fd(1);
    std::string out = style.bold(p->id) + fmt::format(" — {} plugin, version {}, ABI {}.{}\n",
                                                      plugin::kind_name(p->kind), p->version,
                                                      p->abi_major, p->abi_minor);
    if (!p->description.empty()) out += "  " + p->description + "\n";
    out += "  file: " + session.shown(p->path) + "\n\n";
    if (p->config_schema.empty()) {
        out += "Configuration: none.\n";
    } else {
        out += style.bold("Configuration") + " (keys of the tables that use it):\n";
        for (const auto& line : plugin::describe_schema(boost::json::parse(p->config_schema)))
            out += "  " + line + "\n";
    }
    std::vector<std::string> users;
    for (const auto& [name, alias] : session.config().agents())
        if (alias.plugin == p->id) users.push_back("[agents." + name + "]");
    for (const auto& [name, gate] : session.config().gates())
        if (gate.plugin == p->id) users.push_back("[gates." + name + "]");
    out += "\nUsed by: " +
           (users.empty() ? std::string("nothing in the configuration") : join(users, ", ")) + "\n";
    std::fputs(out.c_str(), stdout);
    return exit_ok;
}

// Runs inside the child process of `plugins check`: load, make an instance, destroy it.
int check_here(const std::string& file) {
    plugin::Registry registry;
    auto loaded = registry.load_file(file);
    if (!loaded) {
        std::printf("✗ %s\n", loaded.error().message.c_str());
        return exit_failed;
    }
    for (const auto& p : registry.plugins()) {
        std::printf("✓ plugin '%s': %s plugin, version %s, ABI %d.%d\n", p.id.c_str(),
                    plugin::kind_name(p.kind), p.version.c_str(), p.abi_major, p.abi_minor);
        bool needs_config = false;
        if (!p.config_schema.empty()) {
            auto schema = boost::json::parse(p.config_schema);
            needs_config = !plugin::check_schema(boost::json::object{}, schema).empty();
        }
        if (needs_config) {
            std::printf("  (not instantiated: it requires configuration)\n");
            continue;
        }
        auto instance = registry.create(p, {});
        if (!instance) {
            std::printf("✗ %s\n", instance.error().message.c_str());
            return exit_failed;
        }
        std::printf("  instance created and destroyed with an empty configuration\n");
    }
    return exit_ok;
}

// The plugin runs in a child process so that one that crashes or hangs cannot take gump down.
int check(const std::string& file) {
    process::CommandSpec spec;
    spec.argv = {fs::read_symlink("/proc/self/exe").string(), "plugins", "check", "--in-process",
                 file};
    spec.timeout_ms = 30'000;
    spec.grace_ms = 1000;
    auto result = process::run(spec);
    if (!result) {
        std::fprintf(stderr, "error: cannot start the checking process: %s\n",
                     result.error().message.c_str());
        return exit_internal;
    }
    std::fputs(result->stdout_text.c_str(), stdout);
    if (result->timed_out) {
        std::printf("✗ %s hung for 30s while loading; gump would hang with it\n", file.c_str());
        return exit_failed;
    }
    if (result->signal != 0) {
        std::printf("✗ %s crashed while loading (%s): any gump that loads it would crash too\n",
                    file.c_str(), strsignal(result->signal));
        return exit_failed;
    }
    if (result->exit_code != exit_ok && result->exit_code != exit_failed) {
        std::printf("✗ %s ended the loading process (exit %d%s%s)\n", file.c_str(),
                    result->exit_code, result->stderr_text.empty() ? "" : ": ",
                    result->stderr_text.c_str());
        return exit_failed;
    }
    return result->exit_code;
}

} // namespace

void add_plugins_command(CLI::App& app, Action& action) {
    CLI::App* cmd = app.add_subcommand("plugins", "List, describe and check plugins");
    cmd->require_subcommand(1);

    cmd->add_subcommand("list", "Show installed plugins, shadowed ones and refusals")
        ->callback([&action] { action = list; });

    auto id = std::make_shared<std::string>();
    CLI::App* info_cmd = cmd->add_subcommand("info", "Show a plugin's manifest and configuration");
    info_cmd->add_option("id", *id, "The plugin id")->required()->type_name("ID");
    info_cmd->callback(
        [&action, id] { action = [id](Session& session) { return info(session, *id); }; });

    auto file = std::make_shared<std::string>();
    auto in_process = std::make_shared<bool>(false);
    CLI::App* check_cmd = cmd->add_subcommand(
        "check", "Load a plugin file in a separate process and report problems");
    check_cmd->add_option("file", *file, "The plugin's .so file")->required()->type_name("FILE");
    check_cmd->add_flag("--in-process", *in_process)->group(""); // used by the checking child
    check_cmd->callback([&action, file, in_process] {
        action = [file, in_process](Session&) {
            return *in_process ? check_here(*file) : check(*file);
        };
    });
}

} // namespace gump::cli
