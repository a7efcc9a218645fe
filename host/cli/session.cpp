#include "cli/session.hpp"

#include "log/log.hpp"

namespace gump::cli {

Session::Session(GlobalOptions options)
    : m_options(std::move(options)), m_cwd(std::filesystem::current_path()) {}

const config::Config& Session::config() {
    if (!m_config) {
        config::LoadOptions load;
        load.cwd = m_cwd;
        load.plugin_dirs = m_options.plugin_dirs;
        load.log_level = m_options.log_level;
        m_config = config::Config::load(load, m_config_diags);
        if (!log::set_level(m_config->log_level().c_str()))
            log::warn("unknown log level '{}' (use debug, info, warn, error or off)",
                      m_config->log_level());
    }
    return *m_config;
}

const Diagnostics& Session::config_diagnostics() {
    config();
    return m_config_diags;
}

const std::vector<std::filesystem::path>& Session::plugin_search_path() {
    if (m_search_path.empty()) m_search_path = plugin::plugin_search_path(config().plugin_dirs());
    return m_search_path;
}

plugin::Registry& Session::plugins() {
    if (!m_plugins) {
        m_plugins.emplace();
        m_plugins->discover(plugin_search_path());
    }
    return *m_plugins;
}

workflow::Catalog& Session::workflows() {
    if (!m_workflows) m_workflows.emplace(config().project_root(), config().user_config_dir());
    return *m_workflows;
}

std::string Session::shown(const std::filesystem::path& path) const {
    return config::display_path(path, m_cwd);
}

} // namespace gump::cli
