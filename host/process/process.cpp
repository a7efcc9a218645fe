#include "process/process.hpp"

#include "process/supervisor.hpp"

namespace gump::process {

struct Child::State {
    std::unique_ptr<Supervisor> supervisor;
    std::optional<CommandResult> result; // once wait() returned
};

Expected<CommandResult> run(const CommandSpec& spec, const std::function<bool()>& cancelled) {
    auto supervisor = Supervisor::start(spec, StdoutMode::capture);
    if (!supervisor) return supervisor.error();
    (*supervisor)->run_to_end(cancelled ? &cancelled : nullptr);
    return (*supervisor)->finish();
}

Child::Child(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Child::~Child() = default;

Expected<std::unique_ptr<Child>> Child::spawn(const CommandSpec& spec) {
    auto supervisor = Supervisor::start(spec, StdoutMode::lines);
    if (!supervisor) return supervisor.error();
    auto state = std::make_unique<State>();
    state->supervisor = std::move(*supervisor);
    return std::unique_ptr<Child>(new Child(std::move(state)));
}

int Child::pid() const {
    return m_state->supervisor->pid();
}

ReadStatus Child::read_line(std::string& line, int timeout_ms) {
    if (m_state->result) return ReadStatus::end;
    Supervisor& s = *m_state->supervisor;
    auto deadline = timeout_ms < 0 ? Clock::time_point::max()
                                   : Clock::now() + std::chrono::milliseconds(timeout_ms);
    // Even a zero timeout looks at the pipes once.
    for (bool looked = false;; looked = true) {
        // The timeout holds even for a child whose lines are never short of being ready.
        s.enforce(nullptr);
        if (s.lines().next(line)) return ReadStatus::line;
        if (!s.stdout_open()) return s.lines().finish(line) ? ReadStatus::line : ReadStatus::end;
        if (looked && Clock::now() >= deadline) return ReadStatus::timeout;
        s.pump(deadline, nullptr);
    }
}

void Child::kill(long long grace_ms) {
    if (m_state->result) return;
    m_state->supervisor->terminate(grace_ms);
    m_state->supervisor->enforce(nullptr); // a zero grace kills now
}

bool Child::wait_for(int timeout_ms) {
    if (m_state->result) return true;
    Supervisor& s = *m_state->supervisor;
    s.set_stdout_mode(StdoutMode::discard); // unread output must not pile up in memory
    s.lines().clear();
    auto until = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!s.done() && Clock::now() < until)
        s.pump(until, nullptr);
    return s.done();
}

CommandResult Child::wait() {
    if (!m_state->result) {
        Supervisor& s = *m_state->supervisor;
        s.set_stdout_mode(StdoutMode::discard); // unread output must not pile up in memory
        s.lines().clear();
        m_state->result = s.finish();
    }
    return *m_state->result;
}

} // namespace gump::process
