// The gemini-cli agent: drives Gemini CLI headless (`gemini -p`), built only on the SDK.
#include "gemini_parser.hpp"

#include <gump/cli_agent.hpp>

namespace {

namespace json = boost::json;
using namespace gump::sdk;

CliInfo gemini_info() {
    CliInfo i;
    i.cli = "gemini";
    i.context_file = "GEMINI.md";
    i.install = "npm install -g @google/gemini-cli@0.61.0";
    i.login = "run `gemini` once and sign in, or set GEMINI_API_KEY (and "
              "security.auth.selectedType in ~/.gemini/settings.json)";
    i.min_version = "0.61.0";
    i.tested_version = "0.61.0";
    i.credential_env = {"GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_APPLICATION_CREDENTIALS"};
    i.credential_files = {".gemini/oauth_creds.json", ".gemini/settings.json"};
    return i;
}

} // namespace

class GeminiCliAgent final : public CliAgent {
public:
    static constexpr Info info{"gemini-cli", "1.0.0", "Drives Gemini CLI (gemini -p)",
                               cli_agent_schema};
    GeminiCliAgent(Host host, const json::object& config) : CliAgent(host, config, gemini_info()) {}

private:
    // gemini has no turn-limit flag: gump's own max_turns guard stops it from the turn events.
    Command command(const AgentRequest& r) const override {
        Command c;
        c.args = {"-p", r.prompt, "--output-format", "stream-json", "--yolo"};
        if (!r.model.empty()) c.args.insert(c.args.end(), {"--model", r.model});
        if (!r.session.empty()) c.args.insert(c.args.end(), {"--resume", r.session});
        // The worktree is gump's own: trust it, as the captured runs did, so no folder-trust
        // check stands in the way of a headless run.
        c.env = {{"GEMINI_CLI_TRUST_WORKSPACE", "true"}};
        return c;
    }

    std::unique_ptr<StreamParser> parser(const AgentRequest&, Start start) const override {
        return std::make_unique<gemini_cli::GeminiParser>(std::move(start));
    }
};

GUMP_PLUGINS(GeminiCliAgent)
