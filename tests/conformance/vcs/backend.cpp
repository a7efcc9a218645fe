#include "backend.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace gump::test {

namespace {

// One registry for the whole suite: libraries stay loaded for the life of the process anyway.
plugin::Registry& registry() {
    static plugin::Registry r;
    return r;
}

const plugin::PluginInfo* backend(const std::string& id) {
    if (const auto* found = registry().find(id)) return found;
    fs::path library = fs::path(GUMP_BINARY_DIR) / "plugins" / ("vcs-" + id + ".so");
    if (auto loaded = registry().load_file(library); !loaded) {
        ADD_FAILURE() << "cannot load " << library << ": " << loaded.error().message;
        return nullptr;
    }
    return registry().find(id);
}

} // namespace

void VcsBackend::SetUp() {
    std::string pattern = (fs::temp_directory_path() / "gump-vcs-XXXXXX").string();
    m_root = mkdtemp(pattern.data());
    m_repo = std::make_unique<GitRepo>(m_root / "repo");
    const plugin::PluginInfo* info = backend(GetParam());
    ASSERT_NE(info, nullptr);
    ASSERT_EQ(info->kind, GUMP_KIND_VCS);
    auto instance = registry().create(*info, {});
    ASSERT_TRUE(instance) << instance.error().message;
    m_instance = std::move(*instance);
}

void VcsBackend::TearDown() {
    m_instance.reset();
    std::error_code ec;
    fs::remove_all(m_root, ec);
}

Expected<json::object> VcsBackend::call(VcsSlot slot, const char* name,
                                        const json::object& request) {
    const auto* table = static_cast<const gump_vcs_vtable*>(m_instance->info().manifest->vtable);
    return m_instance->call(table->*slot, name, request);
}

json::object VcsBackend::ok(VcsSlot slot, const char* name, const json::object& request) {
    auto result = call(slot, name, request);
    if (!result) {
        ADD_FAILURE() << name << " failed: " << result.error().message;
        return {};
    }
    return *result;
}

std::string VcsBackend::refused(VcsSlot slot, const char* name, const json::object& request) {
    auto result = call(slot, name, request);
    if (result) {
        ADD_FAILURE() << name
                      << " succeeded but should have been refused: " << json::serialize(*result);
        return {};
    }
    return result.error().message;
}

json::object VcsBackend::create(const std::string& run, bool allow_dirty) {
    return ok(VCS_OP(create_workspace),
              {{"repo", repo_path()}, {"run", run}, {"allow_dirty", allow_dirty}});
}

json::object VcsBackend::snapshot(const std::string& workspace, const std::string& message,
                                  const json::array& exclude) {
    return ok(VCS_OP(snapshot), {{"workspace", workspace},
                                 {"message", message},
                                 {"trailers", {{"Gump-Run", "r1"}, {"Gump-Step", "build/1/impl"}}},
                                 {"exclude", exclude}});
}

fs::path VcsBackend::worktree(const std::string& run) const {
    return m_repo->dir() / ".gump" / "worktrees" / ("run-" + run);
}

std::vector<std::string> strings(const json::value& array) {
    std::vector<std::string> out;
    if (array.is_array())
        for (const auto& v : array.as_array())
            if (v.is_string()) out.emplace_back(v.as_string());
    std::sort(out.begin(), out.end());
    return out;
}

std::map<std::string, std::string> statuses(const json::object& changed) {
    std::map<std::string, std::string> out;
    if (const auto* files = changed.if_contains("files"); files && files->is_array())
        for (const auto& f : files->as_array())
            out[std::string(f.at("path").as_string())] = std::string(f.at("status").as_string());
    return out;
}

std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param;
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

INSTANTIATE_FOR_EVERY_BACKEND(VcsBackend);

} // namespace gump::test
