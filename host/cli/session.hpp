#pragma once
// What a command needs from its surroundings, loaded once and only when asked for:
// configuration, plugins, workflows.
#include "config/config.hpp"
#include "core/diagnostic.hpp"
#include "plugin/registry.hpp"
#include "workflow/catalog.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gump::cli {

struct GlobalOptions {
    std::vector<std::string> plugin_dirs; // --plugin-dir
    std::string log_level;                // --log-level
};

class Session {
public:
    explicit Session(GlobalOptions options);

    // Problems in the configuration files are in config_diagnostics().
    const config::Config& config();
    const Diagnostics& config_diagnostics();
    plugin::Registry& plugins();
    const std::vector<std::filesystem::path>& plugin_search_path();
    workflow::Catalog& workflows();
    const std::filesystem::path& cwd() const { return m_cwd; }
    std::string shown(const std::filesystem::path& path) const;

private:
    GlobalOptions m_options;
    std::filesystem::path m_cwd;
    Diagnostics m_config_diags;
    std::optional<config::Config> m_config;
    std::optional<plugin::Registry> m_plugins;
    std::vector<std::filesystem::path> m_search_path;
    std::optional<workflow::Catalog> m_workflows;
};

// A command's work, run after the command line parsed.
using Action = std::function<int(Session&)>;

} // namespace gump::cli
