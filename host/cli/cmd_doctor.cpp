#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "core/style.hpp"
#include "core/text.hpp"
#include "plan/explain.hpp"
#include "plugin/config_check.hpp"
#include "process/process.hpp"
#include "runs/json_fields.hpp"
#include "workflow/validator.hpp"
#include "workspace/repository.hpp"

#include <boost/json.hpp>
#include <fmt/core.h>

#include <set>

namespace gump::cli {

namespace {

// The first line of `program args...`, or why it could not be had. Never a model call.
std::string version_of(const std::vector<std::string>& argv, bool& ok) {
    process::CommandSpec spec;
    spec.argv = argv;
    spec.timeout_ms = 10'000;
    spec.grace_ms = 500;
    auto result = process::run(spec);
    ok = false;
    if (!result) return "not found on PATH";
    if (result->timed_out) return "did not answer " + argv.back() + " within 10s";
    std::string text = result->stdout_text.empty() ? result->stderr_text : result->stdout_text;
    text = text.substr(0, text.find('\n'));
    if (result->exit_code != 0) return "exited " + std::to_string(result->exit_code) + ": " + text;
    ok = true;
    return text;
}

class Doctor {
public:
    explicit Doctor(Session& session) : m_session(session), m_style(Style::for_fd(1)) {}

    int run() {
        row("gump", true,
            fmt::format("{} (plugin ABI {}.{})", GUMP_VERSION, GUMP_ABI_MAJOR, GUMP_ABI_MINOR));
        bool ok = false;
        std::string git = version_of({"git", "--version"}, ok);
        row("git", ok, git);
        config();
        plugins();
        workflows();
        gates();
        agents();
        std::fputs(m_out.c_str(), stdout);
        return m_problems ? exit_failed : exit_ok;
    }

private:
    void row(const std::string& label, bool ok, const std::string& text) {
        m_out +=
            fmt::format("  {:<12}{} {}\n", label, ok ? m_style.green("✓") : m_style.red("✗"), text);
        if (!ok) ++m_problems;
    }
    void detail(const std::string& text) { m_out += "                " + text + "\n"; }

    void config() {
        const config::Config& c = m_session.config();
        std::vector<std::string> files;
        if (c.user_file()) files.push_back(m_session.shown(*c.user_file()));
        if (c.project_file()) files.push_back(m_session.shown(*c.project_file()));
        const Diagnostics& diags = m_session.config_diagnostics();
        std::string text =
            files.empty() ? "built-in defaults (no config.toml, no gump.toml)" : join(files, ", ");
        row("config", !diags.has_errors(), text);
        for (const auto& d : diags.items())
            detail(format(d));
    }

    void plugins() {
        plugin::Registry& registry = m_session.plugins();
        row("plugins", registry.refusals().empty(),
            fmt::format("{} loaded, {} refused, {} shadowed", registry.plugins().size(),
                        registry.refusals().size(), registry.shadowed().size()));
        for (const auto& r : registry.refusals())
            detail(m_session.shown(r.path) + " " + r.reason);
        Diagnostics diags;
        plugin::check_plugin_tables(m_session.config(), registry, diags);
        for (const auto& d : diags.items()) {
            detail(format(d));
            ++m_problems;
        }
    }

    void workflows() {
        auto entries = m_session.workflows().list();
        workflow::ValidationContext context{m_session.config().agent_names(),
                                            m_session.config().gate_names()};
        std::vector<std::string> broken;
        std::vector<std::string> details;
        for (const auto& entry : entries) {
            Diagnostics diags;
            auto wf = m_session.workflows().load(entry.name, diags);
            if (wf) workflow::validate_references(*wf, context, diags);
            if (diags.has_errors()) {
                broken.push_back(entry.name);
                details.push_back(format(diags.items().front()));
            }
        }
        row("workflows", broken.empty(),
            fmt::format("{} available{}", entries.size(),
                        broken.empty() ? "" : ", broken: " + join(broken, ", ")));
        for (const auto& d : details)
            detail(d);
    }

    // Each gate name: what it would run in this project (a command gate's detection).
    void gates() {
        auto repo = workspace::find_repository(m_session.cwd());
        std::string dir = repo.value_or(m_session.cwd()).string();
        m_out += "\n  gates\n";
        for (const auto& [name, table] : m_session.config().gates()) {
            const plugin::PluginInfo* p = m_session.plugins().find(table.plugin);
            if (!p) {
                m_out += fmt::format("    {:<14}{} plugin {} not installed\n", name,
                                     m_style.dim("-"), table.plugin);
                continue;
            }
            auto explained = plan::explain_gate(m_session.plugins(), *p, name, table.values, dir);
            std::string does =
                explained ? runs::text(*explained, "does") : m_style.red(explained.error().message);
            m_out += fmt::format("    {:<14}{}{}\n", name, table.plugin,
                                 does.empty() ? "" : ": " + does);
        }
    }

    // Each agent plugin of the alias table: is it installed, and is its CLI on PATH?
    void agents() {
        std::set<std::string> ids;
        for (const auto& [_, alias] : m_session.config().agents())
            ids.insert(alias.plugin);
        m_out += "\n  agents\n";
        for (const auto& id : ids) {
            const plugin::PluginInfo* p = m_session.plugins().find(id);
            if (!p) {
                m_out += fmt::format("    {:<14}{} plugin not installed\n", id, m_style.dim("-"));
                continue;
            }
            auto instance = m_session.plugins().create(*p, {});
            auto described = instance ? (*instance)->agent_describe()
                                      : Expected<boost::json::object>(instance.error());
            if (!described) {
                m_out += fmt::format("    {:<14}{} {}\n", id, m_style.red("✗"),
                                     described.error().message);
                ++m_problems;
                continue;
            }
            std::vector<std::string> argv;
            if (auto* cli = described->if_contains("cli"); cli && cli->is_string())
                argv.emplace_back(cli->as_string());
            if (auto* args = described->if_contains("version_args"); args && args->is_array())
                for (const auto& a : args->as_array())
                    if (a.is_string()) argv.emplace_back(a.as_string());
            if (argv.empty()) {
                m_out += fmt::format("    {:<14}{} plugin installed (no CLI to check)\n", id,
                                     m_style.green("✓"));
                continue;
            }
            bool ok = false;
            std::string version = version_of(argv, ok);
            m_out +=
                fmt::format("    {:<14}{} {}: {}\n", id,
                            ok ? m_style.green("✓") : m_style.yellow("-"), argv.front(), version);
        }
    }

    Session& m_session;
    Style m_style;
    std::string m_out;
    int m_problems = 0;
};

} // namespace

void add_doctor_command(CLI::App& app, Action& action) {
    app.add_subcommand("doctor", "Check gump's surroundings: git, config, plugins, workflows, "
                                 "agent CLIs (no model calls)")
        ->callback([&action] { action = [](Session& session) { return Doctor(session).run(); }; });
}

} // namespace gump::cli
