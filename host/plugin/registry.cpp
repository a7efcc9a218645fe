#include "plugin/registry.hpp"

#include "log/log.hpp"

#include <boost/dll/library_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <boost/json.hpp>

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <regex>
#include <set>

namespace gump::plugin {
namespace fs = std::filesystem;
namespace json = boost::json;
namespace dll = boost::dll;

const char* kind_name(gump_kind kind) {
    switch (kind) {
    case GUMP_KIND_AGENT:
        return "agent";
    case GUMP_KIND_GATE:
        return "gate";
    case GUMP_KIND_VCS:
        return "vcs";
    }
    return "unknown";
}

namespace {

std::string abi_text(int major, int minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

// The ABI majors whose entry symbol the library exports, read from the ELF file without
// loading it (so no code of a library we refuse ever runs).
Expected<std::vector<int>> exported_majors(const fs::path& path) {
    std::vector<std::string> symbols;
    try {
        dll::library_info info(path);
        symbols = info.symbols();
    } catch (const std::exception&) {
        return Error{"is not a shared library (not an ELF file this system can load); remove it "
                     "from the plugin directory"};
    }
    std::vector<int> majors;
    const std::string prefix = GUMP_ENTRY_PREFIX;
    for (const auto& s : symbols)
        if (s.rfind(prefix, 0) == 0 && s.size() > prefix.size() && s.size() < prefix.size() + 6 &&
            std::all_of(s.begin() + static_cast<long>(prefix.size()), s.end(), ::isdigit))
            majors.push_back(std::stoi(s.substr(prefix.size())));
    return majors;
}

// Boost.DLL wraps dlerror()'s text in its own; keep only what the dynamic loader said.
std::string loader_message(std::string what) {
    const std::string marker = "dlerror system message: ";
    size_t start = what.find(marker);
    if (start == std::string::npos) return what;
    start += marker.size();
    size_t end = what.find(')', start);
    return what.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

Expected<void> check_vtable(const gump_manifest& m) {
    auto need = [](bool ok, const char* what) -> Expected<void> {
        if (ok) return {};
        return Error{std::string("its function table has no ") + what};
    };
    switch (m.kind) {
    case GUMP_KIND_GATE: {
        auto* t = static_cast<const gump_gate_vtable*>(m.vtable);
        if (t->struct_size < offsetof(gump_gate_vtable, explain))
            return Error{"its gate function table is smaller than ABI 1.0's"};
        return need(t->check != nullptr, "check function");
    }
    case GUMP_KIND_AGENT: {
        auto* t = static_cast<const gump_agent_vtable*>(m.vtable);
        if (t->struct_size < sizeof(gump_agent_vtable))
            return Error{"its agent function table is smaller than ABI 1.0's"};
        if (auto ok = need(t->describe != nullptr, "describe function"); !ok) return ok;
        return need(t->run != nullptr, "run function");
    }
    case GUMP_KIND_VCS: {
        auto* t = static_cast<const gump_vcs_vtable*>(m.vtable);
        if (t->struct_size < sizeof(gump_vcs_vtable))
            return Error{"its vcs function table is smaller than ABI 1.0's"};
        return {};
    }
    }
    return Error{"its kind " + std::to_string(static_cast<int>(m.kind)) +
                 " is none of agent (1), gate (2) or vcs (3)"};
}

Expected<PluginInfo> check_manifest(const gump_manifest* m, const fs::path& path, int minor) {
    if (!m) return Error{"its plugin list holds a null manifest"};
    if (m->struct_size < sizeof(gump_manifest))
        return Error{"its manifest is smaller than ABI 1.0's (struct_size " +
                     std::to_string(m->struct_size) + ")"};
    static const std::regex id_pattern("[a-z0-9][a-z0-9._-]*");
    if (!m->id || !std::regex_match(m->id, id_pattern))
        return Error{std::string("its id '") + (m->id ? m->id : "(null)") +
                     "' is not lower-case letters, digits, '.', '_' or '-'"};
    std::string id = m->id;
    if (!m->version || !*m->version) return Error{"plugin '" + id + "' has no version"};
    if (!m->create || !m->destroy)
        return Error{"plugin '" + id + "' lacks its create or destroy function"};
    if (!m->vtable) return Error{"plugin '" + id + "' has no function table"};
    if (auto ok = check_vtable(*m); !ok) return Error{"plugin '" + id + "': " + ok.error().message};
    PluginInfo info{id, m->kind, m->version,     m->description ? m->description : "",
                    {}, path,    GUMP_ABI_MAJOR, minor,
                    m};
    if (m->config_schema) {
        boost::system::error_code ec;
        json::value schema = json::parse(m->config_schema, ec);
        if (ec || !schema.is_object())
            return Error{"plugin '" + id +
                         "' has a configuration schema that is not a JSON object" +
                         (ec ? " (" + ec.message() + ")" : std::string())};
        info.config_schema = m->config_schema;
    }
    return info;
}

} // namespace

struct Registry::Impl {
    std::vector<std::shared_ptr<dll::shared_library>> libraries; // kept for the process's life
    std::set<fs::path> loaded_paths;
    std::vector<PluginInfo> plugins;
    std::vector<Refusal> refusals;
    std::vector<Shadowed> shadowed;

    Expected<void> refuse(const fs::path& path, std::string reason) {
        refusals.push_back({path, reason});
        return Error{path.string() + " " + reason};
    }
};

Registry::Registry() : m_impl(std::make_unique<Impl>()) {}
Registry::~Registry() = default;
Registry::Registry(Registry&&) noexcept = default;
Registry& Registry::operator=(Registry&&) noexcept = default;

const std::vector<PluginInfo>& Registry::plugins() const {
    return m_impl->plugins;
}
const std::vector<Refusal>& Registry::refusals() const {
    return m_impl->refusals;
}
const std::vector<Shadowed>& Registry::shadowed() const {
    return m_impl->shadowed;
}

const PluginInfo* Registry::find(std::string_view id) const {
    for (const auto& p : m_impl->plugins)
        if (p.id == id) return &p;
    return nullptr;
}

void Registry::discover(const std::vector<fs::path>& dirs) {
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(dir, ec))
            if (entry.path().extension() == ".so") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files)
            (void)load_file(file);
    }
}

Expected<void> Registry::load_file(const fs::path& given) {
    std::error_code ec;
    fs::path path = fs::weakly_canonical(fs::absolute(given), ec);
    if (ec) path = given;
    if (m_impl->loaded_paths.count(path)) return {};
    if (!fs::exists(path)) return m_impl->refuse(path, "does not exist");
    if (!fs::is_regular_file(path))
        return m_impl->refuse(path, "is not a regular file; name a plugin's .so file");

    auto majors = exported_majors(path);
    if (!majors) return m_impl->refuse(path, majors.error().message);
    if (majors->empty())
        return m_impl->refuse(path, "has no " GUMP_ENTRY_SYMBOL
                                    " symbol, so it is not a gump plugin (a plugin exports it "
                                    "with GUMP_PLUGINS(...) from <gump/sdk.hpp>)");
    if (std::find(majors->begin(), majors->end(), GUMP_ABI_MAJOR) == majors->end())
        return m_impl->refuse(
            path, "was built against gump plugin ABI " + std::to_string(majors->front()) +
                      ".x but this gump speaks ABI " + abi_text(GUMP_ABI_MAJOR, GUMP_ABI_MINOR) +
                      "; rebuild the plugin against this gump's SDK");

    auto library = std::make_shared<dll::shared_library>();
    try {
        auto mode = static_cast<dll::load_mode::type>(dll::load_mode::rtld_now |
                                                      dll::load_mode::rtld_local | RTLD_NODELETE);
        library->load(path, mode);
    } catch (const std::exception& e) {
        return m_impl->refuse(path, "cannot be loaded: " + loader_message(e.what()) +
                                        "; check its dependencies with ldd");
    }
    auto entry = library->get<const gump_library*()>(GUMP_ENTRY_SYMBOL);
    const gump_library* lib = nullptr;
    try {
        lib = entry();
    } catch (...) {
        return m_impl->refuse(path, "threw an exception from " GUMP_ENTRY_SYMBOL);
    }
    if (!lib || lib->struct_size < sizeof(gump_library) || !lib->plugins || lib->plugin_count == 0)
        return m_impl->refuse(path, "returned an invalid plugin list from " GUMP_ENTRY_SYMBOL
                                    "; rebuild it with GUMP_PLUGINS(...) from <gump/sdk.hpp>");
    if (lib->abi_major != GUMP_ABI_MAJOR)
        return m_impl->refuse(
            path, "declares plugin ABI " + abi_text(lib->abi_major, lib->abi_minor) +
                      " but this gump speaks ABI " + abi_text(GUMP_ABI_MAJOR, GUMP_ABI_MINOR) +
                      "; rebuild the plugin against this gump's SDK");
    if (lib->abi_minor > GUMP_ABI_MINOR)
        return m_impl->refuse(
            path, "was built against gump plugin ABI " + abi_text(lib->abi_major, lib->abi_minor) +
                      ", newer than this gump's " + abi_text(GUMP_ABI_MAJOR, GUMP_ABI_MINOR) +
                      "; update gump, or rebuild the plugin against SDK " +
                      abi_text(GUMP_ABI_MAJOR, GUMP_ABI_MINOR));

    std::vector<PluginInfo> found;
    for (uint32_t i = 0; i < lib->plugin_count; ++i) {
        auto info = check_manifest(lib->plugins[i], path, lib->abi_minor);
        if (!info) return m_impl->refuse(path, "has an invalid manifest: " + info.error().message);
        found.push_back(std::move(*info));
    }
    m_impl->libraries.push_back(library);
    m_impl->loaded_paths.insert(path);
    for (auto& info : found) {
        if (const PluginInfo* winner = find(info.id)) {
            m_impl->shadowed.push_back({info, winner->path});
            continue;
        }
        m_impl->plugins.push_back(std::move(info));
    }
    return {};
}

Expected<json::object> Registry::describe_agent(const PluginInfo& plugin,
                                                const json::object& config) const {
    auto instance = create(plugin, config);
    if (!instance) return instance.error();
    return (*instance)->agent_describe();
}

Expected<std::unique_ptr<Instance>> Registry::create(const PluginInfo& plugin,
                                                     const json::object& config,
                                                     std::shared_ptr<RunContext> context) const {
    auto services = std::make_unique<HostServices>(plugin.id, std::move(context));
    std::string text = json::serialize(config);
    void* handle = nullptr;
    gump_str error{};
    gump_status status =
        plugin.manifest->create(services->table(), text.data(), text.size(), &handle, &error);
    if (status != GUMP_OK || !handle) {
        std::string message(error.data ? error.data : "", error.size);
        return Error{"plugin '" + plugin.id + "' refused its configuration: " +
                     (message.empty() ? "no reason given" : message)};
    }
    return std::make_unique<Instance>(plugin, handle, std::move(services));
}

Instance::Instance(const PluginInfo& info, void* handle, std::unique_ptr<HostServices> services)
    : m_info(info), m_services(std::move(services)), m_handle(handle) {}

Instance::~Instance() {
    m_info.manifest->destroy(m_handle);
}

Expected<json::object> Instance::call(gump_call_fn fn, const char* operation,
                                      const json::object& request) {
    if (!fn) return Error{"plugin '" + m_info.id + "' does not implement " + operation};
    std::string text = json::serialize(request);
    gump_str out{};
    gump_status status = fn(m_handle, text.data(), text.size(), &out);
    std::string reply(out.data ? out.data : "", out.size);
    if (status != GUMP_OK)
        return Error{"plugin '" + m_info.id + "' failed in " + operation + ": " +
                         (reply.empty() ? "no reason given" : reply),
                     static_cast<int>(status)};
    boost::system::error_code ec;
    json::value value = json::parse(reply, ec);
    if (ec || !value.is_object())
        return Error{"plugin '" + m_info.id + "' answered " + operation +
                     " with something that is not a JSON object"};
    return std::move(value.as_object());
}

Expected<json::object> Instance::gate_check(const json::object& request) {
    if (m_info.kind != GUMP_KIND_GATE) return Error{"plugin '" + m_info.id + "' is not a gate"};
    return call(static_cast<const gump_gate_vtable*>(m_info.manifest->vtable)->check, "check",
                request);
}

Expected<json::object> Instance::gate_explain(const json::object& request) {
    if (m_info.kind != GUMP_KIND_GATE) return Error{"plugin '" + m_info.id + "' is not a gate"};
    auto* table = static_cast<const gump_gate_vtable*>(m_info.manifest->vtable);
    // A 1.0 table ends before the slot: that gate has nothing to explain.
    if (table->struct_size < offsetof(gump_gate_vtable, explain) + sizeof(table->explain) ||
        !table->explain)
        return json::object{};
    return call(table->explain, "explain", request);
}

Expected<json::object> Instance::agent_describe() {
    if (m_info.kind != GUMP_KIND_AGENT) return Error{"plugin '" + m_info.id + "' is not an agent"};
    return call(static_cast<const gump_agent_vtable*>(m_info.manifest->vtable)->describe,
                "describe", {});
}

Expected<json::object> Instance::agent_run(const json::object& request) {
    if (m_info.kind != GUMP_KIND_AGENT) return Error{"plugin '" + m_info.id + "' is not an agent"};
    return call(static_cast<const gump_agent_vtable*>(m_info.manifest->vtable)->run, "run",
                request);
}

std::vector<fs::path> plugin_search_path(const std::vector<std::string>& config_dirs) {
    std::vector<fs::path> dirs(config_dirs.begin(), config_dirs.end());
    if (const char* home = std::getenv("HOME"); home && *home)
        dirs.push_back(fs::path(home) / ".local/lib/gump/plugins");
    std::error_code ec;
    fs::path exe_dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
    if (!ec) {
        dirs.push_back(exe_dir.parent_path() / GUMP_INSTALL_PLUGIN_DIR);
        // Running from a build tree: its freshly built plugins.
        if (fs::exists(exe_dir / "CMakeCache.txt")) dirs.push_back(exe_dir / "plugins");
    }
    return dirs;
}

} // namespace gump::plugin
