// The command gate: runs a shell command in the worktree; exit 0 passes. Builds only on the SDK.
#include <gump/sdk.hpp>

#include <cctype>
#include <filesystem>

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

constexpr size_t feedback_limit = 6000; // bytes of output fed back to the agent

bool parse_duration(std::string_view text, long long& ms) {
    if (text.empty()) return false;
    long long total = 0;
    size_t i = 0;
    while (i < text.size()) {
        size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
            ++i;
        if (i == start) return false;
        long long n = std::stoll(std::string(text.substr(start, i - start)));
        size_t unit_start = i;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])))
            ++i;
        std::string_view unit = text.substr(unit_start, i - unit_start);
        if (unit == "ms")
            total += n;
        else if (unit == "s")
            total += n * 1000;
        else if (unit == "m")
            total += n * 60'000;
        else if (unit == "h")
            total += n * 3'600'000;
        else
            return false;
    }
    ms = total;
    return true;
}

// Keeps the head and the tail of long output: a failure is usually explained at one end.
std::string trimmed(const std::string& text, size_t limit) {
    if (text.size() <= limit) return text;
    size_t head = limit / 3;
    size_t tail = limit - head;
    size_t head_end = text.rfind('\n', head);
    if (head_end == std::string::npos || head_end < head / 2) head_end = head;
    size_t tail_start = text.find('\n', text.size() - tail);
    if (tail_start == std::string::npos) tail_start = text.size() - tail;
    return text.substr(0, head_end) + "\n[... " + std::to_string(tail_start - head_end) +
           " bytes omitted ...]" + text.substr(tail_start);
}

std::string str(const json::object& o, const char* key, std::string fallback = {}) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : fallback;
}

} // namespace

class CommandGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{
        "command", "1.0.0", "Runs a shell command in the worktree; exit status 0 passes",
        R"({"type":"object","additionalProperties":false,"properties":{
          "command":{"type":"string","minLength":1,"description":"shell command, run with sh -c in the worktree"},
          "timeout":{"type":"string","default":"10m","description":"how long it may run, e.g. 90s, 10m, 1h"},
          "cwd":{"type":"string","default":".","description":"directory relative to the worktree"},
          "env":{"type":"object","additionalProperties":{"type":"string"},"description":"extra environment variables"},
          "role":{"type":"string","enum":["compile","test","lint","coverage","other"],"default":"other","description":"what the command checks"}}})"};

    CommandGate(gump::sdk::Host host, const json::object& config) : Gate(host) {
        m_command = str(config, "command");
        m_role = str(config, "role", "other");
        std::string timeout = str(config, "timeout", "10m");
        if (!parse_duration(timeout, m_timeout_ms) || m_timeout_ms <= 0)
            throw gump::sdk::Error(GUMP_ERR_CONFIG,
                                   "timeout \"" + timeout +
                                       "\" is not a duration; write e.g. timeout = \"90s\", "
                                       "\"10m\" or \"1h30m\"");
        m_cwd = str(config, "cwd", ".");
        fs::path cwd(m_cwd);
        if (cwd.is_absolute() || *cwd.lexically_normal().begin() == "..")
            throw gump::sdk::Error(GUMP_ERR_CONFIG, "cwd \"" + m_cwd +
                                                        "\" must stay inside the worktree; write "
                                                        "a relative path such as \"build\"");
        if (auto* env = config.if_contains("env"); env && env->is_object())
            m_env = env->as_object();
    }

    json::object check(const json::object& request) override {
        std::string gate = str(request, "gate", m_role);
        if (m_command.empty())
            return verdict("error", "no command configured",
                           "no command configured for gate '" + gate +
                               "': set command = \"...\" "
                               "under [gates." +
                               gate + "] in gump.toml",
                           {});
        fs::path dir = fs::path(str(request, "worktree")) / m_cwd;
        json::object run{{"argv", json::array{"sh", "-c", m_command}},
                         {"cwd", dir.lexically_normal().string()},
                         {"env", m_env},
                         {"timeout_ms", m_timeout_ms}};
        std::string artifacts = str(request, "artifacts_dir");
        if (!artifacts.empty()) {
            run["stdout_path"] = (fs::path(artifacts) / (gate + ".stdout.log")).string();
            run["stderr_path"] = (fs::path(artifacts) / (gate + ".stderr.log")).string();
        }
        json::object r = host().run_command(run);
        long long code = r.at("exit_code").to_number<long long>();
        bool timed_out = r.at("timed_out").as_bool();
        std::string out = str(r, "stdout"), err = str(r, "stderr");
        json::object finding{
            {"exit_code", code}, {"duration_ms", r.at("duration_ms")}, {"timed_out", timed_out}};
        if (!artifacts.empty()) {
            finding["stdout_path"] = run["stdout_path"];
            finding["stderr_path"] = run["stderr_path"];
        }
        std::string output = out;
        if (!out.empty() && !err.empty() && out.back() != '\n') output += '\n';
        output += err;
        if (timed_out)
            return verdict(
                "fail", gate + " timed out after " + std::to_string(m_timeout_ms / 1000) + "s",
                "`" + m_command + "` was stopped after " + std::to_string(m_timeout_ms / 1000) +
                    "s: look for an infinite loop or a test waiting for input.\n" +
                    trimmed(output, feedback_limit),
                finding);
        if (code == 0) return verdict("pass", gate + " passed", "", finding);
        if (code == 126 || code == 127) {
            std::string program = m_command.substr(0, m_command.find(' '));
            return verdict("error", gate + " could not run `" + program + "`",
                           "`" + m_command + "` could not start (exit " + std::to_string(code) +
                               "): install " + program + " or set command under [gates." + gate +
                               "] in gump.toml.\n" + trimmed(err, feedback_limit),
                           finding);
        }
        std::string how =
            code < 0 ? "killed by signal " + std::to_string(r.at("signal").to_number<int>())
                     : "exit " + std::to_string(code);
        return verdict("fail", gate + " failed (" + how + ")",
                       "`" + m_command + "` failed (" + how + "):\n" +
                           trimmed(output, feedback_limit),
                       finding);
    }

private:
    static json::object verdict(const char* v, std::string summary, std::string feedback,
                                json::object finding) {
        json::array findings;
        if (!finding.empty()) findings.push_back(std::move(finding));
        return {{"verdict", v},
                {"summary", std::move(summary)},
                {"feedback", std::move(feedback)},
                {"findings", std::move(findings)}};
    }

    std::string m_command;
    std::string m_role;
    long long m_timeout_ms = 600'000;
    std::string m_cwd;
    json::object m_env;
};

GUMP_PLUGINS(CommandGate)
