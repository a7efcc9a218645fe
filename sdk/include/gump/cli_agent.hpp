// gump plugin SDK: an agent plugin that drives a command-line agent, header-only.
//
// A CLI agent plugin derives from CliAgent, describes its CLI once (CliInfo), builds the command
// line of one invocation and makes the parser of its stream (see agent_stream.hpp):
//
//     class MyAgent final : public gump::sdk::CliAgent {
//     public:
//         static constexpr gump::sdk::Info info{"my-cli", "1.0.0", "Drives my-cli",
//                                               gump::sdk::cli_agent_schema};
//         MyAgent(gump::sdk::Host host, const json::object& config)
//             : CliAgent(host, config, cli_info()) {}
//         Command command(const AgentRequest& r) const override;
//         std::unique_ptr<StreamParser> parser(const AgentRequest& r, Start s) const override;
//     };
//
// The base does the rest: spawns the CLI in the worktree (own process group, stdin /dev/null,
// other providers' credentials removed), keeps its raw stream and stderr in the attempt's
// artifacts, emits the parser's events as they come, stops a CLI that printed nothing for
// `idle_timeout`, remembers session-cumulative numbers so a resume reports its own, and turns
// the outcome into the result of docs/agent-contract.md with one sentence per failure.
#pragma once

#include <gump/agent_stream.hpp>
#include <gump/duration.hpp>
#include <gump/sdk.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace gump::sdk {
inline namespace v1 {

// The options every CLI agent alias accepts (JSON Schema).
inline constexpr const char* cli_agent_schema = R"schema({
  "type": "object",
  "properties": {
    "command": {"type": "string", "description": "the program to run (default: the CLI's name, found on PATH)"},
    "args": {"type": "array", "items": {"type": "string"}, "description": "extra arguments, put right after the program (before its own)"},
    "env": {"type": "object", "additionalProperties": {"type": "string"}, "description": "environment variables for the CLI"},
    "idle_timeout": {"type": "string", "description": "stop the CLI when it prints nothing for this long (default 10m)"}
  },
  "additionalProperties": false
})schema";

// Environment variables that hold a provider's credentials. A CLI keeps the ones it names in
// CliInfo::credential_env and never sees the others.
inline const std::vector<std::string>& provider_credentials() {
    static const std::vector<std::string> names = {
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "OPENAI_API_KEY",
        "CODEX_API_KEY",     "GEMINI_API_KEY",       "GOOGLE_API_KEY",          "DASHSCOPE_API_KEY",
        "CURSOR_API_KEY",    "OPENROUTER_API_KEY"};
    return names;
}

// What gump needs to know about a CLI besides its stream.
struct CliInfo {
    std::string cli;                           // the program's name: "claude"
    std::string context_file;                  // "CLAUDE.md", relative to the worktree
    std::string context_preamble;              // text gump puts before its own in the context file
    std::string install;                       // how to install the tested version
    std::string login;                         // how to log in (the fix for an auth failure)
    std::string min_version;                   // the oldest version gump supports
    std::string tested_version;                // the newest version gump was tested with
    std::vector<std::string> credential_env;   // kept in its environment; "*" keeps all
    std::vector<std::string> credential_files; // login files, relative to $HOME
    bool reports_cost = false;                 // the CLI reports what each invocation cost
};

// The fields of a run request (docs/agent-contract.md) a CLI plugin uses.
struct AgentRequest {
    std::string prompt;
    std::string worktree;
    std::string model;
    std::string session; // empty: a new session
    std::string artifacts_dir;
    std::optional<int> max_turns;

    static AgentRequest from_json(const json::object& r) {
        AgentRequest out;
        out.prompt = std::string(field_str(r, "prompt"));
        // The CLIs' argument parsers would read a prompt that starts with '-' as an option; a
        // leading newline changes nothing for the model.
        if (!out.prompt.empty() && out.prompt.front() == '-') out.prompt = "\n" + out.prompt;
        out.worktree = std::string(field_str(r, "worktree"));
        out.model = std::string(field_str(r, "model"));
        out.session = std::string(field_str(r, "session"));
        out.artifacts_dir = std::string(field_str(r, "artifacts_dir"));
        if (long long t = field_int(field_obj(r, "limits"), "max_turns"); t > 0)
            out.max_turns = static_cast<int>(t);
        if (out.worktree.empty())
            throw Error(GUMP_ERR_INVALID_ARGUMENT, "the run request has no \"worktree\"");
        return out;
    }
};

// One invocation: the arguments after the program, and environment variables to set.
struct Command {
    std::vector<std::string> args;
    json::object env;
};

class CliAgent : public Agent {
public:
    using Start = StreamStart;

    CliAgent(Host host, const json::object& config, CliInfo info)
        : Agent(host), m_info(std::move(info)), m_program(m_info.cli) {
        if (auto c = field_str(config, "command"); !c.empty()) m_program = std::string(c);
        for (const auto& a : field_arr(config, "args"))
            if (a.is_string()) m_extra_args.emplace_back(a.get_string());
        m_env = field_obj(config, "env");
        if (auto t = field_str(config, "idle_timeout"); !t.empty())
            if (!parse_duration(t, m_idle_ms))
                throw Error(GUMP_ERR_CONFIG, "idle_timeout = \"" + std::string(t) +
                                                 "\" is not a duration: write \"10m\" or \"90s\"");
    }

    json::object describe() override {
        json::array env, files;
        for (const auto& e : m_info.credential_env)
            env.emplace_back(e);
        for (const auto& f : m_info.credential_files)
            files.emplace_back(f);
        return {
            {"context_file", m_info.context_file},
            {"context_preamble", m_info.context_preamble},
            {"cli", m_program},
            {"version_args", json::array{"--version"}},
            {"min_version", m_info.min_version},
            {"tested_version", m_info.tested_version},
            {"install", m_info.install},
            {"reports_cost", m_info.reports_cost},
            {"login", m_info.login},
            {"credentials", json::object{{"env", std::move(env)}, {"files", std::move(files)}}}};
    }

    json::object run(const json::object& raw) override {
        AgentRequest request = AgentRequest::from_json(raw);
        Start start = load_session(request);
        std::unique_ptr<StreamParser> stream = parser(request, start);
        std::filesystem::path artifacts(request.artifacts_dir);

        std::optional<Process> process;
        try {
            process.emplace(host().spawn(spawn_request(request, command(request))));
        } catch (const Error& e) {
            if (e.status() == GUMP_ERR_CANCELLED) throw;
            return failure_result(Failure::config, m_program + " cannot be started (" + e.what() +
                                                       "): install it with `" + m_info.install +
                                                       "`, or set `command` in this agent's table");
        }

        std::ofstream raw_stream;
        if (!artifacts.empty()) raw_stream.open(artifacts / "stream.jsonl", std::ios::binary);
        using Clock = std::chrono::steady_clock;
        auto last_output = Clock::now();
        bool killed = false, idle = false;
        for (;;) {
            std::string_view line;
            gump_status status = process->read_line(line, 1000);
            if (status == GUMP_END_OF_STREAM) break;
            if (status == GUMP_OK) {
                last_output = Clock::now();
                if (raw_stream) raw_stream << line << '\n';
                stream->feed(line);
                for (const auto& event : stream->take_events())
                    host().emit(event);
            }
            // After its final event a CLI has nothing left to say: a short wait is enough.
            long long quiet_ms =
                stream->outcome().finished ? std::min(m_idle_ms, after_result_ms) : m_idle_ms;
            if (!killed && Clock::now() - last_output > std::chrono::milliseconds(quiet_ms)) {
                idle = killed = true;
                process->kill(grace_ms);
            }
            if (!killed && host().cancelled()) {
                killed = true; // gump signals the group itself; read what is left
                process->kill(grace_ms);
            }
        }
        json::object waited = process->wait();
        Exit exit;
        exit.code = static_cast<int>(field_int(waited, "exit_code"));
        exit.signal = static_cast<int>(field_int(waited, "signal"));
        exit.killed = killed || field_bool(waited, "cancelled");
        exit.stderr_text = std::string(field_str(waited, "stderr"));
        Outcome out = stream->finish(exit);
        for (const auto& event : stream->take_events())
            host().emit(event);
        if (idle && !out.finished) {
            out.success = false;
            out.failure = Failure::timeout;
            out.message = "printed nothing for " + format_duration(m_idle_ms);
        }
        save_session(request, out);
        return result(out, exit);
    }

protected:
    virtual Command command(const AgentRequest& request) const = 0;
    virtual std::unique_ptr<StreamParser> parser(const AgentRequest& request,
                                                 Start start) const = 0;

    const CliInfo& info() const { return m_info; }

private:
    static constexpr long long after_result_ms = 10'000;
    static constexpr int32_t grace_ms = 3000;

    // The CLI in the worktree with its own environment, without other providers' credentials.
    json::object spawn_request(const AgentRequest& request, const Command& cmd) const {
        json::array argv{json::string(m_program)};
        for (const auto& a : m_extra_args)
            argv.emplace_back(a);
        for (const auto& a : cmd.args)
            argv.emplace_back(a);
        json::object env = m_env;
        for (const auto& [k, v] : cmd.env)
            env[k] = v;
        const auto& keep = m_info.credential_env;
        bool keeps_all = std::find(keep.begin(), keep.end(), "*") != keep.end();
        json::array env_remove;
        for (const auto& name : provider_credentials())
            if (!keeps_all && std::find(keep.begin(), keep.end(), name) == keep.end() &&
                !env.contains(name))
                env_remove.emplace_back(name);
        json::object spawn{{"argv", std::move(argv)},
                           {"cwd", request.worktree},
                           {"env", std::move(env)},
                           {"env_remove", std::move(env_remove)}};
        if (!request.artifacts_dir.empty())
            spawn["stderr_path"] =
                (std::filesystem::path(request.artifacts_dir) / "stderr.log").string();
        return spawn;
    }

    // Session-cumulative numbers live beside the worktree's other gump files: a resume happens
    // in the same worktree, and .gump/ never reaches a snapshot.
    std::filesystem::path session_file(const AgentRequest& r, const std::string& session) const {
        std::string safe;
        for (char c : session)
            safe += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
        return std::filesystem::path(r.worktree) / ".gump" / "sessions" /
               (m_info.cli + "-" + safe + ".json");
    }

    Start load_session(const AgentRequest& r) const {
        Start start;
        start.worktree = r.worktree;
        start.resumed = !r.session.empty();
        if (!start.resumed) return start;
        std::ifstream in(session_file(r, r.session));
        if (!in) return start;
        std::stringstream text;
        text << in.rdbuf();
        boost::system::error_code ec;
        json::value v = json::parse(text.str(), ec);
        if (ec || !v.is_object()) return start;
        const json::object& o = v.get_object();
        if (const json::value* u = o.if_contains("usage"); u && u->is_object())
            start.previous_usage = Usage::from_json(u->get_object());
        start.previous_cost = field_number(o, "cost_usd");
        return start;
    }

    void save_session(const AgentRequest& r, const Outcome& out) const {
        if (out.session.empty() || (!out.session_usage && !out.session_cost)) return;
        std::error_code ec;
        auto path = session_file(r, out.session);
        std::filesystem::create_directories(path.parent_path(), ec);
        json::object o;
        if (out.session_usage) o["usage"] = out.session_usage->to_json();
        if (out.session_cost) o["cost_usd"] = *out.session_cost;
        std::ofstream(path, std::ios::trunc) << json::serialize(o);
    }

    // One sentence: which CLI, what happened, what to do.
    std::string sentence(const Outcome& out, const Exit& exit) const {
        std::string said = out.message.empty() ? "" : " (" + out.message.substr(0, 300) + ")";
        switch (out.failure) {
        case Failure::auth:
            return m_info.cli + " was refused by its provider" + said + ": " + m_info.login;
        case Failure::config:
            return m_info.cli + " rejected its command line or model" + said +
                   ": check this agent's `model` and options, and that " + m_info.cli +
                   " is at least " + m_info.min_version + " (`" + m_info.cli + " --version`)";
        case Failure::transient:
            return m_info.cli + "'s provider failed for now" + said;
        case Failure::timeout:
            return m_info.cli + " was stopped" + said;
        case Failure::crash:
            return m_info.cli + " ended without its final result (exit " +
                   (exit.signal ? "by signal " + std::to_string(exit.signal)
                                : std::to_string(exit.code)) +
                   ")" + said + "; its stderr.log is in the attempt's artifacts";
        case Failure::agent:
        case Failure::none:
            break;
        }
        return m_info.cli + " reported an error" + said;
    }

    json::object failure_result(Failure f, std::string message) const {
        return {
            {"success", false},
            {"turns", 0},
            {"usage", Usage{}.to_json()},
            {"cost_source", "unknown"},
            {"failure", json::object{{"class", to_string(f)}, {"message", std::move(message)}}}};
    }

    json::object result(const Outcome& out, const Exit& exit) const {
        json::object r{{"success", out.success},
                       {"session", out.session},
                       {"text", out.text},
                       {"turns", out.turns},
                       {"usage", out.usage.to_json()}};
        if (out.cost_usd) {
            r["cost_usd"] = *out.cost_usd;
            r["cost_source"] = "reported";
        } else {
            r["cost_usd"] = nullptr;
            r["cost_source"] = "unknown";
        }
        if (!out.success)
            r["failure"] =
                json::object{{"class", to_string(out.failure)}, {"message", sentence(out, exit)}};
        return r;
    }

    CliInfo m_info;
    std::string m_program;
    std::vector<std::string> m_extra_args;
    json::object m_env;
    long long m_idle_ms = 10 * 60 * 1000;
};

} // namespace v1
} // namespace gump::sdk
