#pragma once
// The effective configuration: built-in defaults, then ~/.config/gump/config.toml, then the
// project's gump.toml (found upward from the current directory), then the environment, then
// flags. Every value remembers where it came from, for `gump config` and for error messages.
#include "core/diagnostic.hpp"

#include <boost/json/object.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gump::config {

struct Origin {
    std::string layer; // "built-in", "user", "project", "env", "flag"
    SourcePos pos;     // file:line:col for file layers; the variable or flag name otherwise
    std::string describe() const; // "gump.toml:4:1", "built-in", "$GUMP_LOG_LEVEL", "--log-level"
};

// A table of plugin settings: `[agents.<alias>]` or `[gates.<name>]`.
struct PluginTable {
    std::string name;                           // the alias or gate name
    std::string plugin;                         // the plugin id
    boost::json::object values;                 // every key but `plugin` (and `model` for agents)
    std::map<std::string, SourcePos> value_pos; // where each of those keys was set
    Origin origin;                              // where `plugin` was set
};

struct AgentAlias : PluginTable {
    std::string model; // empty: the CLI's default model
    // A transient failure (429, 5xx, network) is run again this many times, waiting `backoff`
    // and twice as long each time after, before it counts as a failed attempt.
    int transient_retries = 2;
    long long transient_backoff_ms = 5000;
};

// USD per million tokens; what gump estimates a cost with when the CLI reports none.
struct Price {
    double input = 0;
    double output = 0;
    double cache_read = 0;
    double cache_write = 0;
    long long context_window = 0; // tokens; 0: unknown
    Origin origin;
};

using GateDef = PluginTable;

struct Setting {
    std::string key;   // dotted: "agents.qwen.model"
    std::string value; // as TOML would print it
    Origin origin;
};

struct LoadOptions {
    std::filesystem::path cwd = std::filesystem::current_path();
    std::optional<std::filesystem::path> user_config_dir;  // default: $XDG_CONFIG_HOME/gump
    std::optional<std::map<std::string, std::string>> env; // default: the process environment
    std::vector<std::string> plugin_dirs;                  // --plugin-dir
    std::string log_level;                                 // --log-level
};

class Config {
public:
    // Problems are added to `diags` (all of them); what could be read is still returned.
    static Config load(const LoadOptions& options, Diagnostics& diags);

    const std::map<std::string, AgentAlias>& agents() const { return m_agents; }
    const std::map<std::string, GateDef>& gates() const { return m_gates; }
    // By model id; an alias without a model is priced under its own name.
    const std::map<std::string, Price>& pricing() const { return m_pricing; }
    const Price* price_of(const AgentAlias& alias) const;
    const std::string& workspace_backend() const { return m_workspace_backend; }
    // Ignored files copied from the user's tree into a new worktree (relative paths).
    const std::vector<std::string>& workspace_copy() const { return m_workspace_copy; }
    // A shell command run once in a new worktree; empty: none.
    const std::string& workspace_setup() const { return m_workspace_setup; }
    const std::string& log_level() const { return m_log_level; }
    // --plugin-dir values, then $GUMP_PLUGIN_PATH entries.
    const std::vector<std::string>& plugin_dirs() const { return m_plugin_dirs; }

    // The nearest directory upward holding gump.toml, .gump/ or .git; else the current one.
    const std::optional<std::filesystem::path>& project_root() const { return m_project_root; }
    const std::optional<std::filesystem::path>& project_file() const { return m_project_file; }
    const std::filesystem::path& user_config_dir() const { return m_user_config_dir; }
    const std::optional<std::filesystem::path>& user_file() const { return m_user_file; }

    // Every effective value, sorted by key.
    const std::vector<Setting>& settings() const { return m_settings; }

    std::vector<std::string> agent_names() const;
    std::vector<std::string> gate_names() const;

private:
    std::map<std::string, AgentAlias> m_agents;
    std::map<std::string, GateDef> m_gates;
    std::map<std::string, Price> m_pricing;
    std::string m_workspace_backend;
    std::vector<std::string> m_workspace_copy;
    std::string m_workspace_setup;
    std::string m_log_level = "warn";
    std::vector<std::string> m_plugin_dirs;
    std::optional<std::filesystem::path> m_project_root;
    std::optional<std::filesystem::path> m_project_file;
    std::filesystem::path m_user_config_dir;
    std::optional<std::filesystem::path> m_user_file;
    std::vector<Setting> m_settings;

    friend class Loader;
};

// $XDG_CONFIG_HOME/gump, or ~/.config/gump.
std::filesystem::path default_user_config_dir(const std::map<std::string, std::string>& env);

// The path as the user would type it: relative to `cwd` when below it, `~/...` under $HOME.
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& cwd);

std::map<std::string, std::string> process_environment();

} // namespace gump::config
