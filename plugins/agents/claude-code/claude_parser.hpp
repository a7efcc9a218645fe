#pragma once
// Claude Code's stream-json (`claude -p ... --output-format stream-json --verbose`) to gump's
// normalized events. The reference is tests/fixtures/agents/README.md.
#include <gump/agent_stream.hpp>

#include <string>

namespace claude_code {

class ClaudeParser final : public gump::sdk::StreamParser {
public:
    using StreamParser::StreamParser;

private:
    void on_event(const boost::json::object& event) override;
    void on_assistant(const boost::json::object& message);
    void on_result(const boost::json::object& result);

    std::string m_message_id;     // the API message the last content block belonged to
    gump::sdk::Usage m_live;      // input side of every message so far, for live guards
    long long m_retry_status = 0; // the HTTP status of the last api_retry
};

} // namespace claude_code
