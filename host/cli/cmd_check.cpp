#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "core/style.hpp"
#include "core/text.hpp"
#include "plugin/config_check.hpp"

#include <boost/json.hpp>
#include <fmt/core.h>

#include <filesystem>
#include <memory>

namespace gump::cli {
namespace fs = std::filesystem;

namespace {

struct CheckOptions {
    std::vector<std::string> gates;
    std::string dir = ".";
};

std::string indented(const std::string& text) {
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out += "      " + text.substr(start, end - start) + "\n";
        start = end + 1;
    }
    return out;
}

int check(Session& session, const CheckOptions& options) {
    Diagnostics diags;
    diags.append(session.config_diagnostics());
    const config::Config& config = session.config();
    plugin::Registry& registry = session.plugins();
    std::vector<std::pair<const config::GateDef*, const plugin::PluginInfo*>> gates;
    for (const auto& name : options.gates) {
        auto it = config.gates().find(name);
        if (it == config.gates().end()) {
            diags.error({},
                        "no gate named '" + name + "'" + did_you_mean(name, config.gate_names()),
                        "define it as [gates." + name + "] in gump.toml");
            continue;
        }
        const plugin::PluginInfo* p = registry.find(it->second.plugin);
        if (!p || p->kind != GUMP_KIND_GATE) {
            diags.error(it->second.origin.pos,
                        "gate '" + name + "' needs the gate plugin '" + it->second.plugin +
                            "', which is not installed",
                        "see `gump plugins list`");
            continue;
        }
        plugin::check_plugin_values(*p, it->second.values, it->second.value_pos,
                                    it->second.origin.pos, "[gates." + name + "]", diags);
        gates.emplace_back(&it->second, p);
    }
    std::error_code ec;
    if (!fs::is_directory(options.dir, ec))
        diags.error({options.dir}, "is not a directory", "pass --dir with an existing directory");
    if (report(diags)) return exit_bad_input;

    Style style = Style::for_fd(1);
    std::string worktree = fs::absolute(options.dir).lexically_normal().string();
    bool all_passed = true;
    for (const auto& [gate, p] : gates) {
        auto instance = registry.create(*p, gate->values);
        auto result =
            instance ? (*instance)->gate_check(
                           {{"worktree", worktree}, {"gate", gate->name}, {"artifacts_dir", ""}})
                     : Expected<boost::json::object>(instance.error());
        if (!result) {
            std::printf("  %s %s — %s\n", style.red("✗").c_str(), gate->name.c_str(),
                        result.error().message.c_str());
            all_passed = false;
            continue;
        }
        auto text = [&](const char* key) {
            const boost::json::value* v = result->if_contains(key);
            return v && v->is_string() ? std::string(v->as_string()) : std::string();
        };
        std::string verdict = text("verdict");
        bool passed = verdict == "pass" || verdict == "skip";
        all_passed = all_passed && passed;
        std::string mark = passed ? style.green(verdict == "skip" ? "-" : "✓") : style.red("✗");
        std::printf("  %s %s — %s%s\n", mark.c_str(), gate->name.c_str(), text("summary").c_str(),
                    verdict == "error" ? " (the gate could not run)" : "");
        if (!passed && !text("feedback").empty())
            std::fputs(indented(text("feedback")).c_str(), stdout);
    }
    return all_passed ? exit_ok : exit_failed;
}

} // namespace

void add_check_command(CLI::App& app, Action& action) {
    auto options = std::make_shared<CheckOptions>();
    CLI::App* cmd = app.add_subcommand(
        "check", "Run gates from the configuration on a directory, as a step would");
    cmd->add_option("gates", options->gates, "Gate names, as in [gates.<name>]")
        ->required()
        ->type_name("GATE...");
    cmd->add_option("--dir", options->dir, "The directory to judge (default: here)")
        ->type_name("DIR");
    cmd->callback([&action, options] {
        action = [options](Session& session) { return check(session, *options); };
    });
}

} // namespace gump::cli
