#pragma once
// opencode's JSON-lines stream (`opencode run --format json`) to gump's normalized events. The
// reference is tests/fixtures/agents/README.md.
#include <gump/agent_stream.hpp>

#include <string>
#include <vector>

namespace opencode {

// The words of `opencode run -- WORDS...` that opencode turns back into exactly `prompt`: it
// joins its message words with spaces after wrapping each word that holds a space in quotes
// (and escaping its quotes), so the prompt is cut at every space.
std::vector<std::string> prompt_words(std::string_view prompt);

class OpencodeParser final : public gump::sdk::StreamParser {
public:
    using StreamParser::StreamParser;

private:
    void on_event(const boost::json::object& event) override;
    void on_exit(const gump::sdk::Exit& exit) override;
    void on_tool(const boost::json::object& part);
    void on_step_finish(const boost::json::object& part);
    void on_error(const boost::json::object& error);

    gump::sdk::Usage m_total; // the steps so far: opencode reports each step on its own
    double m_cost = 0;        // the same, in USD, from the prices in opencode's config
    std::string m_answer;     // the last text part: opencode's final answer
    std::string m_reason;     // why the last step ended ("tool-calls", "stop", "length"...)
    bool m_error = false;     // an error line came: no "stop" makes this run a success
};

} // namespace opencode
