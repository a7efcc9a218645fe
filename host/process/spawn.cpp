#include "process/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <vector>

extern char** environ;

namespace gump::process {

namespace {

// SIGPIPE would kill gump when a child closes a pipe gump writes to; errors are handled instead.
struct IgnoreSigpipe {
    IgnoreSigpipe() { ::signal(SIGPIPE, SIG_IGN); }
} ignore_sigpipe;

std::vector<std::string> child_environment(const CommandSpec& spec) {
    std::map<std::string, std::string> env;
    for (char** e = environ; e && *e; ++e) {
        std::string entry(*e);
        size_t eq = entry.find('=');
        if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    for (const auto& name : spec.env_remove)
        env.erase(name);
    for (const auto& [k, v] : spec.env)
        env[k] = v;
    std::vector<std::string> out;
    for (const auto& [k, v] : env)
        out.push_back(k + "=" + v);
    return out;
}

std::string find_program(const std::string& name, const std::vector<std::string>& env) {
    if (name.find('/') != std::string::npos) return name;
    std::string path = "/usr/local/bin:/usr/bin:/bin";
    for (const auto& entry : env)
        if (entry.rfind("PATH=", 0) == 0) path = entry.substr(5);
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find(':', start);
        if (end == std::string::npos) end = path.size();
        std::string dir = path.substr(start, end - start);
        std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
        struct stat st {};
        if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
            ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
        start = end + 1;
    }
    return {};
}

void close_pair(int fds[2]) {
    for (int i = 0; i < 2; ++i)
        if (fds[i] >= 0) ::close(fds[i]);
}

} // namespace

Expected<Spawned> spawn_process(const CommandSpec& spec) {
    if (spec.argv.empty() || spec.argv[0].empty()) return Error{"no program to run"};
    std::vector<std::string> env = child_environment(spec);
    std::string program = find_program(spec.argv[0], env);
    if (program.empty()) return Error{"'" + spec.argv[0] + "' was not found on PATH"};
    if (!spec.cwd.empty() && !std::filesystem::is_directory(spec.cwd))
        return Error{"cannot run '" + spec.argv[0] + "' in " + spec.cwd +
                     ": the directory does not exist"};

    // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
    std::vector<char*> argv;
    for (const auto& a : spec.argv)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : env)
        envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);

    int out[2] = {-1, -1}, err[2] = {-1, -1}, report[2] = {-1, -1};
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0 ||
        ::pipe2(report, O_CLOEXEC) != 0) {
        close_pair(out);
        close_pair(err);
        close_pair(report);
        return Error{std::string("cannot create pipes: ") + std::strerror(errno)};
    }
    int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    const char* cwd = spec.cwd.empty() ? nullptr : spec.cwd.c_str();

    pid_t pid = ::fork();
    if (pid < 0) {
        int e = errno;
        close_pair(out);
        close_pair(err);
        close_pair(report);
        if (devnull >= 0) ::close(devnull);
        return Error{std::string("cannot start a process: ") + std::strerror(e)};
    }
    if (pid == 0) {
        ::setpgid(0, 0);
        ::signal(SIGPIPE, SIG_DFL);
        if (devnull >= 0) ::dup2(devnull, 0);
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        int stage = 0; // 0: chdir, 1: exec
        if (cwd && ::chdir(cwd) != 0) {
            int e[2] = {stage, errno};
            (void)!::write(report[1], e, sizeof e);
            ::_exit(127);
        }
        stage = 1;
        ::execve(program.c_str(), argv.data(), envp.data());
        int e[2] = {stage, errno};
        (void)!::write(report[1], e, sizeof e);
        ::_exit(127);
    }
    ::setpgid(pid, pid); // also here, so the group exists before anyone signals it
    ::close(out[1]);
    ::close(err[1]);
    ::close(report[1]);
    if (devnull >= 0) ::close(devnull);

    int failure[2] = {0, 0};
    ssize_t got;
    do {
        got = ::read(report[0], failure, sizeof failure);
    } while (got < 0 && errno == EINTR);
    ::close(report[0]);
    if (got == sizeof failure) {
        ::close(out[0]);
        ::close(err[0]);
        int status;
        ::waitpid(pid, &status, 0);
        if (failure[0] == 0)
            return Error{"cannot run '" + spec.argv[0] + "' in " + spec.cwd + ": " +
                         std::strerror(failure[1])};
        return Error{"cannot run '" + spec.argv[0] + "': " + std::strerror(failure[1])};
    }
    ::fcntl(out[0], F_SETFL, O_NONBLOCK);
    ::fcntl(err[0], F_SETFL, O_NONBLOCK);
    return Spawned{pid, out[0], err[0]};
}

} // namespace gump::process
