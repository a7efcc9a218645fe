#pragma once
// The agent's context file (CLAUDE.md, QWEN.md, ...) exists only while the agent runs, so it never
// reaches a snapshot: a file gump created is removed afterwards; a file the project already has
// gets gump's section appended and is restored byte for byte.
#include "core/expected.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace gump::engine {

class ContextFile {
public:
    // `relative` comes from the agent plugin: it must stay inside the worktree.
    static Expected<ContextFile> place(const std::filesystem::path& worktree,
                                       const std::string& relative, const std::string& text);
    ContextFile(ContextFile&& other) noexcept;
    ContextFile& operator=(ContextFile&&) = delete;
    ~ContextFile() { restore(); }

    void restore();
    const std::filesystem::path& path() const { return m_path; }

private:
    ContextFile() = default;
    std::filesystem::path m_path;
    std::optional<std::string> m_original;           // the project's own bytes
    std::optional<std::filesystem::path> m_made_dir; // a directory gump created for it
    bool m_active = false;
};

} // namespace gump::engine
