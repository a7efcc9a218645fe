// gump plugin SDK: the C++ layer over plugin.h, header-only.
//
// A plugin author derives from gump::sdk::Gate, Agent or Vcs, gives the class a static `info`
// and exports it with one macro:
//
//     class MyGate final : public gump::sdk::Gate {
//     public:
//         static constexpr gump::sdk::Info info{"my-gate", "1.0.0", "Checks X", R"({...})"};
//         MyGate(gump::sdk::Host host, const boost::json::object& config);
//         boost::json::object check(const boost::json::object& request) override;
//     };
//     GUMP_PLUGINS(MyGate)
//
// Everything the plugin throws is caught at the line and turned into a status and a message:
// throw gump::sdk::Error(GUMP_ERR_CONFIG, "...") for a precise status, anything else becomes
// GUMP_ERR_INTERNAL with its what().
#pragma once

#include <gump/plugin.h>

#include <boost/json.hpp>

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace gump::sdk {
inline namespace v1 {

namespace json = boost::json;

// An expected failure with the status the host should see.
class Error : public std::runtime_error {
public:
    Error(gump_status status, const std::string& message)
        : std::runtime_error(message), m_status(status) {}
    gump_status status() const noexcept { return m_status; }

private:
    gump_status m_status;
};

struct Info {
    const char* id;
    const char* version;
    const char* description;
    const char* config_schema = nullptr; // JSON Schema text; nullptr: the plugin takes no config
};

inline std::string_view view(gump_str s) {
    return {s.data ? s.data : "", s.size};
}

inline json::object parse_object(std::string_view text, const char* what) {
    boost::system::error_code ec;
    json::value value = json::parse(text, ec);
    if (ec || !value.is_object())
        throw Error(GUMP_ERR_INVALID_ARGUMENT,
                    std::string(what) + " is not a JSON object" + (ec ? ": " + ec.message() : ""));
    return std::move(value.as_object());
}

// A gate's configuration with the request's inline "params" laid over it, for this check only
// (a workflow may write `gates = [{ gate = "test", timeout = "20m" }]`). Throws
// Error(GUMP_ERR_INVALID_ARGUMENT) when "params" is not an object.
inline json::object with_params(const json::object& config, const json::object& request) {
    const json::value* params = request.if_contains("params");
    if (!params) return config;
    if (!params->is_object())
        throw Error(GUMP_ERR_INVALID_ARGUMENT, "the request's \"params\" is not an object");
    json::object merged = config;
    for (const auto& [key, value] : params->as_object())
        merged[key] = value;
    return merged;
}

// A child process started through the host (see gump_host::spawn).
class Process {
public:
    Process(const gump_host* host, gump_process* process) : m_host(host), m_process(process) {}
    Process(Process&& other) noexcept
        : m_host(other.m_host), m_process(std::exchange(other.m_process, nullptr)) {}
    Process& operator=(Process&&) = delete;
    ~Process() {
        if (m_process) {
            m_host->kill(m_host->ctx, m_process, 0);
            gump_str ignored{};
            m_host->wait(m_host->ctx, m_process, &ignored);
        }
    }

    // The next stdout line; GUMP_OK, GUMP_TIMEOUT or GUMP_END_OF_STREAM.
    gump_status read_line(std::string_view& line, int32_t timeout_ms = -1) {
        gump_str out{};
        gump_status status = m_host->read_line(m_host->ctx, m_process, timeout_ms, &out);
        line = view(out);
        return status;
    }
    void kill(int32_t grace_ms = 3000) { m_host->kill(m_host->ctx, m_process, grace_ms); }
    json::object wait() {
        gump_str out{};
        gump_status status = m_host->wait(m_host->ctx, std::exchange(m_process, nullptr), &out);
        if (status != GUMP_OK) throw Error(status, std::string(view(out)));
        return parse_object(view(out), "the host's wait result");
    }

private:
    const gump_host* m_host;
    gump_process* m_process;
};

// The host services, as C++.
class Host {
public:
    explicit Host(const gump_host* host) : m_host(host) {}

    void log(gump_log_level level, std::string_view message) const {
        m_host->log(m_host->ctx, level, message.data(), message.size());
    }
    void debug(std::string_view m) const { log(GUMP_LOG_DEBUG, m); }
    void info(std::string_view m) const { log(GUMP_LOG_INFO, m); }
    void warn(std::string_view m) const { log(GUMP_LOG_WARN, m); }
    void error(std::string_view m) const { log(GUMP_LOG_ERROR, m); }

    void emit(const json::object& event) const {
        std::string text = json::serialize(event);
        m_host->emit(m_host->ctx, text.data(), text.size());
    }
    bool cancelled() const { return m_host->cancelled(m_host->ctx) != 0; }

    json::object run_command(const json::object& request) const {
        std::string text = json::serialize(request);
        gump_str out{};
        gump_status status = m_host->run_command(m_host->ctx, text.data(), text.size(), &out);
        if (status != GUMP_OK) throw Error(status, std::string(view(out)));
        return parse_object(view(out), "the host's run_command result");
    }

    Process spawn(const json::object& request) const {
        std::string text = json::serialize(request);
        gump_process* process = nullptr;
        gump_str error{};
        gump_status status = m_host->spawn(m_host->ctx, text.data(), text.size(), &process, &error);
        if (status != GUMP_OK) throw Error(status, std::string(view(error)));
        return Process(m_host, process);
    }

    std::string temp_dir() const {
        gump_str out{};
        gump_status status = m_host->temp_dir(m_host->ctx, &out);
        if (status != GUMP_OK) throw Error(status, std::string(view(out)));
        return std::string(view(out));
    }

    // ABI 1.1: runs a workflow the gate declared in explain() (see gump_host::run_workflow).
    json::object run_workflow(const json::object& request) const {
        if (m_host->struct_size <
                offsetof(gump_host, run_workflow) + sizeof(m_host->run_workflow) ||
            !m_host->run_workflow)
            throw Error(GUMP_ERR_UNSUPPORTED, "this gump cannot run workflows for a gate");
        std::string text = json::serialize(request);
        gump_str out{};
        gump_status status = m_host->run_workflow(m_host->ctx, text.data(), text.size(), &out);
        if (status != GUMP_OK) throw Error(status, std::string(view(out)));
        return parse_object(view(out), "the host's run_workflow result");
    }

private:
    const gump_host* m_host;
};

class Plugin {
public:
    explicit Plugin(Host host) : m_host(host) {}
    virtual ~Plugin() = default;
    Plugin(const Plugin&) = delete;
    Plugin& operator=(const Plugin&) = delete;

protected:
    const Host& host() const { return m_host; }

private:
    Host m_host;
};

class Gate : public Plugin {
public:
    static constexpr gump_kind kind = GUMP_KIND_GATE;
    using Plugin::Plugin;
    virtual json::object check(const json::object& request) = 0;
    // What check would do, for the dry run and gump doctor (see gump_gate_vtable::explain).
    virtual json::object explain(const json::object& /*request*/) { return {}; }
};

class Agent : public Plugin {
public:
    static constexpr gump_kind kind = GUMP_KIND_AGENT;
    using Plugin::Plugin;
    virtual json::object describe() = 0;
    virtual json::object run(const json::object& request) = 0;
};

// The workspace backend. Operations a backend does not support throw GUMP_ERR_UNSUPPORTED.
class Vcs : public Plugin {
public:
    static constexpr gump_kind kind = GUMP_KIND_VCS;
    using Plugin::Plugin;
    virtual json::object create_workspace(const json::object&) { unsupported("create_workspace"); }
    virtual json::object snapshot(const json::object&) { unsupported("snapshot"); }
    virtual json::object reset(const json::object&) { unsupported("reset"); }
    virtual json::object diff(const json::object&) { unsupported("diff"); }
    virtual json::object changed_files(const json::object&) { unsupported("changed_files"); }
    virtual json::object merge(const json::object&) { unsupported("merge"); }
    virtual json::object remove_workspace(const json::object&) { unsupported("remove_workspace"); }
    virtual json::object list_workspaces(const json::object&) { unsupported("list_workspaces"); }

private:
    [[noreturn]] static void unsupported(const char* what) {
        throw Error(GUMP_ERR_UNSUPPORTED, std::string("this backend does not support ") + what);
    }
};

namespace detail {

template <class T> struct Instance {
    std::unique_ptr<T> plugin;
    std::string out; // what the last call handed back; valid until the next call
};

inline std::string& create_error() {
    thread_local std::string message;
    return message;
}

// Runs `body` and turns every exception into a status and a message stored in `out_text`.
template <class F> gump_status guarded(std::string& out_text, gump_str* out, F&& body) noexcept {
    gump_status status = GUMP_OK;
    try {
        out_text = body();
    } catch (const Error& e) {
        status = e.status();
        out_text = e.what();
    } catch (const std::exception& e) {
        status = GUMP_ERR_INTERNAL;
        out_text = std::string("unexpected error: ") + e.what();
    } catch (...) {
        status = GUMP_ERR_INTERNAL;
        out_text = "unexpected error of an unknown type";
    }
    if (out) *out = gump_str{out_text.data(), out_text.size()};
    return status;
}

template <class T>
gump_status create(const gump_host* host, const char* config, size_t len, void** instance,
                   gump_str* error) noexcept {
    std::string& message = create_error();
    return guarded(message, error, [&]() -> std::string {
        json::object cfg =
            parse_object(std::string_view(config ? config : "{}", len), "the plugin configuration");
        auto box = std::make_unique<Instance<T>>();
        box->plugin = std::make_unique<T>(Host(host), cfg);
        *instance = box.release();
        return {};
    });
}

template <class T> void destroy(void* instance) noexcept {
    delete static_cast<Instance<T>*>(instance);
}

template <class T, auto Method>
gump_status call(void* self, const char* request, size_t len, gump_str* out) noexcept {
    auto* box = static_cast<Instance<T>*>(self);
    return guarded(box->out, out, [&]() -> std::string {
        json::object req =
            parse_object(std::string_view(request ? request : "{}", len), "the request");
        return json::serialize(((*box->plugin).*Method)(req));
    });
}

template <class T>
gump_status call_describe(void* self, const char*, size_t, gump_str* out) noexcept {
    auto* box = static_cast<Instance<T>*>(self);
    return guarded(box->out, out, [&] { return json::serialize(box->plugin->describe()); });
}

template <class T> const void* vtable() {
    if constexpr (T::kind == GUMP_KIND_GATE) {
        static const gump_gate_vtable table{sizeof(gump_gate_vtable), &call<T, &T::check>,
                                            &call<T, &T::explain>};
        return &table;
    } else if constexpr (T::kind == GUMP_KIND_AGENT) {
        static const gump_agent_vtable table{sizeof(gump_agent_vtable), &call_describe<T>,
                                             &call<T, &T::run>};
        return &table;
    } else {
        static const gump_vcs_vtable table{
            sizeof(gump_vcs_vtable),      &call<T, &T::create_workspace>,
            &call<T, &T::snapshot>,       &call<T, &T::reset>,
            &call<T, &T::diff>,           &call<T, &T::changed_files>,
            &call<T, &T::merge>,          &call<T, &T::remove_workspace>,
            &call<T, &T::list_workspaces>};
        return &table;
    }
}

template <class T> const gump_manifest* manifest() {
    static_assert(std::is_base_of_v<Plugin, T>, "a gump plugin derives from Gate, Agent or Vcs");
    static const gump_manifest m{
        sizeof(gump_manifest), T::kind,    T::info.id,  T::info.version, T::info.description,
        T::info.config_schema, &create<T>, &destroy<T>, vtable<T>()};
    return &m;
}

template <class... Ts> const gump_library* library() {
    static const gump_manifest* const list[] = {manifest<Ts>()...};
    static const gump_library lib{sizeof(gump_library), GUMP_ABI_MAJOR, GUMP_ABI_MINOR,
                                  static_cast<uint32_t>(sizeof...(Ts)), list};
    return &lib;
}

} // namespace detail
} // namespace v1
} // namespace gump::sdk

// Exports the library entry for one or more plugin classes. Use it once per library.
#define GUMP_PLUGINS(...)                                                                          \
    extern "C" GUMP_EXPORT const gump_library* GUMP_ENTRY_FUNCTION(void) {                         \
        return ::gump::sdk::detail::library<__VA_ARGS__>();                                        \
    }
