#pragma once
// The services table (gump_host) handed to every plugin instance: logging, events,
// cancellation, child processes and temporary directories, all owned by the host.
#include <gump/plugin.h>

#include <boost/json/object.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace gump::plugin {

// Shared by the instances of one run: where their events go and whether to stop.
struct RunContext {
    std::function<void(const std::string& plugin_id, const boost::json::object& event)> on_event;
    std::atomic<bool> cancelled{false};
};

class HostServices {
public:
    HostServices(std::string plugin_id, std::shared_ptr<RunContext> context);
    const gump_host* table() const { return &m_table; }
    const std::string& plugin_id() const { return m_plugin_id; }
    RunContext& context() const { return *m_context; }

private:
    std::string m_plugin_id;
    std::shared_ptr<RunContext> m_context;
    gump_host m_table;
};

} // namespace gump::plugin
