#include "workspace/backend.hpp"

#include "core/text.hpp"

namespace gump::workspace {

namespace {

struct Slot {
    gump_call_fn gump_vcs_vtable::*fn;
    const char* name;
};

Slot slot_of(VcsOp op) {
    switch (op) {
    case VcsOp::create_workspace:
        return {&gump_vcs_vtable::create_workspace, "create_workspace"};
    case VcsOp::snapshot:
        return {&gump_vcs_vtable::snapshot, "snapshot"};
    case VcsOp::reset:
        return {&gump_vcs_vtable::reset, "reset"};
    case VcsOp::diff:
        return {&gump_vcs_vtable::diff, "diff"};
    case VcsOp::changed_files:
        return {&gump_vcs_vtable::changed_files, "changed_files"};
    case VcsOp::merge:
        return {&gump_vcs_vtable::merge, "merge"};
    case VcsOp::remove_workspace:
        return {&gump_vcs_vtable::remove_workspace, "remove_workspace"};
    case VcsOp::list_workspaces:
        break;
    }
    return {&gump_vcs_vtable::list_workspaces, "list_workspaces"};
}

} // namespace

Backend::Backend(std::unique_ptr<plugin::Instance> instance) : m_instance(std::move(instance)) {}

Expected<Backend> Backend::open(plugin::Registry& registry, const std::string& id) {
    const plugin::PluginInfo* info = registry.find(id);
    if (!info || info->kind != GUMP_KIND_VCS) {
        std::vector<std::string> installed;
        for (const auto& p : registry.plugins())
            if (p.kind == GUMP_KIND_VCS) installed.push_back(p.id);
        return Error{"the workspace backend '" + id + "' is not an installed vcs plugin" +
                     did_you_mean(id, installed) + "; set [workspace] backend to one of: " +
                     (installed.empty() ? std::string("(none installed)") : join(installed, ", "))};
    }
    auto instance = registry.create(*info, {});
    if (!instance) return instance.error();
    return Backend(std::move(*instance));
}

Expected<boost::json::object> Backend::call(VcsOp op, const boost::json::object& request) {
    Slot slot = slot_of(op);
    const auto* table = static_cast<const gump_vcs_vtable*>(m_instance->info().manifest->vtable);
    return m_instance->call(table->*slot.fn, slot.name, request);
}

} // namespace gump::workspace
