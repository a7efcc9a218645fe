#pragma once
// Gemini CLI's stream-json (`gemini -p ... --output-format stream-json`) to gump's normalized
// events. The reference is tests/fixtures/agents/README.md.
#include <gump/agent_stream.hpp>

#include <string>

namespace gemini_cli {

class GeminiParser final : public gump::sdk::StreamParser {
public:
    using StreamParser::StreamParser;

private:
    void on_event(const boost::json::object& event) override;
    void on_exit(const gump::sdk::Exit& exit) override;
    void on_result(const boost::json::object& result);
    void model_output();
    void flush_text();

    bool m_reply_open = false; // the model's current reply has begun (no tool result since)
    std::string m_chunks;      // assistant chunks of the current run of text, not yet emitted
    std::string m_answer;      // the last complete run: the final answer
    std::string m_warning;     // the last non-fatal error event
    bool m_error_unclassified = false; // the result's error text named no cause
};

} // namespace gemini_cli
