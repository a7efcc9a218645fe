#pragma once
// Codex's JSON-lines stream (`codex exec --json`) to gump's normalized events. The reference is
// tests/fixtures/agents/README.md.
#include <gump/agent_stream.hpp>

#include <string>

namespace codex {

class CodexParser final : public gump::sdk::StreamParser {
public:
    using StreamParser::StreamParser;

private:
    void on_event(const boost::json::object& event) override;
    void on_exit(const gump::sdk::Exit& exit) override;
    void on_item(const boost::json::object& item);
    void on_file_change(const boost::json::object& item);
    void on_turn_completed(const boost::json::object& usage);

    std::string m_answer; // the last agent_message: codex's final answer
    std::string m_error;  // the last top-level error that was not a "Reconnecting..." notice
};

} // namespace codex
