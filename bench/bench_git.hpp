#pragma once
// The git program as the benchmarks' floor: started with a bare posix_spawn, so the floor
// carries no supervision of gump's own.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace bench {

// `git -C dir args...`; its exit status. stdout goes to /dev/null (git still formats it, as gump
// still builds its JSON reply); stderr is kept so a failure is visible.
inline int run_git(const std::filesystem::path& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv{"git", "-C", dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (auto& a : argv)
        raw.push_back(a.data());
    raw.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, "git", &actions, nullptr, raw.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start git; install git or put it on PATH");
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

inline void must_git(const std::filesystem::path& dir, const std::vector<std::string>& args) {
    if (run_git(dir, args) != 0)
        throw std::runtime_error("git " + args.front() + " failed in " + dir.string());
}

} // namespace bench
