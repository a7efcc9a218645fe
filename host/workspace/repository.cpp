#include "workspace/repository.hpp"

namespace gump::workspace {

namespace fs = std::filesystem;

std::optional<fs::path> find_repository(const fs::path& from) {
    std::error_code ec;
    fs::path dir = fs::weakly_canonical(fs::absolute(from), ec);
    for (; !dir.empty(); dir = dir.parent_path()) {
        if (fs::exists(dir / ".git", ec)) return dir;
        if (dir == dir.root_path()) break;
    }
    return std::nullopt;
}

} // namespace gump::workspace
