#pragma once
// What gump needs to know to run cursor-agent: its description and one invocation's command
// line. Kept beside the parser so the tests check the very arguments the plugin passes.
#include <gump/cli_agent.hpp>

namespace cursor {

gump::sdk::CliInfo cli_info();
gump::sdk::Command command_for(const gump::sdk::AgentRequest& request);

} // namespace cursor
