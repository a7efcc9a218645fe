// The claude-code agent: drives Claude Code headless (`claude -p`), built only on the SDK.
#include "claude_parser.hpp"

#include <gump/cli_agent.hpp>

namespace {

namespace json = boost::json;
using namespace gump::sdk;

CliInfo claude_info() {
    CliInfo i;
    i.cli = "claude";
    i.context_file = "CLAUDE.md";
    i.install = "npm install -g @anthropic-ai/claude-code@2.1.331";
    i.login = "run `claude` once and log in, or set ANTHROPIC_API_KEY";
    i.min_version = "2.1.197";
    i.tested_version = "2.1.331";
    i.credential_env = {"ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN"};
    i.credential_files = {".claude/.credentials.json", ".claude.json"};
    i.reports_cost = true;
    return i;
}

} // namespace

class ClaudeCodeAgent final : public CliAgent {
public:
    static constexpr Info info{"claude-code", "1.0.0", "Drives Claude Code (claude -p)",
                               cli_agent_schema};
    ClaudeCodeAgent(Host host, const json::object& config)
        : CliAgent(host, config, claude_info()) {}

private:
    Command command(const AgentRequest& r) const override {
        Command c;
        // stream-json needs --verbose with -p; the permission bypass needs IS_SANDBOX as root.
        c.args = {"-p",          r.prompt,    "--output-format",
                  "stream-json", "--verbose", "--dangerously-skip-permissions"};
        if (!r.model.empty()) c.args.insert(c.args.end(), {"--model", r.model});
        if (!r.session.empty()) c.args.insert(c.args.end(), {"--resume", r.session});
        if (r.max_turns) c.args.insert(c.args.end(), {"--max-turns", std::to_string(*r.max_turns)});
        c.env = {{"IS_SANDBOX", "1"},
                 {"CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"},
                 {"DISABLE_AUTOUPDATER", "1"}};
        return c;
    }

    std::unique_ptr<StreamParser> parser(const AgentRequest&, Start start) const override {
        return std::make_unique<claude_code::ClaudeParser>(std::move(start));
    }
};

GUMP_PLUGINS(ClaudeCodeAgent)
