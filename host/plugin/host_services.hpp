#pragma once
// The services table (gump_host) handed to every plugin instance: logging, events,
// cancellation, child processes and temporary directories, all owned by the host.
#include "core/expected.hpp"

#include <gump/plugin.h>

#include <boost/json/object.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace gump::plugin {

// Shared by the instances of one operation: where their events go and whether to stop.
struct RunContext {
    std::function<void(const std::string& plugin_id, const boost::json::object& event)> on_event;
    // Called after every event and at least every 100 ms while a plugin waits on the host, so
    // limits on time hold even for an agent that prints nothing. It may set `cancelled`.
    std::function<void()> watchdog;
    std::atomic<bool> cancelled{false};
    long long kill_grace_ms = 2000; // SIGTERM to SIGKILL, for the processes of a cancelled plugin
    // Runs a workflow for a gate (gump_host::run_workflow); unset outside a run.
    // A failure's Error::code is the gump_status the plugin sees.
    std::function<Expected<boost::json::object>(const std::string& plugin_id,
                                                const boost::json::object& request)>
        run_workflow;
};

struct ProcessHandle;

class HostServices {
public:
    HostServices(std::string plugin_id, std::shared_ptr<RunContext> context);
    ~HostServices(); // ends the processes a plugin started and never waited for
    HostServices(const HostServices&) = delete;
    HostServices& operator=(const HostServices&) = delete;
    const gump_host* table() const { return &m_table; }
    const std::string& plugin_id() const { return m_plugin_id; }
    RunContext& context() const { return *m_context; }

    // Runs the watchdog; once the context is cancelled, terminates every process this plugin
    // started (graceful, then forced: the processes see to that without blocking anyone).
    void tick();
    void track(ProcessHandle* process);
    void untrack(ProcessHandle* process);

private:
    std::string m_plugin_id;
    std::shared_ptr<RunContext> m_context;
    gump_host m_table;
    std::mutex m_mutex;
    std::set<ProcessHandle*> m_processes; // spawned and not yet waited for
};

} // namespace gump::plugin
