#include "claude_parser.hpp"

namespace claude_code {

namespace json = boost::json;
using namespace gump::sdk;

namespace {

// The file or command a tool call is about, for the live display.
std::string_view summary_of(const json::object& input) {
    return field_first(input, {"file_path", "notebook_path", "command", "pattern", "path", "url"});
}

Usage usage_of(const json::object& u) {
    return {field_count(u, "input_tokens"), field_count(u, "output_tokens"),
            field_count(u, "cache_read_input_tokens"),
            field_count(u, "cache_creation_input_tokens")};
}

} // namespace

void ClaudeParser::on_event(const json::object& event) {
    std::string_view type = field_str(event, "type");
    if (type == "system") {
        session(field_str(event, "session_id"));
        if (field_str(event, "subtype") == "api_retry")
            m_retry_status = field_int(event, "error_status");
    } else if (type == "assistant") {
        session(field_str(event, "session_id"));
        on_assistant(field_obj(event, "message"));
    } else if (type == "result") {
        on_result(event);
    }
}

// One event per content block; the blocks of one API message share its id, and its usage is
// the message_start one (output about 1 token): counted once per message, replaced by the
// result's exact numbers at the end.
void ClaudeParser::on_assistant(const json::object& message) {
    std::string_view id = field_str(message, "id");
    if (id != m_message_id && field_str(message, "model") != "<synthetic>") {
        m_message_id = std::string(id);
        turn();
        Usage u = usage_of(field_obj(message, "usage"));
        m_live += u;
        usage(m_live);
    }
    for (const auto& block : field_arr(message, "content")) {
        if (!block.is_object()) continue;
        const json::object& b = block.get_object();
        std::string_view kind = field_str(b, "type");
        if (kind == "text")
            text(field_str(b, "text"));
        else if (kind == "tool_use") {
            std::string_view name = field_str(b, "name");
            const json::object& input = field_obj(b, "input");
            tool_call(name, summary_of(input));
            if (name == "Write" || name == "Edit" || name == "MultiEdit" || name == "NotebookEdit")
                file_change(summary_of(input), name == "Write" ? "write" : "edit");
        }
    }
}

void ClaudeParser::on_result(const json::object& result) {
    session(field_str(result, "session_id"));
    bool is_error = field_bool(result, "is_error") || field_str(result, "subtype") != "success";
    // On an API error num_turns counts the synthetic error message: no model answered.
    if (!is_error)
        m_out.turns = std::max(
            m_out.turns, static_cast<int>(std::min(field_count(result, "num_turns"), 100000LL)));
    // 2.1.331 reports total_cost_usd for the whole session on resume and this invocation's in
    // model_usage_since_last_result; 2.1.197 has only total_cost_usd, for this invocation.
    std::optional<double> cost = field_number(result, "total_cost_usd");
    if (const json::value* since = field(result, "model_usage_since_last_result");
        since && since->is_object()) {
        double sum = 0;
        for (const auto& [model, u] : since->get_object())
            if (u.is_object()) sum += field_number(u.get_object(), "costUSD").value_or(0);
        m_out.session_cost = cost;
        cost = sum;
    }
    usage(usage_of(field_obj(result, "usage")), cost);

    std::string_view text = field_str(result, "result");
    if (!is_error) {
        finished(true, text);
        return;
    }
    long long status = field_int(result, "api_error_status");
    if (!status) status = m_retry_status;
    Failure f = status ? classify_status(status) : classify_text(text);
    if (f == Failure::agent && !text.empty()) f = classify_text(text);
    failed(f, text.empty() ? field_str(result, "subtype") : text);
}

} // namespace claude_code
