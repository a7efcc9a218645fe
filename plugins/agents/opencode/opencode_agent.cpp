// The opencode agent: drives opencode headless (`opencode run --format json`), built only on
// the SDK.
#include "opencode_parser.hpp"

#include <gump/cli_agent.hpp>

namespace {

namespace json = boost::json;
using namespace gump::sdk;

CliInfo opencode_info() {
    CliInfo i;
    i.cli = "opencode";
    i.context_file = "AGENTS.md";
    i.install = "npm install -g opencode-ai@1.18.33";
    i.login = "run `opencode auth login`, or set the provider's API key";
    i.min_version = "1.18.33";
    i.tested_version = "1.18.33";
    // opencode drives whichever provider its config names, so it keeps every provider's key.
    i.credential_env = {"*"};
    i.credential_files = {".local/share/opencode/auth.json"};
    return i;
}

} // namespace

class OpencodeAgent final : public CliAgent {
public:
    static constexpr Info info{"opencode", "1.0.0", "Drives opencode (opencode run --format json)",
                               cli_agent_schema};
    OpencodeAgent(Host host, const json::object& config)
        : CliAgent(host, config, opencode_info()) {}

private:
    // opencode has no turn limit flag: gump's guards enforce max_turns from the events.
    Command command(const AgentRequest& r) const override {
        Command c;
        c.args = {"run", "--format", "json"};
        if (!r.model.empty()) c.args.insert(c.args.end(), {"--model", r.model});
        if (!r.session.empty()) c.args.insert(c.args.end(), {"--session", r.session});
        // A session is bound to the directory it was made in: resumed from anywhere else,
        // opencode runs it there, prints nothing and never exits.
        // After "--" no word of the prompt is read as an option.
        c.args.insert(c.args.end(), {"--dir", r.worktree, "--"});
        for (auto& word : opencode::prompt_words(r.prompt))
            c.args.push_back(std::move(word));
        c.env = {{"OPENCODE_DISABLE_AUTOUPDATE", "1"}, {"OPENCODE_DISABLE_SHARE", "1"}};
        return c;
    }

    std::unique_ptr<StreamParser> parser(const AgentRequest&, Start start) const override {
        return std::make_unique<opencode::OpencodeParser>(std::move(start));
    }
};

GUMP_PLUGINS(OpencodeAgent)
