#pragma once
// Cursor's stream-json (`cursor-agent -p --output-format stream-json`) to gump's normalized
// events. No capture was possible here: the format is the documented one, see README.md and
// tests/fixtures/agents/cursor/README.md.
#include <gump/agent_stream.hpp>

#include <string>
#include <string_view>

namespace cursor {

// An error text cursor-agent printed (its stderr, or a failed result's text): Cursor's own
// wordings first, then the SDK's general classification.
gump::sdk::Failure classify(std::string_view text);

class CursorParser final : public gump::sdk::StreamParser {
public:
    using StreamParser::StreamParser;

private:
    void on_event(const boost::json::object& event) override;
    void on_exit(const gump::sdk::Exit& exit) override;
    void on_assistant(const boost::json::object& event);
    void on_tool_call(const boost::json::object& event);
    void on_result(const boost::json::object& event);
    void begin_turn_if_new(const boost::json::object& event, bool assistant);

    std::string m_model_call;    // model_call_id of the current turn
    bool m_tool_in_turn = false; // a tool started since the current turn began
    std::string m_last_message;  // the text of the last assistant message: the final answer
};

} // namespace cursor
