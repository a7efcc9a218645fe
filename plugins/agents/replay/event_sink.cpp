#include "event_sink.hpp"

#include <filesystem>

namespace replay {

EventSink::EventSink(const gump::sdk::Host& host, const std::string& stream_path) : m_host(host) {
    if (!stream_path.empty()) {
        m_stream.open(stream_path, std::ios::binary | std::ios::trunc);
        // The stream is a record, not the run: a disk that refuses it must not fail the attempt.
        if (!m_stream) m_host.warn("cannot write the agent stream to " + stream_path);
    }
}

void EventSink::emit(const boost::json::object& event) {
    if (m_stream.is_open()) {
        // Flushed per line, so a crash still leaves every event before it.
        m_stream << boost::json::serialize(event) << '\n' << std::flush;
    }
    m_host.emit(event);
}

std::string stream_path(const std::string& artifacts_dir) {
    if (artifacts_dir.empty()) return "";
    std::error_code ec;
    std::filesystem::create_directories(artifacts_dir, ec);
    return (std::filesystem::path(artifacts_dir) / "stream.jsonl").string();
}

} // namespace replay
