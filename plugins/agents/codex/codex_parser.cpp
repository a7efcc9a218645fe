#include "codex_parser.hpp"

namespace codex {

namespace json = boost::json;
using namespace gump::sdk;

namespace {

// Codex's input_tokens include the cached and the cache-written ones (OpenAI's convention);
// gump's input is the rest, so a price table counts every token once.
Usage usage_of(const json::object& u) {
    long long cached = field_count(u, "cached_input_tokens");
    long long written = field_count(u, "cache_write_input_tokens");
    long long fresh = std::max(0LL, field_count(u, "input_tokens") - cached);
    fresh = std::max(0LL, fresh - written);
    return {fresh, field_count(u, "output_tokens"), cached, written};
}

// codex prints the provider's status when it has one ("unexpected status 401 Unauthorized"),
// and its own words for a connection that broke.
Failure classify(std::string_view message) {
    Failure f = classify_text(message);
    if (f == Failure::agent && (message.find("stream disconnected") != std::string_view::npos ||
                                message.find("error sending request") != std::string_view::npos))
        return Failure::transient;
    return f;
}

std::string_view action_of(std::string_view kind) {
    if (kind == "add") return "write";
    if (kind == "delete") return "delete";
    return "edit";
}

} // namespace

void CodexParser::on_event(const json::object& event) {
    std::string_view type = field_str(event, "type");
    if (type == "thread.started") {
        session(field_str(event, "thread_id"));
    } else if (type == "item.completed") {
        on_item(field_obj(event, "item"));
    } else if (type == "turn.completed") {
        on_turn_completed(field_obj(event, "usage"));
    } else if (type == "turn.failed") {
        std::string_view message = field_str(field_obj(event, "error"), "message");
        if (message.empty()) message = m_error;
        failed(classify(message), message.empty() ? std::string_view("turn.failed") : message);
    } else if (type == "error") {
        // "Reconnecting... 1/2 (why)" comes before each of codex's own retries: not fatal.
        std::string_view message = field_str(event, "message");
        if (!message.empty() && !message.starts_with("Reconnecting"))
            m_error = std::string(message);
    }
}

// codex reports no model requests, only what they produced. A turn is counted per completed
// model action (a message, a command, a patch, a tool or web call): a message written beside a
// tool call in one response counts twice, reasoning and to-do updates not at all.
void CodexParser::on_item(const json::object& item) {
    std::string_view kind = field_str(item, "type");
    if (kind == "agent_message") {
        turn();
        std::string_view said = field_str(item, "text");
        text(said);
        if (!said.empty()) m_answer = std::string(said);
    } else if (kind == "command_execution") {
        turn();
        tool_call("shell", field_str(item, "command"));
    } else if (kind == "file_change") {
        turn();
        on_file_change(item);
    } else if (kind == "mcp_tool_call") {
        turn();
        std::string_view tool = field_str(item, "tool");
        tool_call(tool.empty() ? "mcp" : tool, field_str(item, "server"));
    } else if (kind == "web_search") {
        turn();
        tool_call("web_search", field_str(item, "query"));
    } else if (kind == "collab_tool_call") {
        turn();
        std::string_view tool = field_str(item, "tool");
        tool_call(tool.empty() ? "collab" : tool);
    }
}

// One apply_patch call may touch several files; a failed patch changed none of them.
void CodexParser::on_file_change(const json::object& item) {
    const json::array& changes = field_arr(item, "changes");
    std::string_view first;
    for (const auto& c : changes)
        if (c.is_object() && !(first = field_str(c.get_object(), "path")).empty()) break;
    tool_call("apply_patch", first);
    if (field_str(item, "status") == "failed") return;
    for (const auto& c : changes) {
        if (!c.is_object()) continue;
        std::string_view path = field_str(c.get_object(), "path");
        if (!path.empty()) file_change(path, action_of(field_str(c.get_object(), "kind")));
    }
}

// turn.completed.usage is the thread's running total, earlier invocations included: this
// invocation's share is what it grew by since the total the last one ended with. Resumed
// without that total (its .gump/sessions file lost), the whole thread is reported: an
// over-count keeps a budget safe where an under-count would not.
void CodexParser::on_turn_completed(const json::object& u) {
    Usage thread = usage_of(u);
    m_out.session_usage = thread;
    const auto& previous = start().previous_usage;
    usage(previous ? thread.since(*previous) : thread);
    finished(true, m_answer);
}

// A stream cut after codex's own fatal error but before turn.failed still says what went wrong.
void CodexParser::on_exit(const Exit& exit) {
    if (!m_out.finished && !exit.killed && !m_error.empty()) failed(classify(m_error), m_error);
}

} // namespace codex
