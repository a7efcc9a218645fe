#pragma once
// Where the scripted agent's events go: to gump, and to the attempt's stream.jsonl so the ledger
// keeps the agent's stream like it keeps a real CLI's.
#include <gump/sdk.hpp>

#include <fstream>
#include <string>

namespace replay {

class EventSink {
public:
    // `stream_path` empty: gump only.
    EventSink(const gump::sdk::Host& host, const std::string& stream_path);

    void emit(const boost::json::object& event);

private:
    const gump::sdk::Host& m_host;
    std::ofstream m_stream;
};

// "<artifacts_dir>/stream.jsonl", or "" without an artifacts directory; creates the directory.
std::string stream_path(const std::string& artifacts_dir);

} // namespace replay
