#include "gemini_parser.hpp"

#include <algorithm>

namespace gemini_cli {

namespace json = boost::json;
using namespace gump::sdk;

namespace {

// The file or command a tool call is about, for the live display.
std::string_view summary_of(const json::object& parameters) {
    return field_first(parameters, {"file_path", "absolute_path", "command", "dir_path", "path",
                                    "pattern", "url", "query"});
}

// stats.input_tokens is the whole prompt; `cached` and `input` are its two parts. output_tokens
// leaves thinking out, which is billed as output and only shows in total_tokens.
Usage usage_of(const json::object& stats) {
    long long prompt = field_count(stats, "input_tokens");
    long long cached = std::min(prompt, field_count(stats, "cached"));
    long long fresh = field(stats, "input") ? field_count(stats, "input") : prompt - cached;
    long long output = field_count(stats, "output_tokens");
    long long unseen = std::max(0LL, field_count(stats, "total_tokens") - prompt - output);
    return {fresh, output + unseen, cached, 0};
}

// "[API Error: {"error":{"code":401,"message":…,"status":"UNAUTHENTICATED"}}]": the provider's
// own answer is embedded. Google answers a bad API key with 400 INVALID_ARGUMENT, so its wording
// is read before the code.
Failure classify_error(std::string_view message) {
    Failure by_text = classify_text(message);
    if (by_text == Failure::auth) return by_text;
    size_t open = message.find('{'), close = message.rfind('}');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
        boost::system::error_code ec;
        json::value v = json::parse(message.substr(open, close - open + 1), ec);
        if (!ec && v.is_object()) {
            const json::object& error = field_obj(v.get_object(), "error");
            if (long long code = field_int(error, "code"))
                if (Failure f = classify_status(code); f != Failure::agent) return f;
            std::string_view status = field_str(error, "status");
            if (status == "UNAUTHENTICATED" || status == "PERMISSION_DENIED") return Failure::auth;
            if (status == "RESOURCE_EXHAUSTED" || status == "UNAVAILABLE" || status == "INTERNAL" ||
                status == "DEADLINE_EXCEEDED")
                return Failure::transient;
            if (status == "INVALID_ARGUMENT" || status == "NOT_FOUND") return Failure::config;
        }
    }
    return by_text;
}

// gemini's exit codes: its own fatal errors, and on an API error the HTTP status truncated to a
// byte (process.exit(status)): 401 → 145, 429 → 173, 500 → 244.
Failure failure_of_exit(int code) {
    switch (code) {
    case 41:
        return Failure::auth; // no usable auth method configured
    case 42:
        return Failure::config; // bad input, e.g. a --resume id this project does not have
    case 44:
        return Failure::config; // sandbox
    case 52:
        return Failure::config; // settings
    case 53:
        return Failure::agent; // its own turn limit
    case 54:
        return Failure::agent; // a fatal tool error
    default:
        break;
    }
    if (code >= 144 && code <= 255) // 400..511
        if (Failure f = classify_status(code + 256); f != Failure::agent) return f;
    return Failure::none;
}

std::string stderr_line(std::string_view text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.remove_suffix(1);
    size_t nl = text.rfind('\n');
    std::string_view line = nl == std::string_view::npos ? text : text.substr(nl + 1);
    return std::string(line.substr(0, 500));
}

} // namespace

void GeminiParser::on_event(const json::object& event) {
    std::string_view type = field_str(event, "type");
    if (type == "init") {
        session(field_str(event, "session_id"));
    } else if (type == "message") {
        std::string_view role = field_str(event, "role");
        if (role == "assistant") {
            model_output();
            // Chunks (delta) make one text; a whole message stands alone.
            bool delta = field_bool(event, "delta");
            if (!delta) flush_text();
            m_chunks += field_str(event, "content");
            if (!delta) flush_text();
        } else if (role == "user") {
            flush_text();
            m_reply_open = false;
        }
    } else if (type == "tool_use") {
        flush_text();
        model_output();
        std::string_view name = field_str(event, "tool_name");
        const json::object& parameters = field_obj(event, "parameters");
        std::string_view about = summary_of(parameters);
        tool_call(name, about);
        if (!about.empty()) {
            if (name == "write_file")
                file_change(about, "write");
            else if (name == "replace" || name == "edit")
                file_change(about, "edit");
        }
    } else if (type == "tool_result") {
        // The results go back to the model: its next output is a new request.
        flush_text();
        m_reply_open = false;
    } else if (type == "error") {
        m_warning = std::string(field_str(event, "message"));
    } else if (type == "result") {
        flush_text();
        on_result(event);
    }
}

// The stream counts no turns: one begins at the model's first output after the prompt or after
// tool results.
void GeminiParser::model_output() {
    if (m_reply_open) return;
    m_reply_open = true;
    turn();
}

// The old implementation kept only the last delta; the answer is all of them, in order.
void GeminiParser::flush_text() {
    if (m_chunks.empty()) return;
    text(m_chunks);
    m_answer = std::exchange(m_chunks, {});
}

void GeminiParser::on_result(const json::object& result) {
    session(field_str(result, "session_id"));
    if (const json::value* stats = field(result, "stats"); stats && stats->is_object())
        usage(usage_of(stats->get_object())); // this invocation's, also on resume; no cost
    if (field_str(result, "status") == "success") {
        finished(true, m_answer);
        return;
    }
    const json::object& error = field_obj(result, "error");
    std::string_view message = field_str(error, "message");
    if (message.empty()) message = m_warning;
    if (message.empty()) message = field_str(error, "type");
    Failure f = classify_error(message);
    m_error_unclassified = f == Failure::agent;
    failed(f, message.empty() ? "status " + std::string(field_str(result, "status"))
                              : std::string(message));
}

void GeminiParser::on_exit(const Exit& exit) {
    flush_text();
    if (exit.killed) return; // gump stopped it: without a result the base says timeout
    Failure by_code = failure_of_exit(exit.code);
    if (m_out.finished) {
        if (!m_out.success && m_error_unclassified && by_code != Failure::none)
            m_out.failure = by_code;
        return;
    }
    // No result event. gemini exits 0 when its group gets SIGTERM, so the base's crash stands
    // unless the exit code names the cause.
    if (by_code == Failure::none || exit.signal) return;
    m_out.failure = by_code;
    m_out.message = !m_warning.empty() ? m_warning : stderr_line(exit.stderr_text);
    if (m_out.message.empty()) m_out.message = "exit code " + std::to_string(exit.code);
}

} // namespace gemini_cli
