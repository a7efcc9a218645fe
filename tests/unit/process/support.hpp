#pragma once
// Helpers for the process tests: real children through /bin/sh, temporary directories, and the
// checks that nothing was left running or unreaped.
#include "process/process.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace gump::process::test {

namespace fs = std::filesystem;

inline CommandSpec sh(const std::string& script) {
    CommandSpec spec;
    spec.argv = {"sh", "-c", script};
    return spec;
}

class Stopwatch {
public:
    long long ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - m_start)
            .count();
    }

private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gump-process-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A pid a child wrote to `path`; 0 when it did not.
inline pid_t read_pid(const fs::path& path) {
    pid_t pid = 0;
    std::ifstream(path) >> pid;
    return pid;
}

// Running or stopped, but not a zombie: a zombie whose parent is gone is only waiting for init.
inline bool alive(pid_t pid) {
    std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
    size_t paren = stat.rfind(')');
    return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] != 'Z';
}

// Waits a little for `pid` to be gone: a SIGKILLed process takes a moment to disappear.
inline bool ends_soon(pid_t pid) {
    for (int i = 0; i < 100 && alive(pid); ++i)
        ::usleep(10'000);
    return !alive(pid);
}

// Every test ends with no child of the test process left, neither running nor a zombie.
class ProcessTest : public ::testing::Test {
protected:
    void TearDown() override {
        int status;
        pid_t left = ::waitpid(-1, &status, WNOHANG);
        EXPECT_EQ(left, -1) << "a child process was left behind";
        if (left == -1) {
            EXPECT_EQ(errno, ECHILD);
        }
    }
};

} // namespace gump::process::test
