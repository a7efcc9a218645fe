#pragma once
// The workspace backend of a repository: a vcs plugin instance and its operations
// (docs/vcs-contract.md). Results are the plugin's JSON; failures are its one-sentence messages.
#include "core/expected.hpp"
#include "plugin/registry.hpp"

#include <boost/json/object.hpp>

#include <memory>
#include <string>

namespace gump::workspace {

enum class VcsOp {
    create_workspace,
    snapshot,
    reset,
    diff,
    changed_files,
    merge,
    remove_workspace,
    list_workspaces
};

class Backend {
public:
    // Refuses an id that is not an installed vcs plugin, naming the installed ones.
    static Expected<Backend> open(plugin::Registry& registry, const std::string& id);

    const std::string& id() const { return m_instance->info().id; }
    Expected<boost::json::object> call(VcsOp op, const boost::json::object& request);

private:
    explicit Backend(std::unique_ptr<plugin::Instance> instance);
    std::unique_ptr<plugin::Instance> m_instance;
};

} // namespace gump::workspace
