#include "qwen_parser.hpp"

#include <algorithm>

namespace qwen_code {

namespace json = boost::json;
using namespace gump::sdk;

namespace {

constexpr std::string_view api_error_prefix = "[API Error";

// The file or command a tool call is about, for the live display.
std::string_view summary_of(const json::object& input) {
    return field_first(
        input, {"file_path", "absolute_path", "command", "pattern", "path", "dir_path", "url"});
}

// qwen reports Gemini-style numbers: input_tokens is the whole prompt, its cached part included,
// and output_tokens leaves thinking out (only total_tokens has it). gump's buckets are disjoint.
Usage usage_of(const json::object& u) {
    long long prompt = field_count(u, "input_tokens");
    long long cached = std::min(prompt, field_count(u, "cache_read_input_tokens"));
    long long output = field_count(u, "output_tokens");
    long long total = field_count(u, "total_tokens");
    long long unseen = std::max(0LL, total - prompt - output);
    return {prompt - cached, output + unseen, cached, 0};
}

// qwen words every provider error "[API Error: <status> …]"; 0.15.10 even reports it as a
// successful result.
bool is_api_error(std::string_view text) {
    size_t first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text.substr(first).starts_with(api_error_prefix);
}

// The status right after the prefix decides; a wording without one (OAuth, network) is read.
Failure classify_api_error(std::string_view text) {
    size_t at = text.find(api_error_prefix);
    if (at != std::string_view::npos) {
        std::string_view rest = text.substr(at + api_error_prefix.size());
        size_t digits = rest.find_first_not_of(": ");
        if (digits != std::string_view::npos && rest.size() >= digits + 3) {
            std::string_view code = rest.substr(digits, 3);
            bool three = std::all_of(code.begin(), code.end(),
                                     [](char c) { return c >= '0' && c <= '9'; }) &&
                         (rest.size() == digits + 3 ||
                          !(rest[digits + 3] >= '0' && rest[digits + 3] <= '9'));
            if (three) {
                long long status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
                if (Failure f = classify_status(status); f != Failure::agent) return f;
            }
        }
    }
    return classify_text(text);
}

} // namespace

void QwenParser::on_event(const json::object& event) {
    std::string_view type = field_str(event, "type");
    if (type == "system") {
        session(field_str(event, "session_id"));
    } else if (type == "assistant") {
        session(field_str(event, "session_id"));
        on_assistant(event);
    } else if (type == "user") {
        // Tool results go back to the model: the next assistant message is a new request.
        if (field_str(event, "parent_tool_use_id").empty()) m_reply_open = false;
    } else if (type == "result") {
        on_result(event);
    }
    // stream_event (goal state, partial messages) carries nothing gump needs.
}

// Sessions belong to the directory they were made in: a resume anywhere else exits 1 before
// any result, and trying again cannot help.
void QwenParser::on_exit(const Exit& exit) {
    if (m_out.finished || exit.killed) return;
    if (size_t at = exit.stderr_text.find("No saved session found"); at != std::string::npos) {
        m_out.failure = Failure::config;
        std::string_view line(exit.stderr_text);
        line = line.substr(at, line.find('\n', at) - at);
        m_out.message = std::string(line.substr(0, 300));
    }
}

// qwen splits one model reply into one assistant message per kind of block (thinking, text,
// tool_use), and only the last carries the request's usage: a turn starts at the first message
// after the prompt or after tool results, and usage is summed over messages.
void QwenParser::on_assistant(const json::object& event) {
    const json::object& message = field_obj(event, "message");
    if (std::string_view id = field_str(message, "id"); !id.empty()) {
        if (id == m_message_id) return;
        m_message_id = std::string(id);
    }
    // A subagent's messages name the tool call that started it; its requests are not turns of
    // this session (qwen's --max-session-turns does not count them either).
    if (field_str(event, "parent_tool_use_id").empty() && !m_reply_open) {
        m_reply_open = true;
        turn();
    }
    if (const json::value* u = field(message, "usage"); u && u->is_object()) {
        m_saw_request_usage = true;
        Usage request = usage_of(u->get_object());
        if (request.total() > 0) {
            m_requests += request;
            usage(m_requests);
        }
    }
    for (const auto& block : field_arr(message, "content")) {
        if (!block.is_object()) continue;
        const json::object& b = block.get_object();
        std::string_view kind = field_str(b, "type");
        if (kind == "text") {
            std::string_view said = field_str(b, "text");
            if (is_api_error(said))
                m_api_error = std::string(said); // an error, not something the agent said
            else
                text(said);
        } else if (kind == "tool_use") {
            std::string_view name = field_str(b, "name");
            const json::object& input = field_obj(b, "input");
            std::string_view about = summary_of(input);
            tool_call(name, about);
            if (about.empty()) continue;
            if (name == "write_file")
                file_change(about, "write");
            else if (name == "edit" || name == "replace")
                file_change(about, "edit");
        }
    }
}

// result.usage counts every request of the session (a subagent's and background ones too, which
// print no per-request numbers), over all its invocations so far.
Usage QwenParser::invocation_usage(const Usage& cumulative) const {
    if (!start().resumed) return cumulative;
    if (start().previous_usage) return cumulative.since(*start().previous_usage);
    // Resumed without the previous total: the per-request sum is this invocation's own; with no
    // per-request numbers at all the session total over-counts, safer for budgets than less.
    return m_saw_request_usage ? m_requests : cumulative;
}

void QwenParser::on_result(const json::object& result) {
    session(field_str(result, "session_id"));
    m_out.turns = std::max(m_out.turns,
                           static_cast<int>(std::min(field_count(result, "num_turns"), 100000LL)));
    Usage cumulative = usage_of(field_obj(result, "usage"));
    m_out.session_usage = cumulative;
    usage(invocation_usage(cumulative)); // qwen reports no cost: gump estimates it

    std::string_view text = field_str(result, "result");
    bool is_error = field_bool(result, "is_error") || field_str(result, "subtype") != "success" ||
                    is_api_error(text);
    if (!is_error) {
        finished(true, text);
        return;
    }
    std::string_view message = field_str(field_obj(result, "error"), "message");
    if (message.empty()) message = text;
    if (message.empty()) message = m_api_error;
    if (message.empty()) message = field_str(result, "subtype");
    failed(classify_api_error(message), message);
}

} // namespace qwen_code
