#pragma once
// Finds, loads and keeps plugin libraries, and makes plugin instances. Libraries stay loaded for
// the life of the process (RTLD_NODELETE), so nothing a plugin handed out can outlive its code.
#include "core/expected.hpp"
#include "plugin/host_services.hpp"

#include <gump/plugin.h>

#include <boost/json/object.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace gump::plugin {

const char* kind_name(gump_kind kind); // "agent", "gate", "vcs"

struct PluginInfo {
    std::string id;
    gump_kind kind = GUMP_KIND_GATE;
    std::string version;
    std::string description;
    std::string config_schema; // JSON text; empty when the plugin takes no configuration
    std::filesystem::path path;
    int abi_major = 0;
    int abi_minor = 0;
    const gump_manifest* manifest = nullptr;
};

struct Refusal {
    std::filesystem::path path;
    std::string reason; // one sentence: what is wrong and what to do
};

struct Shadowed {
    PluginInfo plugin;            // the one that was not used
    std::filesystem::path winner; // the library whose plugin of the same id is used
};

// A plugin instance; destroyed with the plugin's own destroy.
class Instance {
public:
    Instance(const PluginInfo& info, void* handle, std::unique_ptr<HostServices> services);
    ~Instance();
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;

    const PluginInfo& info() const { return m_info; }
    // Calls one slot of the kind's function table; the error names the plugin and the operation.
    Expected<boost::json::object> call(gump_call_fn fn, const char* operation,
                                       const boost::json::object& request);
    // Convenience for the kinds' main operations.
    Expected<boost::json::object> gate_check(const boost::json::object& request);
    // {} for a gate that has no explain slot (ABI 1.0) or leaves it empty.
    Expected<boost::json::object> gate_explain(const boost::json::object& request);
    Expected<boost::json::object> agent_describe();
    Expected<boost::json::object> agent_run(const boost::json::object& request);

private:
    PluginInfo m_info;
    std::unique_ptr<HostServices>
        m_services; // outlives m_handle: the plugin may call it until destroy
    void* m_handle;
};

class Registry {
public:
    Registry();
    ~Registry();
    Registry(Registry&&) noexcept;
    Registry& operator=(Registry&&) noexcept;

    // Loads every library in `dirs`, in order (a missing dir is skipped); the first plugin of
    // an id wins and later ones are recorded as shadowed.
    void discover(const std::vector<std::filesystem::path>& dirs);
    // Loads one library; a refusal is recorded and also returned.
    Expected<void> load_file(const std::filesystem::path& path);

    const std::vector<PluginInfo>& plugins() const;
    const std::vector<Refusal>& refusals() const;
    const std::vector<Shadowed>& shadowed() const;
    const PluginInfo* find(std::string_view id) const;

    // Makes an instance with `config` (already checked against the schema by the caller).
    // `context` receives the instance's events and carries the cancellation flag.
    Expected<std::unique_ptr<Instance>> create(const PluginInfo& plugin,
                                               const boost::json::object& config,
                                               std::shared_ptr<RunContext> context = {}) const;
    // An agent plugin's describe with `config`: an instance made for the question alone.
    Expected<boost::json::object> describe_agent(const PluginInfo& plugin,
                                                 const boost::json::object& config) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Where plugins are looked for, in order: --plugin-dir flags, $GUMP_PLUGIN_PATH (':'-separated),
// the user's plugin dir (~/.local/lib/gump/plugins or $XDG_DATA_HOME/../lib...), the install
// prefix's lib/gump/plugins, and the build tree's plugins dir when gump runs from a build.
std::vector<std::filesystem::path> plugin_search_path(const std::vector<std::string>& flag_dirs);

} // namespace gump::plugin
