// The cursor agent: drives Cursor's CLI headless (`cursor-agent -p`), built only on the SDK.
#include "cursor_command.hpp"
#include "cursor_parser.hpp"

#include <gump/cli_agent.hpp>

namespace {

namespace json = boost::json;
using namespace gump::sdk;

} // namespace

class CursorAgent final : public CliAgent {
public:
    static constexpr Info info{"cursor", "1.0.0", "Drives Cursor's agent CLI (cursor-agent -p)",
                               cli_agent_schema};
    CursorAgent(Host host, const json::object& config)
        : CliAgent(host, config, cursor::cli_info()) {}

private:
    Command command(const AgentRequest& r) const override { return cursor::command_for(r); }

    std::unique_ptr<StreamParser> parser(const AgentRequest&, Start start) const override {
        return std::make_unique<cursor::CursorParser>(std::move(start));
    }
};

GUMP_PLUGINS(CursorAgent)
