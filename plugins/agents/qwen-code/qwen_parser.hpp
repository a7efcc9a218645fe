#pragma once
// Qwen Code's stream-json (`qwen -p ... --output-format stream-json`) to gump's normalized events.
// The reference is tests/fixtures/agents/README.md.
#include <gump/agent_stream.hpp>

#include <string>

namespace qwen_code {

class QwenParser final : public gump::sdk::StreamParser {
public:
    using StreamParser::StreamParser;

private:
    void on_event(const boost::json::object& event) override;
    void on_exit(const gump::sdk::Exit& exit) override;
    void on_assistant(const boost::json::object& event);
    void on_result(const boost::json::object& result);
    gump::sdk::Usage invocation_usage(const gump::sdk::Usage& cumulative) const;

    std::string m_message_id;         // the last assistant message, so a repeated line counts once
    bool m_reply_open = false;        // the model's current reply has begun (no tool result since)
    gump::sdk::Usage m_requests;      // the sum of the per-request numbers of this invocation
    bool m_saw_request_usage = false; // ... and at least one request reported them
    std::string m_api_error;          // an "[API Error: …]" the model's reply carried
};

} // namespace qwen_code
