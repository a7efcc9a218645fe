#include "cli/run_access.hpp"

#include "workspace/repository.hpp"

#include <fmt/core.h>

namespace gump::cli {

namespace fs = std::filesystem;

Expected<RunAccess> run_access(Session& session, const char* command) {
    auto repo = workspace::find_repository(session.cwd());
    if (!repo)
        return Error{fmt::format("gump {} works on the runs of a git repository, and {} is not "
                                 "inside one; cd into the repository you ran gump in",
                                 command, session.cwd().string())};
    return RunAccess{*repo, runs::RunStore(*repo / ".gump")};
}

Expected<workspace::Backend> backend_for(Session& session, const runs::RunRecord* record) {
    std::string id =
        record && !record->backend.empty() ? record->backend : session.config().workspace_backend();
    return workspace::Backend::open(session.plugins(), id.empty() ? "git" : id);
}

std::string format_bytes(unsigned long long bytes) {
    if (bytes < 1024) return fmt::format("{} B", bytes);
    if (bytes < 1024ull * 1024) return fmt::format("{:.1f} KB", bytes / 1024.0);
    if (bytes < 1024ull * 1024 * 1024) return fmt::format("{:.1f} MB", bytes / 1048576.0);
    return fmt::format("{:.2f} GB", bytes / 1073741824.0);
}

unsigned long long disk_usage(const fs::path& path) {
    std::error_code ec;
    unsigned long long total = 0;
    if (fs::is_regular_file(fs::symlink_status(path, ec))) return fs::file_size(path, ec);
    for (fs::recursive_directory_iterator
             it(path, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && !it->is_symlink(ec)) total += it->file_size(ec);
    return total;
}

} // namespace gump::cli
