// The replay agent: plays a TOML script instead of calling a model, for tests and for the
// bundled demo. Built only on the SDK, like any third-party plugin. The format is in README.md.
#include "command_run.hpp"
#include "match.hpp"
#include "play.hpp"
#include "request.hpp"
#include "script.hpp"

#include <gump/sdk.hpp>

#include <filesystem>

namespace {

namespace json = boost::json;

[[noreturn]] void refuse(const std::string& sentence) {
    throw gump::sdk::Error(GUMP_ERR_CONFIG, sentence);
}

std::string string_of(const json::object& config, const char* key) {
    const json::value* v = config.if_contains(key);
    if (!v) return "";
    if (!v->is_string() || v->as_string().empty())
        refuse(std::string(key) + " must be a non-empty string: write " + key + " = \"...\"");
    return std::string(v->as_string());
}

} // namespace

class ReplayAgent final : public gump::sdk::Agent {
public:
    static constexpr gump::sdk::Info info{
        "replay", "1.0.0", "Plays a scripted agent from a TOML file (tests and demos)",
        R"schema({"type":"object","additionalProperties":false,"required":["script"],"properties":{
"script":{"type":"string","minLength":1,"description":"the replay script (TOML); a relative path starts at the project directory"},
"context_file":{"type":"string","minLength":1,"default":"AGENTS.md","description":"the file gump writes the standing instructions to, relative to the worktree"}}})schema"};

    ReplayAgent(gump::sdk::Host host, const json::object& config) : Agent(host) {
        m_script = string_of(config, "script");
        if (m_script.empty())
            refuse("the replay agent has no script: add script = \"replay.toml\" to its table "
                   "in gump.toml");
        if (std::string file = string_of(config, "context_file"); !file.empty()) {
            if (std::string problem = replay::path_problem(file); !problem.empty())
                refuse("context_file \"" + file + "\" " + problem +
                       ": write a path relative to the worktree, e.g. context_file = "
                       "\"AGENTS.md\"");
            m_context_file = file;
        }
    }

    // describe knows no project directory, so the context file comes from the configuration
    // alone, never from the script.
    json::object describe() override {
        return {{"context_file", m_context_file},
                {"cli", "replay"},
                {"replay", true},
                {"reports_cost", true}};
    }

    json::object run(const json::object& request) override {
        replay::RunRequest r = replay::parse_request(request);
        // Read on every run: a test may rewrite the script between attempts.
        replay::Script script = replay::load_script(script_path(r.project_dir));
        const replay::Entry* entry = replay::find_entry(script, r.step, r.attempt);
        if (!entry) {
            replay::Outcome missing;
            missing.success = false;
            missing.session = r.session;
            missing.failure = {"config", replay::missing_entry_message(script, r.step, r.attempt)};
            return replay::outcome_json(missing);
        }
        host().debug("step " + r.step + " attempt " + std::to_string(r.attempt) +
                     " plays the entry at " + entry->where);
        if (entry->command) return replay::run_command_entry(host(), *entry, r);
        return replay::play_entry(host(), *entry, r, script.turn_delay_ms);
    }

private:
    std::string script_path(const std::string& project_dir) const {
        std::filesystem::path path(m_script);
        if (path.is_relative() && !project_dir.empty()) path = project_dir / path;
        return path.lexically_normal().string();
    }

    std::string m_script;
    std::string m_context_file = "AGENTS.md";
};

GUMP_PLUGINS(ReplayAgent)
