// The qwen-code agent: drives Qwen Code headless (`qwen -p`), built only on the SDK.
#include "qwen_parser.hpp"

#include <gump/cli_agent.hpp>

namespace {

namespace json = boost::json;
using namespace gump::sdk;

CliInfo qwen_info() {
    CliInfo i;
    i.cli = "qwen";
    i.context_file = "QWEN.md";
    i.install = "npm install -g @qwen-code/qwen-code@0.24.4";
    i.login = "run `qwen` once and sign in, or set OPENAI_API_KEY with --auth-type openai";
    i.min_version = "0.15.10";
    i.tested_version = "0.24.4";
    i.credential_env = {"OPENAI_API_KEY", "DASHSCOPE_API_KEY"};
    i.credential_files = {".qwen/oauth_creds.json", ".qwen/settings.json"};
    return i;
}

} // namespace

class QwenCodeAgent final : public CliAgent {
public:
    static constexpr Info info{"qwen-code", "1.0.0", "Drives Qwen Code (qwen -p)",
                               cli_agent_schema};
    QwenCodeAgent(Host host, const json::object& config) : CliAgent(host, config, qwen_info()) {}

private:
    // No --auth-type here: a user signed in with Qwen OAuth must keep working; an
    // OpenAI-compatible endpoint adds it through the alias's `args` (see README.md).
    Command command(const AgentRequest& r) const override {
        Command c;
        c.args = {"-p", r.prompt, "--output-format", "stream-json", "--yolo"};
        if (!r.model.empty()) c.args.insert(c.args.end(), {"--model", r.model});
        if (!r.session.empty()) c.args.insert(c.args.end(), {"--resume", r.session});
        if (r.max_turns)
            c.args.insert(c.args.end(), {"--max-session-turns", std::to_string(*r.max_turns)});
        return c;
    }

    std::unique_ptr<StreamParser> parser(const AgentRequest&, Start start) const override {
        return std::make_unique<qwen_code::QwenParser>(std::move(start));
    }
};

GUMP_PLUGINS(QwenCodeAgent)
