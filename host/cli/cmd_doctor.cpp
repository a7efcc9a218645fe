#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "core/style.hpp"
#include "core/text.hpp"
#include "engine/agent_runner.hpp"
#include "plan/explain.hpp"
#include "plugin/config_check.hpp"
#include "process/process.hpp"
#include "report/format.hpp"
#include "runs/json_fields.hpp"
#include "workflow/validator.hpp"
#include "workspace/repository.hpp"

#include <boost/json.hpp>
#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
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

    // Each agent plugin of the alias table: its CLI on PATH, its version against the range gump
    // supports, and whether credentials are configured. No model call.
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
            auto described = m_session.plugins().describe_agent(*p, {});
            if (!described) {
                m_out += fmt::format("    {:<14}{} {}\n", id, m_style.red("✗"),
                                     described.error().message);
                ++m_problems;
                continue;
            }
            agent(id, *described);
        }
    }

    void agent(const std::string& id, const boost::json::object& d) {
        std::string cli = runs::text(d, "cli");
        if (cli.empty()) {
            m_out += fmt::format("    {:<14}{} plugin installed (no CLI to check)\n", id,
                                 m_style.green("✓"));
            return;
        }
        std::vector<std::string> argv{cli};
        if (auto* args = d.if_contains("version_args"); args && args->is_array())
            for (const auto& a : args->as_array())
                if (a.is_string()) argv.emplace_back(a.as_string());
        bool ok = false;
        std::string version = version_of(argv, ok);
        if (!ok) {
            // Not having every CLI is normal: only the ones a workflow uses matter.
            m_out += fmt::format("    {:<14}{} {}: {}\n", id, m_style.dim("-"), cli, version);
            if (auto install = runs::text(d, "install"); !install.empty())
                detail("install: " + install);
            return;
        }
        std::string found = version_number(version);
        std::string min = runs::text(d, "min_version"), tested = runs::text(d, "tested_version");
        std::string range;
        bool too_old = !found.empty() && !min.empty() && compare_versions(found, min) < 0;
        if (too_old)
            range = m_style.red(" older than " + min + ", the oldest gump supports");
        else if (!found.empty() && !tested.empty() && compare_versions(found, tested) > 0)
            range = m_style.yellow(" newer than " + tested + ", the newest gump was tested with");
        // Plugins that say nothing of credentials are not judged on them.
        bool asks_credentials = d.if_contains("credentials") != nullptr;
        std::string credentials = credentials_of(d);
        bool has_credentials = !asks_credentials || !credentials.empty();
        std::string said = !asks_credentials ? ""
                           : has_credentials ? " · credentials: " + credentials
                                             : " · no credentials found";
        m_out += fmt::format("    {:<14}{} {}: {}{}{}\n", id,
                             too_old           ? m_style.red("✗")
                             : has_credentials ? m_style.green("✓")
                                               : m_style.yellow("-"),
                             cli, version, range, said);
        if (too_old) {
            ++m_problems;
            if (auto install = runs::text(d, "install"); !install.empty())
                detail("update: " + install);
        }
        if (!has_credentials)
            if (auto login = runs::text(d, "login"); !login.empty()) detail("log in: " + login);
    }

    // The credential variables that are set and the login files that exist, by name only.
    static std::string credentials_of(const boost::json::object& d) {
        std::vector<std::string> found;
        const boost::json::object* c = nullptr;
        if (auto* v = d.if_contains("credentials"); v && v->is_object()) c = &v->as_object();
        if (!c) return {};
        if (auto* env = c->if_contains("env"); env && env->is_array())
            for (const auto& name : env->as_array())
                if (name.is_string() && name.as_string() != "*")
                    if (const char* value = std::getenv(name.as_string().c_str()); value && *value)
                        found.push_back("$" + std::string(name.as_string()));
        const char* home = std::getenv("HOME");
        if (auto* files = c->if_contains("files"); home && files && files->is_array())
            for (const auto& f : files->as_array())
                if (f.is_string() && std::filesystem::exists(std::filesystem::path(home) /
                                                             std::string(f.as_string())))
                    found.push_back("~/" + std::string(f.as_string()));
        return join(found, ", ");
    }

    Session& m_session;
    Style m_style;
    std::string m_out;
    int m_problems = 0;
};

// One tiny real call of an agent alias in a scratch repository: the round trip, its tokens and
// its cost, or the one sentence that says why it failed.
int live_check(Session& session, const std::string& name) {
    const auto& agents = session.config().agents();
    auto it = agents.find(name);
    if (it == agents.end()) {
        std::fprintf(stderr, "error: no agent alias '%s'%s\n  fix: see `gump models`\n",
                     name.c_str(), did_you_mean(name, session.config().agent_names()).c_str());
        return exit_bad_input;
    }
    const config::AgentAlias& alias = it->second;
    const plugin::PluginInfo* p = session.plugins().find(alias.plugin);
    if (!p || p->kind != GUMP_KIND_AGENT) {
        std::fprintf(stderr, "error: agent %s needs the plugin '%s', which is not installed\n",
                     name.c_str(), alias.plugin.c_str());
        return exit_bad_input;
    }
    std::string scratch = (std::filesystem::temp_directory_path() / "gump-doctor-XXXXXX").string();
    if (!mkdtemp(scratch.data())) {
        std::fprintf(stderr, "error: cannot create a scratch directory\n");
        return exit_internal;
    }
    std::filesystem::path dir(scratch);
    std::filesystem::create_directories(dir / "repo");
    std::filesystem::create_directories(dir / "artifacts");
    // Some CLIs want a git repository to work in; an empty one will do.
    process::CommandSpec init;
    init.argv = {"git", "-C", (dir / "repo").string(), "init", "-q"};
    init.timeout_ms = 10'000;
    process::run(init);

    engine::AgentCall call;
    call.plugin = p;
    call.config = alias.values;
    call.request = {{"prompt", "Reply with the single word ok. Do not use any tool."},
                    {"worktree", (dir / "repo").string()},
                    {"model", alias.model},
                    {"session", nullptr},
                    {"options", alias.values},
                    {"limits", {{"max_turns", 1}}},
                    {"step", "doctor"},
                    {"attempt", 1},
                    {"artifacts_dir", (dir / "artifacts").string()},
                    {"project_dir", session.cwd().string()}};
    call.limits.max_time_ms = 180'000;
    if (const config::Price* price = session.config().price_of(alias)) call.price = *price;
    auto ran = engine::run_agent(session.plugins(), call);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);

    Style style = Style::for_fd(1);
    std::string what =
        name + " (" + alias.plugin + (alias.model.empty() ? "" : ", model " + alias.model) + ")";
    if (!ran) {
        std::printf("%s %s: %s\n", style.red("✗").c_str(), what.c_str(),
                    ran.error().message.c_str());
        return exit_failed;
    }
    const engine::AgentOutcome& out = *ran;
    std::string cost = out.cost_source == "unknown"
                           ? std::string("cost unknown")
                           : report::money(out.cost_usd, false, out.cost_source == "estimated") +
                                 " (" + out.cost_source + ")";
    std::string numbers = fmt::format(
        "{:.1f}s · {} turn{} · {} in / {} out tokens · {}", out.duration_ms / 1000.0, out.turns,
        out.turns == 1 ? "" : "s", out.tokens.input, out.tokens.output, cost);
    if (!out.success) {
        std::string why = !out.stop_reason.empty() ? out.stop_reason
                          : out.failure.empty()    ? "it did not finish"
                                                   : out.failure;
        std::printf("%s %s failed after %s: %s\n", style.red("✗").c_str(), what.c_str(),
                    numbers.c_str(), why.c_str());
        return exit_failed;
    }
    std::printf("%s %s answered in %s\n", style.green("✓").c_str(), what.c_str(), numbers.c_str());
    return exit_ok;
}

} // namespace

void add_doctor_command(CLI::App& app, Action& action) {
    auto live = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("doctor", "Check gump's surroundings: git, config, plugins, "
                                             "workflows, agent CLIs (no model calls)");
    cmd->add_option("--live", *live,
                    "Make one tiny real call of this agent alias and show its round trip, "
                    "tokens and cost")
        ->type_name("AGENT");
    cmd->callback([&action, live] {
        action = [live](Session& session) {
            return live->empty() ? Doctor(session).run() : live_check(session, *live);
        };
    });
}

} // namespace gump::cli
