#pragma once
// Child processes owned by the host: each runs in its own process group with stdin from
// /dev/null, so a timeout or a cancellation terminates the whole group (grandchildren included),
// gracefully first and forcibly after a grace period, without blocking the caller longer than that.
// When the child itself ends, whatever it left running in its group is killed too.
// Thread-safe: distinct runs and Children may be used from different threads at once (one Child
// from one thread at a time). Nothing else in the host may wait for children with waitpid(-1).
#include "core/expected.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gump::process {

struct CommandSpec {
    std::vector<std::string> argv;          // argv[0] is looked up on PATH when it has no '/'
    std::string cwd;                        // empty: the current directory
    std::map<std::string, std::string> env; // set or override
    std::vector<std::string> env_remove;    // removed from the inherited environment
    long long timeout_ms = 0;               // 0: no timeout
    long long grace_ms = 3000;              // between the graceful and the forced kill
    std::string stdout_path;                // when set, every byte of stdout is also written here
    std::string stderr_path;                // likewise for stderr
    size_t max_capture_bytes = 256 * 1024;  // per stream, kept in memory as head + tail
};

struct CommandResult {
    int exit_code = -1; // -1 when killed by a signal
    int signal = 0;
    bool timed_out = false;
    bool cancelled = false;
    long long duration_ms = 0;
    // Bounded: head and tail joined by a "[... N bytes omitted ...]" line. Valid UTF-8 (invalid
    // bytes become U+FFFD), so it can travel as JSON; the files get the bytes as they were.
    std::string stdout_text;
    std::string stderr_text;
    bool stdout_truncated = false;
    bool stderr_truncated = false;
};

// Runs to completion. `cancelled` is polled while waiting; returning true ends the process group.
// An Error only when the process could not be started (the message names the program and why).
Expected<CommandResult> run(const CommandSpec& spec,
                            const std::function<bool()>& cancelled = nullptr);

enum class ReadStatus { line, timeout, end };

// A running process whose stdout is read line by line (agents' JSON streams).
class Child {
public:
    static Expected<std::unique_ptr<Child>> spawn(const CommandSpec& spec);
    ~Child(); // kills the group if still running
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // The next stdout line without its newline; lines longer than max_line_bytes are cut there
    // (the rest of that line is dropped) so one runaway line cannot exhaust memory.
    ReadStatus read_line(std::string& line, int timeout_ms = -1);
    // SIGTERM to the group now, SIGKILL after grace_ms if it is still alive; returns at once.
    void kill(long long grace_ms);
    // Waits up to timeout_ms for the exit, discarding unread output; true once it exited.
    bool wait_for(int timeout_ms);
    // Waits for the exit (honouring the spec's timeout) and returns the result; stdout_text
    // stays empty (it was read line by line).
    CommandResult wait();
    int pid() const;

    static constexpr size_t max_line_bytes = 8 * 1024 * 1024;

private:
    struct State; // shared with run(), which is a Child read to the end
    friend Expected<CommandResult> run(const CommandSpec&, const std::function<bool()>&);
    explicit Child(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace gump::process
