// The command gate: runs a shell command in the worktree; exit status 0 passes. Built only on the
// SDK, like any third-party plugin; the host runs the process (timeouts end its whole group).
#include "output.hpp"
#include "settings.hpp"

#include <gump/duration.hpp>
#include <gump/sdk.hpp>

#include <cctype>
#include <csignal>
#include <filesystem>

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using command_gate::Settings;

constexpr size_t feedback_limit = 8 * 1024; // of command output, for the agent's retry prompt
constexpr size_t capture_limit = 64 * 1024; // per stream, kept by the host for us to trim

std::string text_of(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

long long number_of(const json::object& o, const char* key, long long fallback) {
    const json::value* v = o.if_contains(key);
    return v && v->is_number() ? v->to_number<long long>() : fallback;
}

bool flag_of(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_bool() && v->as_bool();
}

std::string signal_name(long long sig) {
    switch (sig) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGABRT:
        return "SIGABRT";
    case SIGBUS:
        return "SIGBUS";
    case SIGFPE:
        return "SIGFPE";
    case SIGILL:
        return "SIGILL";
    case SIGKILL:
        return "SIGKILL";
    case SIGTERM:
        return "SIGTERM";
    case SIGINT:
        return "SIGINT";
    default:
        return "signal " + std::to_string(sig);
    }
}

// Artifact file names come from gate names; keep them plain file names.
std::string file_safe(const std::string& name) {
    std::string out = name;
    for (char& c : out)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            c = '_';
    return out;
}

json::object verdict(const char* v, const std::string& summary, const std::string& feedback,
                     json::object finding = {}) {
    json::array findings;
    if (!finding.empty()) findings.push_back(std::move(finding));
    return {{"verdict", v},
            {"summary", summary},
            {"feedback", feedback},
            {"findings", std::move(findings)}};
}

} // namespace

class CommandGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{
        "command", "1.0.0", "Runs a shell command in the worktree; exit 0 passes",
        R"schema({"type":"object","additionalProperties":false,"properties":{
"command":{"type":"string","description":"shell command, run with sh -c in the worktree; exit status 0 passes"},
"timeout":{"type":"string","default":"10m","description":"how long it may run (\"90s\", \"10m\", \"1h30m\"); then it is stopped and the gate fails"},
"cwd":{"type":"string","default":".","description":"directory to run in, relative to the worktree"},
"env":{"type":"object","description":"extra environment variables, a table of strings"},
"role":{"type":"string","enum":["compile","test","lint","coverage","other"],"default":"other","description":"what the command checks (informational)"},
"cache":{"type":"boolean","default":true,"description":"a pass stands for later checks of the same files in the run; false for commands that depend on more than the files (network, clock)"}}})schema"};

    CommandGate(gump::sdk::Host host, const json::object& config)
        : Gate(host), m_config(config), m_settings(command_gate::parse_settings(config)) {}

    json::object check(const json::object& request) override {
        std::string gate = text_of(request, "gate");
        if (gate.empty()) gate = "command";
        Settings s = settings_for(request);
        std::string where = "[gates." + gate + "] in gump.toml";
        if (s.command.find_first_not_of(" \t\n") == std::string::npos) {
            // The summary already says everything; there is no output to add.
            return verdict("error",
                           "no command configured for gate '" + gate +
                               "': set command = \"...\" under " + where,
                           "");
        }
        std::string worktree = text_of(request, "worktree");
        if (worktree.empty())
            throw gump::sdk::Error(GUMP_ERR_INVALID_ARGUMENT, "the gate request has no worktree");
        fs::path dir = (fs::path(worktree) / s.cwd).lexically_normal();
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) {
            std::string message =
                gate + " could not run: its directory " + s.cwd + " does not exist in the worktree";
            return verdict("error", message,
                           message + "; create it first or change cwd under " + where);
        }

        json::object run{{"argv", json::array{"sh", "-c", s.command}},
                         {"cwd", dir.string()},
                         {"env", s.env},
                         {"timeout_ms", s.timeout_ms},
                         {"max_capture_bytes", capture_limit}};
        json::object finding{{"command", s.command}, {"role", s.role}};
        if (std::string artifacts = text_of(request, "artifacts_dir"); !artifacts.empty()) {
            fs::create_directories(artifacts, ec);
            std::string base = (fs::path(artifacts) / file_safe(gate)).string();
            run["stdout_path"] = finding["stdout_path"] = base + ".stdout.log";
            run["stderr_path"] = finding["stderr_path"] = base + ".stderr.log";
        }

        json::object r;
        try {
            r = host().run_command(run);
        } catch (const gump::sdk::Error& e) {
            std::string message = gate + " could not run: " + e.what();
            return verdict("error", message, message + "; check command under " + where, finding);
        }
        if (flag_of(r, "cancelled"))
            throw gump::sdk::Error(GUMP_ERR_CANCELLED, "gate '" + gate + "' was cancelled");
        long long code = number_of(r, "exit_code", -1);
        bool timed_out = flag_of(r, "timed_out");
        finding["exit_code"] = code;
        finding["duration_ms"] = number_of(r, "duration_ms", 0);
        finding["timed_out"] = timed_out;
        return judge(gate, s, r, code, timed_out, std::move(finding));
    }

private:
    // Inline parameters in the request override the configured ones for this check.
    Settings settings_for(const json::object& request) const {
        const json::value* params = request.if_contains("params");
        if (!params || !params->is_object() || params->as_object().empty()) return m_settings;
        json::object merged = m_config;
        for (const auto& [key, value] : params->as_object())
            merged[key] = value;
        return command_gate::parse_settings(merged);
    }

    static json::object judge(const std::string& gate, const Settings& s, const json::object& r,
                              long long code, bool timed_out, json::object finding) {
        std::string out = text_of(r, "stdout");
        std::string err = text_of(r, "stderr");
        std::string output = command_gate::both_streams(out, err, feedback_limit);
        if (output.empty()) output = "(no output)";
        std::string logs;
        if (finding.contains("stdout_path"))
            logs = "\n(complete output: " + text_of(finding, "stdout_path") + " and " +
                   text_of(finding, "stderr_path") + ")";
        std::string where = "[gates." + gate + "] in gump.toml";
        std::string shown = "`" + s.command + "`";

        if (timed_out) {
            std::string limit = gump::sdk::format_duration(s.timeout_ms);
            return verdict("fail", gate + " timed out after " + limit,
                           shown + " did not finish within " + limit +
                               " and was stopped: look for an infinite loop, a deadlock or a "
                               "test that waits for input.\n" +
                               output + logs,
                           std::move(finding));
        }
        if (code == 0) {
            json::object pass = verdict("pass", gate + " passed", "", std::move(finding));
            // The verdict depends on the worktree's files alone: gump may reuse it.
            if (s.cache) pass["cache"] = "tree";
            return pass;
        }
        if (code == 126 || code == 127) {
            std::string program = command_gate::program_not_run(err, s.command);
            bool missing = code == 127;
            std::string problem = missing ? "`" + program + "` is not installed or not on PATH"
                                          : "`" + program + "` cannot be executed";
            std::string fix =
                missing ? "Install " + program : "Make it executable (chmod +x " + program + ")";
            return verdict("error", gate + " could not run: " + problem,
                           shown + " could not start: " + problem + ". " + fix +
                               ", or change command under " + where + ".\n" + output,
                           std::move(finding));
        }
        std::string how = code >= 0 ? "exit " + std::to_string(code)
                                    : "killed by " + signal_name(number_of(r, "signal", 0));
        if (code < 0) finding["signal"] = number_of(r, "signal", 0);
        return verdict("fail", gate + " failed (" + how + ")",
                       shown + " failed (" + how + "):\n" + output + logs, std::move(finding));
    }

    json::object m_config;
    Settings m_settings;
};

GUMP_PLUGINS(CommandGate)
