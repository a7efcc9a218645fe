#pragma once
// The tests-found gate's test fixture: temporary worktrees for the shared gate harness.
#include "gate_harness.hpp"

namespace {

// ---- a temporary worktree --------------------------------------------------------------------

class Worktree {
public:
    Worktree() {
        static int counter = 0;
        m_dir = fs::temp_directory_path() / ("tests-found-gate-test-" + std::to_string(::getpid()) +
                                             "-" + std::to_string(++counter));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    ~Worktree() { fs::remove_all(m_dir); }
    std::string dir() const { return m_dir.string(); }
    void write(const std::string& path, const std::string& text) {
        fs::path file = m_dir / path;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
    }

private:
    fs::path m_dir;
};

json::object request(const Worktree& tree, json::array changed, json::object params = {}) {
    return {{"worktree", tree.dir()},
            {"gate", "tests-found"},
            {"step", "build/1/impl"},
            {"params", std::move(params)},
            {"base", "a"},
            {"head", "b"},
            {"changed_files", std::move(changed)},
            {"artifacts_dir", tree.dir()}};
}

} // namespace
