#include "cursor_parser.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace cursor {

namespace json = boost::json;
using namespace gump::sdk;

namespace {

constexpr std::string_view tool_suffix = "ToolCall";

// cursor-agent colours some of its error lines even without a terminal: drop the escape
// sequences, join the lines, and cut on a character boundary so the message stays UTF-8.
std::string message_of(std::string_view text) {
    std::string out;
    bool line_start = true;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\x1b') {
            if (i + 1 < text.size() && text[i + 1] == '[') {
                i += 2;
                while (i < text.size() && !(text[i] >= '@' && text[i] <= '~'))
                    ++i;
            }
            continue;
        }
        if (c == '\n' || c == '\r') {
            line_start = true;
            continue;
        }
        if (line_start && (c == ' ' || c == '\t')) continue;
        if (line_start && !out.empty()) out += ' ';
        line_start = false;
        out += c;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    if (out.size() > 500) {
        size_t cut = 500;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
            --cut;
        out.resize(cut);
    }
    return out;
}

struct Tool {
    std::string_view key;  // "editToolCall"
    std::string_view name; // "edit"
    const json::object* body;
};

// The tool is the key of the one `…ToolCall` object inside `tool_call`; its siblings are
// bookkeeping (toolCallId, startedAtMs, hookAdditionalContexts).
Tool tool_of(const json::object& call) {
    static const json::object none;
    for (const auto& [key, value] : call) {
        std::string_view k = key;
        if (value.is_object() && k.size() > tool_suffix.size() && k.ends_with(tool_suffix))
            return {k, k.substr(0, k.size() - tool_suffix.size()), &value.get_object()};
    }
    // A tool of a shape this parser does not know still counts as a tool use.
    for (const auto& [key, value] : call) {
        std::string_view k = key;
        if (value.is_object() && value.get_object().contains("args"))
            return {k, k, &value.get_object()};
    }
    return {{}, "unknown", &none};
}

// The file or command a tool call is about, for the live display.
std::string_view summary_of(const json::object& args) {
    return field_first(args,
                       {"command", "pattern", "globPattern", "path", "url", "query", "toolName"});
}

// What a finished tool did to its file; empty when it changes none. editToolCall both
// creates and edits: its diff starts at /dev/null when the file is new.
std::string_view action_of(std::string_view key, const json::object& success) {
    if (key == "writeToolCall") return "write";
    if (key == "deleteToolCall") return "delete";
    if (key == "editToolCall")
        return field_str(success, "diffString").starts_with("--- /dev/null") ? "write" : "edit";
    return {};
}

Usage usage_of(const json::object& u) {
    return {field_count(u, "inputTokens"), field_count(u, "outputTokens"),
            field_count(u, "cacheReadTokens"), field_count(u, "cacheWriteTokens")};
}

} // namespace

Failure classify(std::string_view text) {
    std::string t = lowercase(text);
    // "Error: Authentication required. Please run 'cursor-agent login' first…" and "The
    // provided API key is invalid." are cursor-agent's own texts; the bracketed words are the
    // Connect error codes its backend answers with.
    if (contains_any(t, {"authentication required", "not authenticated", "unauthenticated",
                         "api key is invalid", "agent login", "[permission_denied]"}))
        return Failure::auth;
    if (contains_any(t, {"workspace trust required"})) return Failure::config;
    if (contains_any(t, {"[unavailable]", "[internal]", "[deadline_exceeded]", "[aborted]",
                         "[resource_exhausted]"}))
        return Failure::transient;
    return classify_text(text);
}

void CursorParser::on_event(const json::object& event) {
    session(field_str(event, "session_id"));
    std::string_view type = field_str(event, "type");
    if (type == "assistant")
        on_assistant(event);
    else if (type == "tool_call")
        on_tool_call(event);
    else if (type == "result")
        on_result(event);
    // system/init (the session, taken above), user (the prompt echoed) and thinking carry
    // nothing gump reports.
}

// A turn is one model request. Cursor tags the events of a request that used tools with its
// model_call_id; the request that only answers has none, so an untagged message after a tool
// began the next request. No usage arrives before the result: turns carry no numbers.
void CursorParser::begin_turn_if_new(const json::object& event, bool assistant) {
    std::string_view id = field_str(event, "model_call_id");
    bool fresh =
        id.empty() ? m_out.turns == 0 || (assistant && m_tool_in_turn) : id != m_model_call;
    if (!id.empty()) m_model_call = std::string(id);
    if (!fresh) return;
    turn();
    m_tool_in_turn = false;
}

void CursorParser::on_assistant(const json::object& event) {
    begin_turn_if_new(event, true);
    std::string said;
    for (const auto& block : field_arr(field_obj(event, "message"), "content"))
        if (block.is_object() && field_str(block.get_object(), "type") == "text")
            said += field_str(block.get_object(), "text");
    if (said.empty()) return;
    text(said);
    m_last_message = std::move(said);
}

// `started` says which tool and on what; `completed` says whether it worked, so a file change
// is reported only once the tool succeeded, with the action its result shows.
void CursorParser::on_tool_call(const json::object& event) {
    Tool tool = tool_of(field_obj(event, "tool_call"));
    const json::object& args = field_obj(*tool.body, "args");
    std::string_view subtype = field_str(event, "subtype");
    if (subtype == "started") {
        begin_turn_if_new(event, false);
        m_tool_in_turn = true;
        tool_call(tool.name, summary_of(args));
        return;
    }
    if (subtype != "completed") return;
    const json::value* success = field(field_obj(*tool.body, "result"), "success");
    if (!success || !success->is_object()) return;
    std::string_view action = action_of(tool.key, success->get_object());
    if (action.empty()) return;
    std::string_view path = field_str(success->get_object(), "path");
    if (path.empty()) path = field_str(args, "path");
    if (!path.empty()) file_change(path, action);
}

void CursorParser::on_result(const json::object& result) {
    // Usage counts this invocation only, also on resume (a public capture of a resumed session
    // reports a few hundred input tokens against the first run's twelve thousand). No cost is
    // reported: gump estimates it.
    if (const json::value* u = field(result, "usage"); u && u->is_object())
        usage(usage_of(u->get_object()));
    std::string_view said = field_str(result, "result");
    std::string_view subtype = field_str(result, "subtype");
    bool error = field_bool(result, "is_error") || (!subtype.empty() && subtype != "success");
    if (!error) {
        if (m_out.turns == 0) turn(); // an answer took at least one request
        // `result` concatenates every message of the run ("I'll create it." + "done"): the
        // final answer is the last message.
        finished(true, m_last_message.empty() ? said : std::string_view(m_last_message));
        return;
    }
    std::string_view what = said.empty() ? subtype : said;
    failed(classify(what), message_of(what));
}

// Cursor prints authentication, quota and network failures on stderr only, exits 1 and never
// writes a result: the stderr text is all there is to classify. The base class would call a
// server error a crash.
void CursorParser::on_exit(const Exit& exit) {
    if (m_out.finished || exit.killed) return;
    if (Failure f = classify(exit.stderr_text); f != Failure::agent)
        failed(f, message_of(exit.stderr_text));
}

} // namespace cursor
