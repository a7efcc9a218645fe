#pragma once
// Watches one spawned process group until it is done: drains both pipes, applies the timeout,
// the cancellation and the escalation from SIGTERM to SIGKILL, and reaps the child.
//
// The child is observed with WNOWAIT and reaped only at the very end: while it is unreaped its
// pid cannot be reused, so signalling its group can never hit an unrelated process.
#include "process/capture.hpp"
#include "process/fd.hpp"
#include "process/line_buffer.hpp"
#include "process/process.hpp"

#include <sys/types.h>

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace gump::process {

using Clock = std::chrono::steady_clock;

enum class StdoutMode {
    capture, // kept as head + tail, like stderr
    lines,   // split into lines for Child::read_line
    discard, // nobody reads it any more (only its file gets it)
};

class Supervisor {
public:
    static Expected<std::unique_ptr<Supervisor>> start(const CommandSpec& spec, StdoutMode mode);
    ~Supervisor(); // ends the group and reaps the child unless finish() did
    Supervisor(const Supervisor&) = delete;
    Supervisor& operator=(const Supervisor&) = delete;

    // Waits for output, the exit or a deadline, but not past `until`, and handles what happened.
    void pump(Clock::time_point until, const std::function<bool()>* cancelled);
    // Acts on the deadlines that have passed: timeout, cancellation, forced kill, abandoned pipes.
    void enforce(const std::function<bool()>* cancelled);
    void run_to_end(const std::function<bool()>* cancelled);
    // SIGTERM to the group now, SIGKILL once grace_ms have passed (an earlier one stays).
    void terminate(long long grace_ms);
    void set_stdout_mode(StdoutMode mode) { m_mode = mode; }
    // Once done(): ends what the child left running in its group, reaps it, and reports.
    CommandResult finish();

    bool done() const;
    bool stdout_open() const { return m_out_fd.valid(); }
    LineBuffer& lines() { return m_lines; }
    pid_t pid() const { return m_pid; }

private:
    Supervisor(const CommandSpec& spec, StdoutMode mode);
    bool running() const { return !m_exited_at && !m_gave_up; }
    void signal_group(int sig);
    void check_exit();
    void read_from(UniqueFd& fd, bool is_stdout);
    void deliver(bool is_stdout, std::string_view bytes);
    void stop_reading();
    int poll_timeout_ms(Clock::time_point until, bool cancellable) const;
    void reap();

    long long m_timeout_ms;
    long long m_grace_ms;
    StdoutMode m_mode;
    Capture m_out;
    Capture m_err;
    LineBuffer m_lines;

    pid_t m_pid = -1;
    UniqueFd m_out_fd;
    UniqueFd m_err_fd;
    UniqueFd m_pid_fd; // readable once the child exits; absent on kernels without pidfd_open

    Clock::time_point m_started = Clock::now();
    std::optional<Clock::time_point> m_exited_at;
    int m_exit_code = -1;
    int m_signal = 0;
    bool m_timed_out = false;
    bool m_cancelled = false;
    std::optional<Clock::time_point> m_kill_at;    // SIGKILL due
    bool m_killed = false;                         // SIGKILL sent
    std::optional<Clock::time_point> m_abandon_at; // stop reading pipes held by leftovers
    std::optional<Clock::time_point> m_give_up_at; // stop waiting for a child stuck in the kernel
    bool m_gave_up = false;
    bool m_reaped = false;

    std::array<char, 64 * 1024> m_buffer;
};

} // namespace gump::process
