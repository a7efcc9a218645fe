#pragma once
// What an attempt has done so far, and the moves both ways of playing a step share: noticing a
// cancellation, failing, and performing a file operation with its events.
#include "event_sink.hpp"
#include "outcome.hpp"
#include "request.hpp"
#include "script.hpp"

#include <gump/sdk.hpp>

#include <string>

namespace replay {

class Attempt {
public:
    // The session is the request's when it resumes one, else the entry's. `stream_path` as for
    // EventSink.
    Attempt(const gump::sdk::Host& host, const Entry& entry, const RunRequest& request,
            const std::string& stream_path);

    // True, with the outcome failed as "stopped by gump", when gump cancelled.
    bool stopped();
    void fail(Failure failure);
    void emit(const boost::json::object& event) { m_sink.emit(event); }

    // tool_call, the change itself, file_change. False when gump cancelled (before the change,
    // when that was right after the tool_call) or the change failed; the outcome says which.
    bool play_op(const FileOp& op);

    const gump::sdk::Host& host() const { return m_host; }
    const Entry& entry() const { return m_entry; }
    const RunRequest& request() const { return m_request; }
    Outcome& outcome() { return m_out; }

private:
    const gump::sdk::Host& m_host;
    const Entry& m_entry;
    const RunRequest& m_request;
    EventSink m_sink;
    Outcome m_out;
};

} // namespace replay
