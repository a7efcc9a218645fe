#include "process/process.hpp"

#include "process/capture.hpp"
#include "process/spawn.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace gump::process {

using Clock = std::chrono::steady_clock;

namespace {

long long elapsed_ms(Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count();
}

} // namespace

// One running child: its pipes, what was read, and the escalation from SIGTERM to SIGKILL.
struct Child::State {
    CommandSpec spec;
    Spawned spawned;
    Clock::time_point started = Clock::now();
    Capture out;
    Capture err;
    std::string pending;          // stdout bytes not yet returned as a line (Child only)
    bool discarding_line = false; // the rest of an over-long line is dropped
    bool keep_stdout = true;      // run() keeps stdout; Child hands it out line by line
    bool exited = false;
    int wait_status = 0;
    bool timed_out = false;
    bool cancelled = false;
    std::optional<Clock::time_point> force_kill_at;
    std::optional<Clock::time_point> child_exited_at;

    State(const CommandSpec& s, Spawned sp)
        : spec(s), spawned(sp), out(s.max_capture_bytes, s.stdout_path),
          err(s.max_capture_bytes, s.stderr_path) {}

    ~State() {
        if (!exited) {
            ::killpg(spawned.pid, SIGKILL);
            reap(true);
        } else {
            ::killpg(spawned.pid, SIGKILL); // anything the child left behind in its group
        }
        close_fd(spawned.out_fd);
        close_fd(spawned.err_fd);
    }

    static void close_fd(int& fd) {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }

    void terminate(long long grace_ms) {
        if (exited && spawned.out_fd < 0 && spawned.err_fd < 0) return;
        ::killpg(spawned.pid, SIGTERM);
        auto at = Clock::now() + std::chrono::milliseconds(grace_ms);
        if (!force_kill_at || at < *force_kill_at) force_kill_at = at;
    }

    // Escalates kills that are due and applies the timeout; true while the process matters.
    void enforce_deadlines(const std::function<bool()>* is_cancelled) {
        if (!timed_out && !cancelled) {
            if (spec.timeout_ms > 0 && elapsed_ms(started) >= spec.timeout_ms) {
                timed_out = true;
                terminate(spec.grace_ms);
            } else if (is_cancelled && *is_cancelled && (*is_cancelled)()) {
                cancelled = true;
                terminate(spec.grace_ms);
            }
        }
        if (force_kill_at && Clock::now() >= *force_kill_at) {
            ::killpg(spawned.pid, SIGKILL);
            // The group is dead or dying; pipes held by anything else are abandoned.
            if (exited) {
                close_fd(spawned.out_fd);
                close_fd(spawned.err_fd);
            }
        }
        // The child is gone but something of its group still holds the pipes: give it a moment
        // to flush, then end the group so the caller is not held hostage.
        if (exited && child_exited_at && !force_kill_at &&
            (spawned.out_fd >= 0 || spawned.err_fd >= 0) &&
            Clock::now() - *child_exited_at > std::chrono::milliseconds(200)) {
            ::killpg(spawned.pid, SIGKILL);
            force_kill_at = Clock::now();
        }
    }

    void reap(bool block) {
        if (exited) return;
        int status = 0;
        pid_t r;
        do {
            r = ::waitpid(spawned.pid, &status, block ? 0 : WNOHANG);
        } while (r < 0 && errno == EINTR);
        if (r == spawned.pid) {
            exited = true;
            wait_status = status;
            child_exited_at = Clock::now();
        }
    }

    // One round of waiting for output, at most `timeout_ms` (negative: the poll slice).
    void pump(int timeout_ms) {
        pollfd fds[2];
        int n = 0;
        int out_index = -1, err_index = -1;
        if (spawned.out_fd >= 0) {
            out_index = n;
            fds[n++] = {spawned.out_fd, POLLIN, 0};
        }
        if (spawned.err_fd >= 0) {
            err_index = n;
            fds[n++] = {spawned.err_fd, POLLIN, 0};
        }
        if (n == 0) {
            if (!exited) {
                ::usleep(static_cast<useconds_t>(std::min(timeout_ms, 50)) * 1000);
            }
            reap(false);
            return;
        }
        int ready = ::poll(fds, static_cast<nfds_t>(n), timeout_ms);
        if (ready > 0) {
            if (out_index >= 0 && fds[out_index].revents) drain(spawned.out_fd, true);
            if (err_index >= 0 && fds[err_index].revents) drain(spawned.err_fd, false);
        }
        reap(false);
    }

    void drain(int& fd, bool is_stdout) {
        char buffer[65536];
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && (errno == EINTR || errno == EAGAIN)) return;
        if (got <= 0) {
            close_fd(fd);
            return;
        }
        std::string_view bytes(buffer, static_cast<size_t>(got));
        if (!is_stdout) {
            err.append(bytes);
        } else if (keep_stdout) {
            out.append(bytes);
        } else {
            out.append_to_file_only(bytes);
            pending.append(bytes);
        }
    }

    bool finished() const { return exited && spawned.out_fd < 0 && spawned.err_fd < 0; }

    CommandResult result() {
        CommandResult r;
        if (WIFEXITED(wait_status)) r.exit_code = WEXITSTATUS(wait_status);
        if (WIFSIGNALED(wait_status)) r.signal = WTERMSIG(wait_status);
        r.timed_out = timed_out;
        r.cancelled = cancelled;
        r.duration_ms = elapsed_ms(started);
        r.stdout_text = out.text();
        r.stdout_truncated = out.truncated();
        r.stderr_text = err.text();
        r.stderr_truncated = err.truncated();
        return r;
    }

    void run_to_end(const std::function<bool()>* is_cancelled) {
        while (!finished()) {
            enforce_deadlines(is_cancelled);
            pump(50);
        }
        out.flush();
        err.flush();
    }
};

Expected<CommandResult> run(const CommandSpec& spec, const std::function<bool()>& cancelled) {
    auto spawned = spawn_process(spec);
    if (!spawned) return spawned.error();
    Child::State state(spec, *spawned);
    state.run_to_end(cancelled ? &cancelled : nullptr);
    return state.result();
}

Child::Child(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Child::~Child() = default;

Expected<std::unique_ptr<Child>> Child::spawn(const CommandSpec& spec) {
    auto spawned = spawn_process(spec);
    if (!spawned) return spawned.error();
    auto state = std::make_unique<State>(spec, *spawned);
    state->keep_stdout = false;
    return std::unique_ptr<Child>(new Child(std::move(state)));
}

int Child::pid() const {
    return m_state->spawned.pid;
}

ReadStatus Child::read_line(std::string& line, int timeout_ms) {
    State& s = *m_state;
    auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms);
    for (;;) {
        size_t newline = s.pending.find('\n');
        if (newline != std::string::npos) {
            bool dropped = s.discarding_line;
            s.discarding_line = false;
            if (!dropped) line.assign(s.pending, 0, newline);
            s.pending.erase(0, newline + 1);
            if (!dropped) return ReadStatus::line;
            continue;
        }
        if (s.pending.size() >= max_line_bytes) {
            bool dropped = s.discarding_line;
            if (!dropped) line.assign(s.pending, 0, max_line_bytes);
            s.pending.clear();
            s.discarding_line = true;
            if (!dropped) return ReadStatus::line;
        }
        if (s.spawned.out_fd < 0) {
            if (!s.pending.empty() && !s.discarding_line) {
                line = std::move(s.pending);
                s.pending.clear();
                return ReadStatus::line;
            }
            return ReadStatus::end;
        }
        s.enforce_deadlines(nullptr);
        int slice = 50;
        if (timeout_ms >= 0) {
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) return ReadStatus::timeout;
            slice = static_cast<int>(std::min<long long>(left.count(), 50));
        }
        s.pump(slice);
    }
}

void Child::kill(long long grace_ms) {
    m_state->terminate(grace_ms);
    m_state->enforce_deadlines(nullptr);
}

CommandResult Child::wait() {
    State& s = *m_state;
    s.pending.clear();
    s.discarding_line = false;
    s.keep_stdout = true; // what nobody reads any more stays bounded
    s.run_to_end(nullptr);
    CommandResult r = s.result();
    r.stdout_text.clear();
    return r;
}

} // namespace gump::process
