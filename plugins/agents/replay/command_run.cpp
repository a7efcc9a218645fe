#include "command_run.hpp"

#include "attempt.hpp"
#include "relay.hpp"

#include <filesystem>
#include <optional>

namespace replay {

namespace json = boost::json;

namespace {

// Short reads, so a cancellation is noticed between the lines of a quiet command.
constexpr int32_t read_timeout_ms = 100;

long long number_of(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_int64() ? v->as_int64() : 0;
}

class CommandPlayer {
public:
    // No stream file of our own: the host writes the command's stdout there, byte for byte.
    CommandPlayer(const gump::sdk::Host& host, const Entry& entry, const RunRequest& request)
        : m_attempt(host, entry, request, ""), m_entry(entry), m_request(request) {}

    Outcome run() {
        Outcome& out = m_attempt.outcome();
        if (m_attempt.stopped()) return out;
        m_attempt.emit({{"type", "session"}, {"id", out.session}});
        for (const FileOp& op : m_entry.ops)
            if (!m_attempt.play_op(op)) return out;
        if (m_attempt.stopped()) return out;
        std::optional<gump::sdk::Process> process;
        try {
            process.emplace(m_attempt.host().spawn(spawn_request()));
        } catch (const gump::sdk::Error& e) {
            if (m_attempt.stopped()) return out;
            m_attempt.fail({"config", "the replay command " + m_entry.command->argv.front() +
                                          " could not start: " + e.what() +
                                          "; fix [step.command] argv of the entry at " +
                                          m_entry.where});
            return out;
        }
        bool cancelled = relay(*process);
        json::object exit = process->wait();
        return finish(cancelled || m_attempt.host().cancelled(), exit);
    }

private:
    json::object spawn_request() const {
        json::array argv;
        for (const auto& arg : m_entry.command->argv)
            argv.emplace_back(arg);
        json::object env;
        for (const auto& [name, value] : m_entry.command->env)
            env[name] = value;
        json::object spawn{{"argv", std::move(argv)}, {"cwd", m_request.worktree}, {"env", env}};
        if (std::string path = stream_path(m_request.artifacts_dir); !path.empty()) {
            spawn["stdout_path"] = path;
            spawn["stderr_path"] =
                (std::filesystem::path(m_request.artifacts_dir) / "stderr.log").string();
        }
        return spawn;
    }

    // Relays event lines until the end of the stream. When gump cancels, the host has already
    // ended the process group, so the stream ends soon; reading on keeps the last events.
    // Returns whether gump cancelled meanwhile.
    bool relay(gump::sdk::Process& process) {
        bool cancelled = false;
        std::string_view line;
        for (;;) {
            cancelled = cancelled || m_attempt.host().cancelled();
            gump_status status = process.read_line(line, read_timeout_ms);
            if (status == GUMP_ERR_TIMEOUT) continue;
            if (status != GUMP_OK) break;
            if (auto event = event_of_line(line)) {
                m_attempt.host().emit(*event);
                m_relayed.note(*event);
            }
        }
        return cancelled;
    }

    Outcome finish(bool cancelled, const json::object& exit) {
        Outcome& out = m_attempt.outcome();
        if (!m_relayed.session.empty()) out.session = m_relayed.session;
        out.text = m_relayed.text.empty() ? m_entry.text : m_relayed.text;
        out.turns = m_relayed.turns;
        out.usage = m_relayed.usage;
        if (cancelled) {
            m_attempt.fail(stopped_failure());
        } else if (m_relayed.has_result) {
            if (!m_relayed.result_success)
                m_attempt.fail(m_relayed.result_failure.value_or(
                    Failure{"agent", "the replay command reported a failure"}));
        } else if (long long code = number_of(exit, "exit_code"); code != 0) {
            long long signal = number_of(exit, "signal");
            m_attempt.fail(signal != 0 ? Failure{"crash", "the replay command was killed by "
                                                          "signal " +
                                                              std::to_string(signal)}
                                       : Failure{"agent", "the replay command exited with status " +
                                                              std::to_string(code) +
                                                              " without printing a result event"});
        }
        return out;
    }

    Attempt m_attempt;
    const Entry& m_entry;
    const RunRequest& m_request;
    Relayed m_relayed;
};

} // namespace

json::object run_command_entry(const gump::sdk::Host& host, const Entry& entry,
                               const RunRequest& request) {
    return outcome_json(CommandPlayer(host, entry, request).run());
}

} // namespace replay
