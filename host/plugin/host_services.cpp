#include "plugin/host_services.hpp"

#include "log/log.hpp"
#include "process/process.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <utility>
#include <vector>

namespace gump::plugin {
namespace json = boost::json;
namespace fs = std::filesystem;

// A spawned child and the strings read_line hands back for it.
struct ProcessHandle {
    std::unique_ptr<process::Child> child;
    std::string line;
    bool killed = false;
};

namespace {

HostServices& self(void* ctx) {
    return *static_cast<HostServices*>(ctx);
}

// Strings handed back to plugins live here until the next call of the same kind on this thread.
std::string& thread_buffer() {
    thread_local std::string buffer;
    return buffer;
}

gump_status hand_back(gump_status status, std::string text, gump_str* out) {
    std::string& buffer = thread_buffer();
    buffer = std::move(text);
    if (out) *out = {buffer.data(), buffer.size()};
    return status;
}

// Temporary directories made for plugins, removed when gump exits.
class TempDirs {
public:
    ~TempDirs() {
        std::error_code ec;
        for (const auto& dir : m_dirs)
            fs::remove_all(dir, ec);
    }
    std::string make() {
        std::string pattern = (fs::temp_directory_path() / "gump-plugin-XXXXXX").string();
        if (!mkdtemp(pattern.data())) return {};
        std::lock_guard lock(m_mutex);
        m_dirs.push_back(pattern);
        return pattern;
    }

private:
    std::mutex m_mutex;
    std::vector<std::string> m_dirs;
};

TempDirs& temp_dirs() {
    static TempDirs dirs;
    return dirs;
}

Expected<process::CommandSpec> parse_spec(const char* text, size_t len) {
    boost::system::error_code ec;
    json::value value = json::parse(std::string_view(text ? text : "", len), ec);
    if (ec || !value.is_object()) return Error{"the command request is not a JSON object"};
    const json::object& req = value.as_object();
    process::CommandSpec spec;
    const json::value* argv = req.if_contains("argv");
    if (!argv || !argv->is_array() || argv->as_array().empty())
        return Error{"the command request needs a non-empty \"argv\" array of strings"};
    for (const auto& arg : argv->as_array()) {
        if (!arg.is_string()) return Error{"every \"argv\" entry must be a string"};
        spec.argv.emplace_back(arg.as_string());
    }
    if (auto* v = req.if_contains("cwd"); v && v->is_string()) spec.cwd = v->as_string();
    if (auto* v = req.if_contains("env"); v && v->is_object())
        for (const auto& [k, val] : v->as_object())
            if (val.is_string()) spec.env[std::string(k)] = std::string(val.as_string());
    if (auto* v = req.if_contains("env_remove"); v && v->is_array())
        for (const auto& name : v->as_array())
            if (name.is_string()) spec.env_remove.emplace_back(name.as_string());
    if (auto* v = req.if_contains("timeout_ms"); v && v->is_number())
        spec.timeout_ms = v->to_number<long long>();
    if (auto* v = req.if_contains("grace_ms"); v && v->is_number())
        spec.grace_ms = v->to_number<long long>();
    if (auto* v = req.if_contains("stdout_path"); v && v->is_string())
        spec.stdout_path = v->as_string();
    if (auto* v = req.if_contains("stderr_path"); v && v->is_string())
        spec.stderr_path = v->as_string();
    if (auto* v = req.if_contains("max_capture_bytes"); v && v->is_number())
        spec.max_capture_bytes = v->to_number<size_t>();
    return spec;
}

json::object result_json(const process::CommandResult& r, bool with_stdout) {
    json::object out{{"exit_code", r.exit_code},
                     {"signal", r.signal},
                     {"timed_out", r.timed_out},
                     {"cancelled", r.cancelled},
                     {"duration_ms", r.duration_ms},
                     {"stderr", r.stderr_text},
                     {"stderr_truncated", r.stderr_truncated}};
    if (with_stdout) {
        out["stdout"] = r.stdout_text;
        out["stdout_truncated"] = r.stdout_truncated;
    }
    return out;
}

void log_thunk(void* ctx, gump_log_level level, const char* msg, size_t len) {
    std::string_view text(msg ? msg : "", len);
    const std::string& id = self(ctx).plugin_id();
    switch (level) {
    case GUMP_LOG_DEBUG:
        log::debug("[{}] {}", id, text);
        break;
    case GUMP_LOG_INFO:
        log::info("[{}] {}", id, text);
        break;
    case GUMP_LOG_WARN:
        log::warn("[{}] {}", id, text);
        break;
    default:
        log::error("[{}] {}", id, text);
        break;
    }
}

void emit_thunk(void* ctx, const char* event, size_t len) {
    HostServices& services = self(ctx);
    boost::system::error_code ec;
    json::value value = json::parse(std::string_view(event ? event : "", len), ec);
    if (ec || !value.is_object()) {
        log::warn("[{}] emitted an event that is not a JSON object; ignored", services.plugin_id());
        return;
    }
    if (services.context().on_event)
        services.context().on_event(services.plugin_id(), value.as_object());
    services.tick();
}

int cancelled_thunk(void* ctx) {
    self(ctx).tick();
    return self(ctx).context().cancelled.load() ? 1 : 0;
}

gump_status run_command_thunk(void* ctx, const char* request, size_t len, gump_str* result) {
    auto spec = parse_spec(request, len);
    if (!spec) return hand_back(GUMP_ERR_INVALID_ARGUMENT, spec.error().message, result);
    HostServices& services = self(ctx);
    auto outcome = process::run(*spec, [&services] {
        services.tick();
        return services.context().cancelled.load();
    });
    if (!outcome) return hand_back(GUMP_ERR_FAILED, outcome.error().message, result);
    return hand_back(GUMP_OK, json::serialize(result_json(*outcome, true)), result);
}

gump_status spawn_thunk(void* ctx, const char* request, size_t len, gump_process** out,
                        gump_str* error) {
    auto spec = parse_spec(request, len);
    if (!spec) return hand_back(GUMP_ERR_INVALID_ARGUMENT, spec.error().message, error);
    if (self(ctx).context().cancelled.load())
        return hand_back(GUMP_ERR_CANCELLED, "gump is stopping this operation", error);
    auto child = process::Child::spawn(*spec);
    if (!child) return hand_back(GUMP_ERR_FAILED, child.error().message, error);
    auto* handle = new ProcessHandle{std::move(*child), {}};
    self(ctx).track(handle);
    *out = reinterpret_cast<gump_process*>(handle);
    return GUMP_OK;
}

// Waits in slices so the watchdog runs (and a cancellation kills the group) even while the
// plugin waits forever for a line.
gump_status read_line_thunk(void* ctx, gump_process* process, int32_t timeout_ms, gump_str* line) {
    auto* handle = reinterpret_cast<ProcessHandle*>(process);
    if (!handle) return GUMP_ERR_INVALID_ARGUMENT;
    using Clock = std::chrono::steady_clock;
    auto deadline = timeout_ms < 0 ? Clock::time_point::max()
                                   : Clock::now() + std::chrono::milliseconds(timeout_ms);
    constexpr long long slice_ms = 100;
    process::ReadStatus status;
    for (;;) {
        long long left =
            timeout_ms < 0
                ? slice_ms
                : std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now())
                      .count();
        status = handle->child->read_line(handle->line,
                                          static_cast<int>(std::clamp(left, 0LL, slice_ms)));
        if (status != process::ReadStatus::timeout) break;
        self(ctx).tick();
        if (timeout_ms >= 0 && Clock::now() >= deadline) break;
    }
    *line = {handle->line.data(), status == process::ReadStatus::line ? handle->line.size() : 0};
    switch (status) {
    case process::ReadStatus::line:
        return GUMP_OK;
    case process::ReadStatus::timeout:
        return GUMP_ERR_TIMEOUT;
    case process::ReadStatus::end:
        break;
    }
    return GUMP_END_OF_STREAM;
}

void kill_thunk(void*, gump_process* process, int32_t grace_ms) {
    if (auto* handle = reinterpret_cast<ProcessHandle*>(process)) handle->child->kill(grace_ms);
}

gump_status wait_thunk(void* ctx, gump_process* process, gump_str* result) {
    std::unique_ptr<ProcessHandle> handle(reinterpret_cast<ProcessHandle*>(process));
    if (!handle) return hand_back(GUMP_ERR_INVALID_ARGUMENT, "no process handle", result);
    // Still watched while it ends: limits on time and Ctrl-C hold during a wait too.
    while (!handle->child->wait_for(100))
        self(ctx).tick();
    self(ctx).untrack(handle.get());
    process::CommandResult r = handle->child->wait();
    return hand_back(GUMP_OK, json::serialize(result_json(r, false)), result);
}

gump_status temp_dir_thunk(void*, gump_str* path) {
    std::string dir = temp_dirs().make();
    if (dir.empty()) return hand_back(GUMP_ERR_FAILED, "cannot create a temporary directory", path);
    return hand_back(GUMP_OK, dir, path);
}

gump_status run_workflow_thunk(void* ctx, const char* request, size_t len, gump_str* result) {
    HostServices& services = self(ctx);
    const auto& run = services.context().run_workflow;
    if (!run)
        return hand_back(GUMP_ERR_UNSUPPORTED, "workflows run for a gate only during gump run",
                         result);
    boost::system::error_code ec;
    json::value value = json::parse(std::string_view(request ? request : "", len), ec);
    if (ec || !value.is_object())
        return hand_back(GUMP_ERR_INVALID_ARGUMENT, "the run_workflow request is not a JSON object",
                         result);
    auto answer = run(services.plugin_id(), value.as_object());
    if (!answer)
        return hand_back(answer.error().code ? static_cast<gump_status>(answer.error().code)
                                             : GUMP_ERR_FAILED,
                         answer.error().message, result);
    return hand_back(GUMP_OK, json::serialize(*answer), result);
}

} // namespace

void HostServices::tick() {
    if (m_context->watchdog) m_context->watchdog();
    if (!m_context->cancelled.load()) return;
    std::lock_guard lock(m_mutex);
    for (ProcessHandle* process : m_processes)
        if (!std::exchange(process->killed, true)) process->child->kill(m_context->kill_grace_ms);
}

HostServices::~HostServices() {
    for (ProcessHandle* process : m_processes)
        delete process; // the Child's destructor kills its group
}

void HostServices::track(ProcessHandle* process) {
    std::lock_guard lock(m_mutex);
    m_processes.insert(process);
}

void HostServices::untrack(ProcessHandle* process) {
    std::lock_guard lock(m_mutex);
    m_processes.erase(process);
}

HostServices::HostServices(std::string plugin_id, std::shared_ptr<RunContext> context)
    : m_plugin_id(std::move(plugin_id)),
      m_context(context ? std::move(context) : std::make_shared<RunContext>()) {
    m_table = gump_host{sizeof(gump_host), GUMP_ABI_MAJOR,     GUMP_ABI_MINOR,   this,
                        &log_thunk,        &emit_thunk,        &cancelled_thunk, &run_command_thunk,
                        &spawn_thunk,      &read_line_thunk,   &kill_thunk,      &wait_thunk,
                        &temp_dir_thunk,   &run_workflow_thunk};
}

} // namespace gump::plugin
