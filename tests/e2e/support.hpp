#pragma once
// Running the real gump binary in scratch directories, with a private HOME so that nothing of
// the machine's own configuration leaks into a test.
#include "process/process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace gump::e2e {

namespace fs = std::filesystem;

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
};

class ScratchDir {
public:
    ScratchDir() {
        std::string pattern = (fs::temp_directory_path() / "gump-e2e-XXXXXX").string();
        m_path = mkdtemp(pattern.data());
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }
    fs::path write(const std::string& relative, const std::string& text) const {
        fs::path file = m_path / relative;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

private:
    fs::path m_path;
};

inline fs::path binary_dir() {
    return GUMP_BINARY_DIR;
}
inline fs::path good_plugins() {
    return binary_dir() / "test-plugins/good";
}
inline fs::path broken_plugins() {
    return binary_dir() / "test-plugins/broken";
}
inline fs::path shadow_plugins() {
    return binary_dir() / "test-plugins/shadow";
}

// A project directory with a private HOME beside it.
class Project {
public:
    Project() {
        fs::create_directories(home());
        fs::create_directories(dir());
    }
    fs::path home() const { return m_scratch.path() / "home"; }
    fs::path dir() const { return m_scratch.path() / "project"; }
    fs::path write(const std::string& relative, const std::string& text) const {
        return m_scratch.write("project/" + relative, text);
    }
    fs::path write_home(const std::string& relative, const std::string& text) const {
        return m_scratch.write("home/" + relative, text);
    }

    Outcome gump(std::vector<std::string> args, std::map<std::string, std::string> env = {},
                 const fs::path& cwd = {}) const {
        process::CommandSpec spec;
        spec.argv = {GUMP_EXE};
        spec.argv.insert(spec.argv.end(), args.begin(), args.end());
        spec.cwd = (cwd.empty() ? dir() : cwd).string();
        spec.env = {{"HOME", home().string()}, {"NO_COLOR", "1"}};
        spec.env_remove = {"XDG_CONFIG_HOME", "GUMP_PLUGIN_PATH", "GUMP_LOG_LEVEL",
                           "GUMP_WORKSPACE_BACKEND"};
        for (auto& [k, v] : env)
            spec.env[k] = v;
        spec.timeout_ms = 60'000;
        auto result = process::run(spec);
        if (!result) {
            ADD_FAILURE() << "cannot run gump: " << result.error().message;
            return {};
        }
        return {result->exit_code, result->stdout_text, result->stderr_text};
    }

private:
    ScratchDir m_scratch;
};

// Every file below `dir`, relative, sorted: to prove a command wrote nothing.
inline std::vector<std::string> tree(const fs::path& dir) {
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        files.push_back(fs::relative(e.path(), dir).string());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace gump::e2e
