// The command gate: runs a shell command in the worktree; exit status 0 passes. Built only on the
// SDK, like any third-party plugin; the host runs the process (timeouts end its whole group).
#include "detect.hpp"
#include "failures.hpp"
#include "output.hpp"
#include "settings.hpp"

#include <gump/duration.hpp>
#include <gump/sdk.hpp>

#include <cctype>
#include <csignal>
#include <filesystem>
#include <optional>

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using command_gate::Settings;

constexpr size_t capture_limit = 64 * 1024;    // per stream, kept by the host for us to trim
constexpr long long probe_timeout_ms = 30'000; // for "is this tool installed?"

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
"feedback_bytes":{"type":"integer","default":8192,"description":"how much of the output the next attempt is shown: the failing tests and first errors, then the head and tail of the output"},
"cache":{"type":"boolean","default":true,"description":"a pass stands for later checks of the same files in the run; false for commands that depend on more than the files (network, clock)"}}})schema"};

    CommandGate(gump::sdk::Host host, const json::object& config)
        : Gate(host), m_config(config), m_settings(command_gate::parse_settings(config)) {}

    json::object check(const json::object& request) override {
        std::string gate = text_of(request, "gate");
        if (gate.empty()) gate = "command";
        Settings s = settings_for(request);
        std::string where = "[gates." + gate + "] in gump.toml";
        bool configured = s.command.find_first_not_of(" \t\n") != std::string::npos;
        if (!configured && !command_gate::detects_role(s.role)) {
            // The summary already says everything; there is no output to add.
            return verdict("error",
                           "no command configured for gate '" + gate +
                               "': set command = \"...\" under " + where,
                           "");
        }
        std::string worktree = text_of(request, "worktree");
        if (worktree.empty())
            throw gump::sdk::Error(GUMP_ERR_INVALID_ARGUMENT, "the gate request has no worktree");
        fs::path dir = directory(worktree, s);
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) {
            std::string message =
                gate + " could not run: its directory " + s.cwd + " does not exist in the worktree";
            return verdict("error", message,
                           message + "; create it first or change cwd under " + where);
        }

        std::string detected_from;
        if (!configured) {
            auto probe = [&](const std::string& shell) { return succeeds(shell, dir, s); };
            std::optional<command_gate::Detected> found = command_gate::detect(dir, s.role, probe);
            if (!found) return undetected(gate, s.role, dir.string(), where);
            s.command = found->command;
            detected_from = found->marker;
        }

        json::object run{{"argv", json::array{"sh", "-c", s.command}},
                         {"cwd", dir.string()},
                         {"env", s.env},
                         {"timeout_ms", s.timeout_ms},
                         {"max_capture_bytes", capture_limit}};
        json::object finding{{"command", s.command}, {"role", s.role}};
        if (!detected_from.empty()) finding["detected_from"] = detected_from;
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
        json::object v = judge(gate, s, detected_from, r, code, timed_out, std::move(finding));
        if (!detected_from.empty()) {
            v["command"] = s.command;
            v["detected_from"] = detected_from;
        }
        return v;
    }

    // What check would run here: the configured command, or the detected one and its marker.
    json::object explain(const json::object& request) override {
        Settings s = settings_for(request);
        std::string where = "[gates." + text_of(request, "gate") + "]";
        if (s.command.find_first_not_of(" \t\n") != std::string::npos)
            return {{"does", "`" + s.command + "`"}};
        if (!command_gate::detects_role(s.role))
            return {{"does", "no command: set command = \"...\" under " + where}};
        fs::path dir = directory(text_of(request, "worktree"), s);
        auto probe = [&](const std::string& shell) { return succeeds(shell, dir, s); };
        if (auto found = command_gate::detect(dir, s.role, probe))
            return {{"does", "`" + found->command + "` (detected from " + found->marker + ")"}};
        if (s.role == "lint" || s.role == "coverage")
            return {{"does", "skipped: no " +
                                 std::string(s.role == "lint" ? "linter" : "coverage tool") +
                                 " detected"}};
        return {{"does", "nothing detected (looked for " + command_gate::detection_markers() +
                             "): set command = \"...\" under " + where}};
    }

private:
    static fs::path directory(const std::string& worktree, const Settings& s) {
        fs::path dir = (fs::path(worktree) / s.cwd).lexically_normal();
        if (!dir.has_filename()) dir = dir.parent_path(); // "/repo/." is "/repo/": "/repo"
        return dir;
    }

    // Inline parameters in the request override the configured ones for this check.
    Settings settings_for(const json::object& request) const {
        const json::value* params = request.if_contains("params");
        if (!params || !params->is_object() || params->as_object().empty()) return m_settings;
        return command_gate::parse_settings(gump::sdk::with_params(m_config, request));
    }

    // Whether a probe for a tool ("command -v ruff") succeeds in the project's directory.
    bool succeeds(const std::string& shell, const fs::path& dir, const Settings& s) const {
        json::object run{{"argv", json::array{"sh", "-c", shell}},
                         {"cwd", dir.string()},
                         {"env", s.env},
                         {"timeout_ms", probe_timeout_ms},
                         {"max_capture_bytes", 4096}};
        try {
            json::object r = host().run_command(run);
            if (flag_of(r, "cancelled"))
                throw gump::sdk::Error(GUMP_ERR_CANCELLED, "the gate was cancelled");
            return number_of(r, "exit_code", -1) == 0;
        } catch (const gump::sdk::Error& e) {
            if (e.status() == GUMP_ERR_CANCELLED) throw;
            return false;
        }
    }

    // No command configured and none detected: compile and test cannot be checked (an error),
    // lint and coverage are optional (a skip).
    static json::object undetected(const std::string& gate, const std::string& role,
                                   const std::string& dir, const std::string& where) {
        if (role == "lint" || role == "coverage") {
            std::string what = role == "lint" ? "linter" : "coverage tool";
            return verdict("skip", gate + " skipped: no " + what + " detected in " + dir,
                           "no command configured and no " + what + " detected in " + dir +
                               ": set command = \"...\" under " + where + " to run one");
        }
        // The summary keeps the wording of a gate without a command; the feedback says what was
        // looked for.
        return verdict("error",
                       "no command configured for gate '" + gate +
                           "': set command = \"...\" under " + where,
                       "no build system detected for '" + gate + "' in " + dir +
                           ": set command = \"...\" under " + where + " (looked for " +
                           command_gate::detection_markers() + ")");
    }

    static json::object judge(const std::string& gate, const Settings& s,
                              const std::string& detected_from, const json::object& r,
                              long long code, bool timed_out, json::object finding) {
        std::string out = text_of(r, "stdout");
        std::string err = text_of(r, "stderr");
        auto limit = static_cast<size_t>(s.feedback_bytes);
        std::string cleaned =
            command_gate::clean_output(out) + "\n" + command_gate::clean_output(err);
        // A log too long to show whole starts with what failed, so it cannot be trimmed away.
        std::string failures = code != 0 && cleaned.size() > limit
                                   ? command_gate::failure_lines(cleaned, limit / 3)
                                   : std::string();
        std::string output = command_gate::both_streams(out, err, limit - failures.size());
        if (!failures.empty()) output = "What failed:\n" + failures + "\nThe output:\n" + output;
        if (output.empty()) output = "(no output)";
        std::string logs;
        if (finding.contains("stdout_path"))
            logs = "\n(complete output: " + text_of(finding, "stdout_path") + " and " +
                   text_of(finding, "stderr_path") + ")";
        std::string where = "[gates." + gate + "] in gump.toml";
        std::string shown = "`" + s.command + "`";
        if (!detected_from.empty()) shown += " (detected from " + detected_from + ")";
        bool optional = s.role == "lint" || s.role == "coverage";

        if (timed_out) {
            std::string limit = gump::sdk::format_duration(s.timeout_ms);
            return verdict("fail", gate + " timed out after " + limit,
                           shown + " did not finish within " + limit +
                               " and was stopped: look for an infinite loop, a deadlock or a "
                               "test that waits for input.\n" +
                               output + logs,
                           std::move(finding));
        }
        if (s.role == "test" && code >= 0 && code != 126 && code != 127) {
            bool complete = !flag_of(r, "stdout_truncated") && !flag_of(r, "stderr_truncated");
            if (command_gate::no_tests_ran(s.command, code, out, err, complete)) {
                finding["no_tests"] = true;
                return verdict("fail", gate + " failed: no tests ran",
                               shown +
                                   " ran no tests: the step must add tests that the runner "
                                   "discovers (named and placed the way it looks for them), and "
                                   "they must run.\n" +
                                   output + logs,
                               std::move(finding));
            }
        }
        if (code == 0) {
            std::string summary = gate + " passed";
            if (!detected_from.empty())
                summary += " (" + s.command + ", detected from " + detected_from + ")";
            json::object pass = verdict("pass", summary, "", std::move(finding));
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
            if (missing && optional)
                // A lint or coverage tool that is not installed is not the code's fault, nor a
                // reason to stop the run.
                return verdict("skip", gate + " skipped: " + problem,
                               shown + " could not start: " + problem + ". " + fix +
                                   " to run it, or change command under " + where + ".\n" + output,
                               std::move(finding));
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
