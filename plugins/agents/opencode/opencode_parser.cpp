#include "opencode_parser.hpp"

#include <cmath>

namespace opencode {

namespace json = boost::json;
using namespace gump::sdk;

namespace {

// opencode's input excludes the cache reads and writes it counts apart. Since the AI SDK v6 it
// also takes reasoning out of output and prices it at the output rate; gump has no reasoning
// count, so it goes back into output. `total` is the provider's input + output, which tells
// whether output already holds the reasoning (older opencode).
Usage usage_of(const json::object& tokens) {
    const json::object& cache = field_obj(tokens, "cache");
    Usage u{field_count(tokens, "input"), field_count(tokens, "output"), field_count(cache, "read"),
            field_count(cache, "write")};
    if (long long reasoning = field_count(tokens, "reasoning");
        reasoning > 0 && field_count(tokens, "total") != u.total())
        u.output += reasoning;
    return u;
}

// The file or command a tool call is about, for the live display.
std::string_view summary_of(const json::object& input) {
    return field_first(input, {"filePath", "command", "pattern", "path", "url", "description"});
}

bool ends_the_run(std::string_view reason) {
    return reason == "stop" || reason == "completed";
}

} // namespace

std::vector<std::string> prompt_words(std::string_view prompt) {
    std::vector<std::string> words;
    for (size_t space; (space = prompt.find(' ')) != std::string_view::npos;
         prompt.remove_prefix(space + 1))
        words.emplace_back(prompt.substr(0, space));
    words.emplace_back(prompt);
    return words;
}

void OpencodeParser::on_event(const json::object& event) {
    session(field_str(event, "sessionID"));
    std::string_view type = field_str(event, "type");
    const json::object& part = field_obj(event, "part");
    if (type == "step_start") {
        // Another step after a "stop": the session went on (a queued prompt, a compaction), so
        // that stop was not the end of the run.
        if (m_out.finished && m_out.success) m_out.finished = m_out.success = false;
        m_reason.clear();
        turn();
    } else if (type == "text") {
        std::string_view said = field_str(part, "text");
        text(said);
        if (!said.empty()) m_answer = std::string(said);
    } else if (type == "tool_use") {
        on_tool(part);
    } else if (type == "step_finish") {
        on_step_finish(part);
    } else if (type == "error") {
        on_error(field_obj(event, "error"));
    }
}

// opencode prints a tool part once, when it completed or failed; a failed one changed nothing.
void OpencodeParser::on_tool(const json::object& part) {
    std::string_view name = field_str(part, "tool");
    const json::object& state = field_obj(part, "state");
    const json::object& input = field_obj(state, "input");
    // apply_patch (offered to GPT models) names its files only in the result's metadata.
    const json::array& files = field_arr(field_obj(state, "metadata"), "files");
    std::string_view summary = summary_of(input);
    if (summary.empty() && !files.empty() && files[0].is_object())
        summary = field_str(files[0].get_object(), "filePath");
    tool_call(name.empty() ? "tool" : name, summary);
    if (field_str(state, "status") != "completed") return;

    std::string_view path = field_str(input, "filePath");
    if (name == "write" && !path.empty()) {
        file_change(path, "write");
    } else if ((name == "edit" || name == "multiedit") && !path.empty()) {
        file_change(path, "edit");
    } else if (name == "apply_patch" || name == "patch") {
        for (const auto& f : files) {
            if (!f.is_object()) continue;
            const json::object& file = f.get_object();
            std::string_view from = field_str(file, "filePath");
            std::string_view kind = field_str(file, "type");
            if (from.empty()) continue;
            if (kind == "add") {
                file_change(from, "write");
            } else if (kind == "delete") {
                file_change(from, "delete");
            } else if (std::string_view to = field_str(file, "movePath");
                       kind == "move" && !to.empty()) {
                file_change(from, "delete");
                file_change(to, "write");
            } else {
                file_change(from, "edit");
            }
        }
    }
}

// Tokens and cost come per step; the run's numbers are their sums. The cost is opencode's own
// arithmetic from the prices its config (or models.dev) gives: all zeros means it had no
// prices, not that the run was free, so gump estimates it instead.
void OpencodeParser::on_step_finish(const json::object& part) {
    m_total += usage_of(field_obj(part, "tokens"));
    if (std::optional<double> cost = field_number(part, "cost");
        cost && std::isfinite(*cost) && *cost > 0 && *cost < 1e9)
        m_cost += *cost;
    usage(m_total, m_cost > 0 ? std::optional<double>(m_cost) : std::nullopt);
    m_reason = std::string(field_str(part, "reason"));
    if (!m_error && ends_the_run(m_reason)) finished(true, m_answer);
}

// {"name":"APIError","data":{"message","statusCode",...}}, or ProviderAuthError, UnknownError...
// The first error is the cause; what follows it is fallout.
void OpencodeParser::on_error(const json::object& error) {
    bool first = !m_error;
    m_error = true;
    if (!first && m_out.failure != Failure::agent) return;
    const json::object& data = field_obj(error, "data");
    std::string_view name = field_str(error, "name");
    std::string_view message = field_str(data, "message");
    if (message.empty()) message = field_str(error, "message");
    if (message.empty()) message = name.empty() ? std::string_view("error") : name;
    Failure f = Failure::agent;
    if (name == "ProviderAuthError")
        f = Failure::auth;
    else if (long long status = field_int(data, "statusCode"))
        f = classify_status(status);
    if (f == Failure::agent) f = classify_text(message);
    if (first || f != Failure::agent) failed(f, message);
}

// A last step that ended for another reason than "stop" ("length", "content-filter") and then
// nothing: opencode gave up by itself, which is the agent's failure rather than a crash. After
// "tool-calls" or "unknown" opencode goes on, so stopping there is a crash.
void OpencodeParser::on_exit(const Exit& exit) {
    if (m_out.finished || exit.killed || m_reason.empty() || m_reason == "tool-calls" ||
        m_reason == "unknown")
        return;
    failed(Failure::agent, "the model stopped (" + m_reason + ")");
}

} // namespace opencode
