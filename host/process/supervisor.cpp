#include "process/supervisor.hpp"

#include "process/spawn.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <thread>

namespace gump::process {

using std::chrono::milliseconds;

namespace {

// How long output may still trickle in from what the child left running after it exited, and
// from descendants that escaped the group after the SIGKILL; the caller is not held longer.
constexpr milliseconds leftover_window{200};
constexpr milliseconds after_kill_window{100};
// A child that SIGKILL does not end within this is stuck in the kernel; it is reaped in the
// background so that the caller is not held hostage.
constexpr milliseconds stuck_window{1000};
// The longest a read round may take before deadlines and cancellation are looked at again.
constexpr size_t read_budget = 1024 * 1024;
constexpr milliseconds cancellation_poll{50};

UniqueFd open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
    return UniqueFd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
#else
    (void)pid;
    return UniqueFd();
#endif
}

} // namespace

Supervisor::Supervisor(const CommandSpec& spec, StdoutMode mode)
    : m_timeout_ms(spec.timeout_ms), m_grace_ms(std::max(0LL, spec.grace_ms)), m_mode(mode),
      m_out(spec.max_capture_bytes), m_err(spec.max_capture_bytes), m_lines(Child::max_line_bytes) {
}

Expected<std::unique_ptr<Supervisor>> Supervisor::start(const CommandSpec& spec, StdoutMode mode) {
    std::unique_ptr<Supervisor> s(new Supervisor(spec, mode));
    // The files first: a run whose output cannot be kept should not run at all.
    if (!spec.stdout_path.empty())
        if (auto ok = s->m_out.open_file(spec.stdout_path); !ok) return ok.error();
    if (!spec.stderr_path.empty())
        if (auto ok = s->m_err.open_file(spec.stderr_path); !ok) return ok.error();
    auto spawned = spawn_process(spec);
    if (!spawned) return spawned.error();
    s->m_started = Clock::now();
    s->m_pid = spawned->pid;
    s->m_out_fd = std::move(spawned->out);
    s->m_err_fd = std::move(spawned->err);
    s->m_pid_fd = open_pidfd(s->m_pid);
    return s;
}

Supervisor::~Supervisor() {
    if (m_reaped || m_pid <= 0) return;
    signal_group(SIGKILL);
    m_out_fd.reset();
    m_err_fd.reset();
    auto give_up = Clock::now() + stuck_window;
    while (!m_exited_at && Clock::now() < give_up) {
        pollfd fd{m_pid_fd.get(), POLLIN, 0};
        ::poll(&fd, m_pid_fd.valid() ? 1 : 0, m_pid_fd.valid() ? 100 : 2);
        check_exit();
    }
    reap();
}

void Supervisor::signal_group(int sig) {
    if (m_reaped || m_pid <= 0) return;
    ::kill(-m_pid, sig);
}

void Supervisor::terminate(long long grace_ms) {
    if (m_reaped) return;
    signal_group(SIGTERM);
    signal_group(SIGCONT); // a stopped process would not act on SIGTERM
    auto at = Clock::now() + milliseconds(std::max(0LL, grace_ms));
    if (!m_kill_at || at < *m_kill_at) m_kill_at = at;
}

void Supervisor::check_exit() {
    if (m_exited_at || m_reaped) return;
    siginfo_t info{};
    int r;
    do {
        r = ::waitid(P_PID, static_cast<id_t>(m_pid), &info, WEXITED | WNOHANG | WNOWAIT);
    } while (r < 0 && errno == EINTR);
    if (r == 0 && info.si_pid == m_pid) {
        m_exited_at = Clock::now();
        if (info.si_code == CLD_EXITED)
            m_exit_code = info.si_status;
        else
            m_signal = info.si_status;
        m_pid_fd.reset(); // it stays readable from now on
    } else if (r < 0 && errno == ECHILD) {
        // Reaped behind our back (SIGCHLD ignored, or a waitpid(-1) elsewhere in the host): the
        // status is lost, and the pid must not be signalled any more.
        m_exited_at = Clock::now();
        m_reaped = true;
        m_pid_fd.reset();
    }
}

void Supervisor::enforce(const std::function<bool()>* cancelled) {
    auto now = Clock::now();
    if (running() && !m_timed_out && !m_cancelled) {
        if (m_timeout_ms > 0 && now - m_started >= milliseconds(m_timeout_ms)) {
            m_timed_out = true;
            terminate(m_grace_ms);
        } else if (cancelled && *cancelled && (*cancelled)()) {
            m_cancelled = true;
            terminate(m_grace_ms);
        }
        now = Clock::now();
    }
    if (m_kill_at && !m_killed && now >= *m_kill_at) {
        signal_group(SIGKILL);
        m_killed = true;
        auto abandon = now + after_kill_window;
        if (!m_abandon_at || abandon < *m_abandon_at) m_abandon_at = abandon;
        m_give_up_at = now + stuck_window;
    }
    bool pipes_open = m_out_fd.valid() || m_err_fd.valid();
    if (m_exited_at && pipes_open && !m_abandon_at) m_abandon_at = *m_exited_at + leftover_window;
    if (m_abandon_at && pipes_open && now >= *m_abandon_at) stop_reading();
    if (m_give_up_at && running() && now >= *m_give_up_at) m_gave_up = true;
}

void Supervisor::stop_reading() {
    // What is already in the pipes is kept; what leftovers write from now on is not.
    if (m_out_fd.valid()) read_from(m_out_fd, true);
    if (m_err_fd.valid()) read_from(m_err_fd, false);
    m_out_fd.reset();
    m_err_fd.reset();
}

void Supervisor::deliver(bool is_stdout, std::string_view bytes) {
    if (!is_stdout) return m_err.append(bytes);
    switch (m_mode) {
    case StdoutMode::capture:
        m_out.append(bytes);
        break;
    case StdoutMode::lines:
        m_out.append_to_file_only(bytes);
        m_lines.append(bytes);
        break;
    case StdoutMode::discard:
        m_out.append_to_file_only(bytes);
        break;
    }
}

void Supervisor::read_from(UniqueFd& fd, bool is_stdout) {
    size_t total = 0;
    while (fd.valid() && total < read_budget) {
        ssize_t got = ::read(fd.get(), m_buffer.data(), m_buffer.size());
        if (got > 0) {
            deliver(is_stdout, std::string_view(m_buffer.data(), static_cast<size_t>(got)));
            total += static_cast<size_t>(got);
            if (static_cast<size_t>(got) < m_buffer.size()) return; // the pipe is empty now
        } else if (got < 0 && errno == EINTR) {
            continue;
        } else if (got < 0 && errno == EAGAIN) {
            return;
        } else {
            fd.reset(); // end of stream (or a broken pipe: nothing more will come either way)
        }
    }
}

int Supervisor::poll_timeout_ms(Clock::time_point until, bool cancellable) const {
    auto now = Clock::now();
    auto wake = until;
    auto sooner = [&](Clock::time_point t) { wake = std::min(wake, t); };
    if (running() && !m_timed_out && m_timeout_ms > 0)
        sooner(m_started + milliseconds(m_timeout_ms));
    if (m_kill_at && !m_killed) sooner(*m_kill_at);
    if (m_abandon_at) sooner(*m_abandon_at);
    if (m_give_up_at && running()) sooner(*m_give_up_at);
    if (m_exited_at && !m_abandon_at) sooner(*m_exited_at + leftover_window);
    if (cancellable && running() && !m_cancelled) sooner(now + cancellation_poll);
    // Without a pidfd the exit is noticed by polling for it.
    bool pipes_open = m_out_fd.valid() || m_err_fd.valid();
    if (running() && !m_pid_fd.valid()) sooner(now + milliseconds(pipes_open ? 50 : 2));
    if (wake <= now) return 0;
    // Rounded up: waking a little early would only spin.
    auto left = std::chrono::ceil<milliseconds>(wake - now).count();
    return static_cast<int>(std::min<long long>(left, INT_MAX));
}

void Supervisor::pump(Clock::time_point until, const std::function<bool()>* cancelled) {
    enforce(cancelled);
    if (done()) return;
    pollfd fds[3];
    nfds_t n = 0;
    int out_index = -1, err_index = -1;
    if (m_out_fd.valid()) {
        out_index = static_cast<int>(n);
        fds[n++] = {m_out_fd.get(), POLLIN, 0};
    }
    if (m_err_fd.valid()) {
        err_index = static_cast<int>(n);
        fds[n++] = {m_err_fd.get(), POLLIN, 0};
    }
    if (m_pid_fd.valid()) fds[n++] = {m_pid_fd.get(), POLLIN, 0};
    bool cancellable = cancelled && *cancelled;
    int ready = ::poll(fds, n, poll_timeout_ms(until, cancellable));
    if (ready > 0) {
        if (out_index >= 0 && fds[out_index].revents) read_from(m_out_fd, true);
        if (err_index >= 0 && fds[err_index].revents) read_from(m_err_fd, false);
    }
    check_exit();
    enforce(cancelled);
}

void Supervisor::run_to_end(const std::function<bool()>* cancelled) {
    while (!done())
        pump(Clock::time_point::max(), cancelled);
}

bool Supervisor::done() const {
    return !running() && !m_out_fd.valid() && !m_err_fd.valid();
}

void Supervisor::reap() {
    if (m_reaped) return;
    m_reaped = true;
    pid_t pid = m_pid;
    if (!m_exited_at) {
        // Stuck in the kernel even after SIGKILL: whoever waits for it should not be the caller.
        std::thread([pid] {
            int status;
            while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
        }).detach();
        return;
    }
    int status;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
}

CommandResult Supervisor::finish() {
    run_to_end(nullptr);
    // The host owns every process: nothing the child started outlives it in its group.
    signal_group(SIGKILL);
    reap();
    m_out.flush();
    m_err.flush();
    CommandResult r;
    r.exit_code = m_exit_code;
    r.signal = m_gave_up ? SIGKILL : m_signal;
    r.timed_out = m_timed_out;
    r.cancelled = m_cancelled;
    r.duration_ms =
        std::chrono::duration_cast<milliseconds>(m_exited_at.value_or(Clock::now()) - m_started)
            .count();
    if (m_mode == StdoutMode::capture) {
        r.stdout_text = m_out.text();
        r.stdout_truncated = m_out.truncated();
    }
    r.stderr_text = m_err.text();
    r.stderr_truncated = m_err.truncated();
    return r;
}

} // namespace gump::process
