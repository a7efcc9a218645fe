// An agent that runs `command` (from its request) through the host, reads its stdout line by
// line and emits each line as a text event: the host's spawn/read/emit services end to end.
#include <gump/sdk.hpp>

class EchoAgent final : public gump::sdk::Agent {
public:
    static constexpr gump::sdk::Info info{"test-agent", "0.1.0",
                                          "Streams a command's lines as events (tests only)",
                                          R"({"type":"object","properties":{
                                              "cli":{"type":"string","default":"sh"}}})"};

    EchoAgent(gump::sdk::Host host, const boost::json::object& config) : Agent(host) {
        if (auto* cli = config.if_contains("cli")) m_cli = std::string(cli->as_string());
    }

    boost::json::object describe() override {
        return {{"context_file", "AGENTS.md"},
                {"cli", m_cli},
                {"version_args", boost::json::array{"-c", "echo test-agent-cli 9.9"}}};
    }

    boost::json::object run(const boost::json::object& request) override {
        auto process = host().spawn({{"argv", {"sh", "-c", request.at("command")}},
                                     {"cwd", request.at("worktree")},
                                     {"timeout_ms", 10000}});
        int lines = 0;
        std::string last;
        std::string_view line;
        while (process.read_line(line) == GUMP_OK) {
            ++lines;
            last = std::string(line);
            host().emit({{"type", "text"}, {"text", last}});
        }
        boost::json::object exit = process.wait();
        return {{"success", exit.at("exit_code").as_int64() == 0},
                {"text", last},
                {"turns", lines},
                {"exit", exit}};
    }

private:
    std::string m_cli = "sh";
};

GUMP_PLUGINS(EchoAgent)
