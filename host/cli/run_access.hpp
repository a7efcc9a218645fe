#pragma once
// What the commands that act on finished runs (apply, gc) share: the repository they are in,
// its run store, and the workspace backend a run was made with.
#include "cli/session.hpp"
#include "runs/store.hpp"
#include "workspace/backend.hpp"

#include <filesystem>
#include <optional>

namespace gump::cli {

struct RunAccess {
    std::filesystem::path repo;
    runs::RunStore store;
};

// The message says the command needs a git repository; `command` is "apply" or "gc".
Expected<RunAccess> run_access(Session& session, const char* command);

// The backend that made `record` (its own, or the configured one for records without).
Expected<workspace::Backend> backend_for(Session& session, const runs::RunRecord* record);

// "12.3 MB"
std::string format_bytes(unsigned long long bytes);
// The bytes of the files below `path` (0 when it does not exist).
unsigned long long disk_usage(const std::filesystem::path& path);

} // namespace gump::cli
