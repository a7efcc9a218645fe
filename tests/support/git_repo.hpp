#pragma once
// A scratch git repository driven with the real git program, for tests that check what gump
// did to a repository the way a user would: `git log`, `git status`, `git worktree list`.
#include "process/process.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gump::test {

namespace fs = std::filesystem;

struct GitOutput {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs git in `dir`; trailing whitespace of stdout is trimmed.
inline GitOutput git_in(const fs::path& dir, const std::vector<std::string>& args) {
    process::CommandSpec spec;
    spec.argv = {"git"};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.cwd = dir.string();
    spec.timeout_ms = 60'000;
    auto result = process::run(spec);
    if (!result) {
        ADD_FAILURE() << "cannot run git: " << result.error().message;
        return {};
    }
    std::string out = result->stdout_text;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
        out.pop_back();
    return {result->exit_code, out, result->stderr_text};
}

inline std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

class GitRepo {
public:
    // A repository with a local identity and one commit holding `README.md`.
    explicit GitRepo(const fs::path& dir, bool with_identity = true) : m_dir(dir) {
        fs::create_directories(m_dir);
        git({"init", "-q", "-b", "main"});
        if (with_identity) {
            git({"config", "user.name", "Test User"});
            git({"config", "user.email", "test@example.com"});
        }
        write("README.md", "# project\n");
        commit_all("initial", with_identity);
    }

    const fs::path& dir() const { return m_dir; }

    // git in the repository; a non-zero exit is a test failure unless `may_fail`.
    std::string git(const std::vector<std::string>& args, bool may_fail = false) const {
        GitOutput r = git_in(m_dir, args);
        if (r.exit_code != 0 && !may_fail)
            ADD_FAILURE() << "git " << args.front() << " failed: " << r.err;
        return r.out;
    }

    fs::path write(const std::string& relative, const std::string& text) const {
        fs::path file = m_dir / relative;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }
    std::string read(const std::string& relative) const { return read_file(m_dir / relative); }

    // `git add -A && git commit`; returns the new HEAD.
    std::string commit_all(const std::string& message, bool with_identity = true) const {
        git({"add", "-A"});
        if (with_identity)
            git({"commit", "-q", "-m", message});
        else
            git({"-c", "user.name=Setup", "-c", "user.email=setup@example.com", "commit", "-q",
                 "-m", message});
        return head();
    }
    std::string head() const { return git({"rev-parse", "HEAD"}); }
    std::string status() const { return git({"status", "--porcelain"}); }

private:
    fs::path m_dir;
};

} // namespace gump::test
