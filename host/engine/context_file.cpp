#include "engine/context_file.hpp"

#include <fstream>
#include <sstream>
#include <utility>

namespace gump::engine {

namespace fs = std::filesystem;

Expected<ContextFile> ContextFile::place(const fs::path& worktree, const std::string& relative,
                                         const std::string& text) {
    fs::path rel(relative);
    bool escapes = rel.empty() || rel.is_absolute();
    for (const auto& part : rel)
        escapes = escapes || part == "..";
    if (escapes)
        return Error{"the agent plugin names the context file '" + relative +
                     "', which is not a path inside the worktree; report it to the plugin's "
                     "author"};
    ContextFile file;
    file.m_path = worktree / rel;
    std::error_code ec;
    if (fs::exists(file.m_path, ec)) {
        std::ifstream in(file.m_path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        file.m_original = ss.str();
    } else if (!fs::exists(file.m_path.parent_path(), ec)) {
        // Remember the topmost directory made, to remove it again.
        fs::path top = file.m_path.parent_path();
        while (top.has_relative_path() && !fs::exists(top.parent_path(), ec))
            top = top.parent_path();
        fs::create_directories(file.m_path.parent_path(), ec);
        file.m_made_dir = top;
    }
    std::string body = file.m_original ? *file.m_original + "\n\n<!-- gump: begin -->\n" + text +
                                             "<!-- gump: end -->\n"
                                       : text;
    std::ofstream out(file.m_path, std::ios::binary | std::ios::trunc);
    out << body;
    if (!out) return Error{"cannot write the context file " + file.m_path.string()};
    file.m_active = true;
    return file;
}

ContextFile::ContextFile(ContextFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_original(std::move(other.m_original)),
      m_made_dir(std::move(other.m_made_dir)), m_active(std::exchange(other.m_active, false)) {}

void ContextFile::restore() {
    if (!std::exchange(m_active, false)) return;
    std::error_code ec;
    if (m_original) {
        std::ofstream(m_path, std::ios::binary | std::ios::trunc) << *m_original;
        return;
    }
    fs::remove(m_path, ec);
    if (!m_made_dir) return;
    // Only the directories gump made, and only while empty: the agent may have put files there.
    for (fs::path dir = m_path.parent_path();; dir = dir.parent_path()) {
        if (!fs::is_empty(dir, ec) || !fs::remove(dir, ec) || dir == *m_made_dir) break;
    }
}

} // namespace gump::engine
