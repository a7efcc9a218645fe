#include "process/spawn.hpp"

#include "process/program_lookup.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace gump::process {

namespace {

// What the child reports through the close-on-exec pipe when it cannot become the program.
struct ChildFailure {
    enum Stage : int { chdir_failed = 1, exec_failed = 2 } stage;
    int error;
};

std::string errno_text(int e) {
    return std::strerror(e);
}

// The child's standard descriptors are dup2'ed from these; a descriptor below 3 would be
// overwritten (or, with dup2(fd, fd), keep its close-on-exec flag) before it is used.
Expected<UniqueFd> above_stdio(int fd) {
    UniqueFd owned(fd);
    if (fd < 0 || fd > 2) return owned;
    int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (moved < 0) return Error{"cannot set up the child's pipes: " + errno_text(errno)};
    return UniqueFd(moved);
}

struct Pipe {
    UniqueFd read;
    UniqueFd write;
};

Expected<Pipe> make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return Error{"cannot create a pipe for the child: " + errno_text(errno)};
    auto read = above_stdio(fds[0]);
    auto write = above_stdio(fds[1]);
    if (!read) return read.error();
    if (!write) return write.error();
    return Pipe{std::move(*read), std::move(*write)};
}

// Runs in the forked child: only async-signal-safe calls, because another thread of the parent
// may have held a lock (malloc's, for one) at the moment of the fork.
[[noreturn]] void become_program(const char* program, char* const* argv, char* const* envp,
                                 const char* cwd, int in_fd, int out_fd, int err_fd,
                                 int report_fd) noexcept {
    // The program should not inherit what the host chose for itself: a blocked signal mask
    // would make the graceful SIGTERM useless, and ignored signals survive exec.
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int sig : {SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGCHLD})
        ::sigaction(sig, &default_action, nullptr);

    ::setpgid(0, 0);
    ::dup2(in_fd, 0);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
#ifdef CLOSE_RANGE_CLOEXEC
    // Descriptors the host (or a library in it) opened without close-on-exec stay with the host.
    ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
#endif

    ChildFailure failure{ChildFailure::chdir_failed, 0};
    if (cwd && ::chdir(cwd) != 0) {
        failure.error = errno;
    } else {
        ::execve(program, argv, envp);
        failure = {ChildFailure::exec_failed, errno};
    }
    ssize_t ignored = ::write(report_fd, &failure, sizeof failure);
    (void)ignored;
    ::_exit(127);
}

Expected<void> check_directory(const CommandSpec& spec) {
    if (spec.cwd.empty()) return {};
    std::error_code ec;
    auto status = std::filesystem::status(spec.cwd, ec);
    std::string where = "cannot run '" + spec.argv[0] + "' in " + spec.cwd + ": ";
    if (status.type() == std::filesystem::file_type::not_found)
        return Error{where + "the directory does not exist"};
    if (ec) return Error{where + ec.message()};
    if (!std::filesystem::is_directory(status)) return Error{where + "it is not a directory"};
    return {};
}

} // namespace

Expected<Spawned> spawn_process(const CommandSpec& spec) {
    if (spec.argv.empty() || spec.argv[0].empty())
        return Error{"no program to run: the command line is empty"};
    if (auto ok = check_directory(spec); !ok) return ok.error();
    std::vector<std::string> env = child_environment(spec);
    auto program = find_program(spec.argv[0], env, spec.cwd);
    if (!program) return program.error();

    // Everything the child needs is prepared before the fork.
    std::vector<char*> argv;
    for (const auto& arg : spec.argv)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& entry : env)
        envp.push_back(const_cast<char*>(entry.c_str()));
    envp.push_back(nullptr);
    const char* cwd = spec.cwd.empty() ? nullptr : spec.cwd.c_str();

    auto out = make_pipe();
    if (!out) return out.error();
    auto err = make_pipe();
    if (!err) return err.error();
    auto report = make_pipe();
    if (!report) return report.error();
    auto devnull = above_stdio(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (!devnull) return devnull.error();
    if (!devnull->valid()) return Error{"cannot open /dev/null: " + errno_text(errno)};

    pid_t pid = ::fork();
    if (pid < 0) return Error{"cannot start '" + spec.argv[0] + "': " + errno_text(errno)};
    if (pid == 0)
        become_program(program->c_str(), argv.data(), envp.data(), cwd, devnull->get(),
                       out->write.get(), err->write.get(), report->write.get());

    // Also here, so that the group exists before anyone signals it, whoever runs first.
    ::setpgid(pid, pid);
    out->write.reset();
    err->write.reset();
    report->write.reset();
    devnull->reset();

    // The report pipe closes on a successful exec; bytes on it mean the program never ran.
    ChildFailure failure{};
    ssize_t got;
    do {
        got = ::read(report->read.get(), &failure, sizeof failure);
    } while (got < 0 && errno == EINTR);
    if (got == static_cast<ssize_t>(sizeof failure)) {
        int status;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (failure.stage == ChildFailure::chdir_failed)
            return Error{"cannot run '" + spec.argv[0] + "' in " + spec.cwd + ": " +
                         errno_text(failure.error)};
        std::string shown = *program == spec.argv[0] ? "" : " (" + *program + ")";
        return Error{"cannot run '" + spec.argv[0] + "'" + shown + ": " +
                     errno_text(failure.error)};
    }
    ::fcntl(out->read.get(), F_SETFL, O_NONBLOCK);
    ::fcntl(err->read.get(), F_SETFL, O_NONBLOCK);
    return Spawned{pid, std::move(out->read), std::move(err->read)};
}

} // namespace gump::process
