// The codex agent: drives OpenAI Codex headless (`codex exec --json`), built only on the SDK.
#include "codex_parser.hpp"

#include <gump/cli_agent.hpp>

namespace {

namespace json = boost::json;
using namespace gump::sdk;

CliInfo codex_info() {
    CliInfo i;
    i.cli = "codex";
    i.context_file = "AGENTS.md";
    i.install = "npm install -g @openai/codex@0.169.0";
    i.login = "run `codex login`, or set OPENAI_API_KEY (or the env_key your model provider names)";
    i.min_version = "0.169.0";
    i.tested_version = "0.169.0";
    i.credential_env = {"OPENAI_API_KEY", "CODEX_API_KEY"};
    i.credential_files = {".codex/auth.json"};
    return i;
}

} // namespace

class CodexAgent final : public CliAgent {
public:
    static constexpr Info info{"codex", "1.0.0", "Drives OpenAI Codex (codex exec --json)",
                               cli_agent_schema};
    CodexAgent(Host host, const json::object& config) : CliAgent(host, config, codex_info()) {}

private:
    // codex has no turn limit flag: gump's guards enforce max_turns from the events.
    Command command(const AgentRequest& r) const override {
        Command c;
        c.args = {"exec", "--json", "--skip-git-repo-check",
                  "--dangerously-bypass-approvals-and-sandbox"};
        // --model is global to `exec`, so it goes before `resume` like the other options.
        if (!r.model.empty()) c.args.insert(c.args.end(), {"--model", r.model});
        if (!r.session.empty()) c.args.insert(c.args.end(), {"resume", r.session});
        // After "--" a prompt that starts with "-" or reads "resume" is still the prompt.
        c.args.insert(c.args.end(), {"--", r.prompt});
        return c;
    }

    std::unique_ptr<StreamParser> parser(const AgentRequest&, Start start) const override {
        return std::make_unique<codex::CodexParser>(std::move(start));
    }
};

GUMP_PLUGINS(CodexAgent)
