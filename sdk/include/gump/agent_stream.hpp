// gump plugin SDK: reading an agent CLI's JSON-lines stream, header-only.
//
// A CLI agent plugin holds only what differs between CLIs: a StreamParser subclass that turns
// the CLI's events into gump's normalized ones (docs/agent-contract.md) and decides the outcome
// from the final structured event. Everything else is here: tolerant line parsing (partial,
// cut, non-UTF-8 and non-JSON lines are counted and skipped), field access that never throws,
// the normalized event builders, and failure classification.
//
//     class MyParser final : public gump::sdk::StreamParser {
//         void on_event(const json::object& e) override {
//             if (field_str(e, "type") == "done") finished(field_bool(e, "ok"));
//         }
//     };
#pragma once

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gump::sdk {
inline namespace v1 {

namespace json = boost::json;

// ---- Field access that never throws: a missing or mistyped field reads as empty. -------------

inline const json::value* field(const json::object& o, std::string_view key) {
    return o.if_contains(key);
}
inline std::string_view field_str(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}
inline long long field_int(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v) return 0;
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64())
        return static_cast<long long>(std::min<uint64_t>(v->get_uint64(), INT64_MAX));
    if (v->is_double()) {
        double d = v->get_double();
        return d > -9.2e18 && d < 9.2e18 ? static_cast<long long>(d) : 0;
    }
    return 0;
}
// A count (tokens, turns): never negative, and never more than a trillion: no invocation reads
// that many tokens, and the cap keeps sums of a hostile stream's numbers from overflowing.
inline constexpr long long max_count = 1'000'000'000'000LL;
inline long long field_count(const json::object& o, std::string_view key) {
    return std::clamp(field_int(o, key), 0LL, max_count);
}
// The first of `keys` that holds a non-empty string (what a tool call is about: its file, its
// command...), or empty.
inline std::string_view field_first(const json::object& o,
                                    std::initializer_list<std::string_view> keys) {
    for (std::string_view key : keys)
        if (auto v = field_str(o, key); !v.empty()) return v;
    return {};
}
inline std::optional<double> field_number(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v || !v->is_number()) return std::nullopt;
    return v->to_number<double>();
}
inline bool field_bool(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_bool() && v->get_bool();
}
inline const json::object& field_obj(const json::object& o, std::string_view key) {
    static const json::object empty;
    const json::value* v = o.if_contains(key);
    return v && v->is_object() ? v->get_object() : empty;
}
inline const json::array& field_arr(const json::object& o, std::string_view key) {
    static const json::array empty;
    const json::value* v = o.if_contains(key);
    return v && v->is_array() ? v->get_array() : empty;
}

// ---- Usage and outcome ------------------------------------------------------------------------

struct Usage {
    long long input = 0;
    long long output = 0;
    long long cache_read = 0;
    long long cache_write = 0;

    long long total() const { return input + output + cache_read + cache_write; }
    Usage& operator+=(const Usage& o) {
        input += o.input;
        output += o.output;
        cache_read += o.cache_read;
        cache_write += o.cache_write;
        return *this;
    }
    // What a cumulative count added since `earlier` (never negative: a CLI that restarted its
    // count reads as this invocation's own).
    Usage since(const Usage& earlier) const {
        if (input < earlier.input || output < earlier.output) return *this;
        return {input - earlier.input, output - earlier.output,
                std::max(0LL, cache_read - earlier.cache_read),
                std::max(0LL, cache_write - earlier.cache_write)};
    }
    json::object to_json() const {
        return {{"input_tokens", input},
                {"output_tokens", output},
                {"cache_read_tokens", cache_read},
                {"cache_write_tokens", cache_write}};
    }
    static Usage from_json(const json::object& o) {
        return {field_count(o, "input_tokens"), field_count(o, "output_tokens"),
                field_count(o, "cache_read_tokens"), field_count(o, "cache_write_tokens")};
    }
};

// Failure classes of docs/agent-contract.md. auth and config stop the run; transient is retried
// by gump without spending a ladder attempt.
enum class Failure { none, auth, config, transient, crash, timeout, agent };

inline const char* to_string(Failure f) {
    switch (f) {
    case Failure::none:
        return "";
    case Failure::auth:
        return "auth";
    case Failure::config:
        return "config";
    case Failure::transient:
        return "transient";
    case Failure::crash:
        return "crash";
    case Failure::timeout:
        return "timeout";
    case Failure::agent:
        return "agent";
    }
    return "agent";
}

// An HTTP status a provider answered with.
inline Failure classify_status(long long status) {
    if (status == 401 || status == 403) return Failure::auth;
    if (status == 400 || status == 404 || status == 422) return Failure::config;
    if (status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599))
        return Failure::transient;
    return Failure::agent;
}

// ASCII lower case, for matching error texts.
inline std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}
// Whether `text` holds one of `words` (both as given: lowercase the text first to ignore case).
inline bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words)
        if (text.find(w) != std::string_view::npos) return true;
    return false;
}

// The first three-digit HTTP error status (4xx/5xx) standing alone in an error text, or 0.
inline long long http_status_in(std::string_view text) {
    for (size_t i = 0; i + 3 <= text.size(); ++i) {
        if (text[i] != '4' && text[i] != '5') continue;
        if (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) continue;
        if (!std::isdigit(static_cast<unsigned char>(text[i + 1])) ||
            !std::isdigit(static_cast<unsigned char>(text[i + 2])))
            continue;
        if (i + 3 < text.size() && std::isalnum(static_cast<unsigned char>(text[i + 3]))) continue;
        return (text[i] - '0') * 100 + (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
    }
    return 0;
}

namespace detail {

// The bytes with every invalid UTF-8 sequence replaced by U+FFFD.
inline std::string valid_utf8(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    size_t i = 0;
    while (i < in.size()) {
        auto c = static_cast<unsigned char>(in[i]);
        size_t len = c < 0x80           ? 1
                     : (c >> 5) == 0x6  ? 2
                     : (c >> 4) == 0xE  ? 3
                     : (c >> 3) == 0x1E ? 4
                                        : 0;
        bool ok = len > 0 && i + len <= in.size() && !(len == 2 && c < 0xC2);
        for (size_t k = 1; ok && k < len; ++k)
            ok = (static_cast<unsigned char>(in[i + k]) >> 6) == 0x2;
        if (ok) {
            out.append(in.substr(i, len));
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}
} // namespace detail

// An error text a CLI printed: the status it names first, then well-known wordings.
inline Failure classify_text(std::string_view text) {
    std::string t = lowercase(text);
    if (contains_any(t, {"unauthorized", "invalid api key", "invalid x-api-key", "not logged in",
                         "please run /login", "authentication", "api key not valid",
                         "forbidden", "credential"}))
        return Failure::auth;
    if (long long status = http_status_in(text)) return classify_status(status);
    if (contains_any(t, {"rate limit", "overloaded", "high demand", "try again", "econnrefused",
                         "econnreset", "etimedout", "enotfound", "socket hang up", "fetch failed",
                         "network", "temporarily", "unavailable"}))
        return Failure::transient;
    if (contains_any(t, {"unknown option", "unknown argument", "unrecognized", "invalid model",
                         "unknown model", "model not found", "not supported", "invalid value"}))
        return Failure::config;
    return Failure::agent;
}

// What one invocation of a CLI came to. Numbers count this invocation only.
struct Outcome {
    bool finished = false; // the CLI's final structured event arrived
    bool success = false;  // ... and it says the work succeeded
    std::string session;
    std::string text; // the final answer
    int turns = 0;
    Usage usage;
    std::optional<double> cost_usd; // reported by the provider for this invocation
    Failure failure = Failure::none;
    std::string message; // the CLI's own error text, when it failed
    // Session-cumulative numbers the CLI reported, kept so a later resume can subtract them.
    std::optional<Usage> session_usage;
    std::optional<double> session_cost;
};

// How the CLI's process ended.
struct Exit {
    int code = 0;
    int signal = 0;
    bool killed = false; // gump stopped it (guard, budget, Ctrl-C or the idle timeout)
    std::string stderr_text;
};

// ---- The parser base ------------------------------------------------------------------------

// What a parser knows before the stream starts. `previous_*` are the session-cumulative numbers
// the last invocation of a resumed session ended with (see Outcome::session_usage).
struct StreamStart {
    bool resumed = false;
    std::optional<Usage> previous_usage;
    std::optional<double> previous_cost;
    std::string worktree; // file changes under it are reported relative to it
};

class StreamParser {
public:
    using Start = StreamStart;

    explicit StreamParser(Start start = {})
        : m_start(std::move(start)), m_parser(json::storage_ptr(), options()) {}
    virtual ~StreamParser() = default;
    StreamParser(const StreamParser&) = delete;
    StreamParser& operator=(const StreamParser&) = delete;

    // One line of the CLI's stdout, without its newline. Anything that is not a JSON object is
    // skipped (and counted): banners, partial or cut lines, nested garbage.
    void feed(std::string_view line) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.remove_suffix(1);
        size_t first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos || line[first] != '{') {
            if (first != std::string_view::npos) ++m_skipped;
            return;
        }
        line.remove_prefix(first);
        json::value value;
        if (!parse(line, value)) {
            // A CLI may cut a multi-byte character or print raw bytes: keep the event with
            // the bad bytes replaced rather than lose it.
            std::string repaired = detail::valid_utf8(line);
            if (repaired.size() == line.size() && repaired == line) {
                ++m_skipped;
                return;
            }
            if (!parse(repaired, value)) {
                ++m_skipped;
                return;
            }
        }
        if (!value.is_object()) {
            ++m_skipped;
            return;
        }
        on_event(value.get_object());
    }

    // The process ended: the outcome, decided from the final structured event only.
    Outcome finish(const Exit& exit) {
        on_exit(exit);
        if (!m_out.finished && m_out.failure == Failure::none) {
            m_out.success = false;
            // Some CLIs say why they failed on stderr only (cursor-agent, any CLI refusing its
            // command line); a failure that names its cause is that cause, not a crash.
            Failure said = classify_text(exit.stderr_text);
            if (exit.killed)
                m_out.failure = Failure::timeout;
            else if (said == Failure::config || said == Failure::auth ||
                     (said == Failure::transient && (exit.code != 0 || exit.signal != 0)))
                m_out.failure = said;
            else
                m_out.failure = Failure::crash;
            if (m_out.message.empty()) m_out.message = last_line(exit.stderr_text);
        }
        if (m_out.success)
            m_out.failure = Failure::none;
        else if (m_out.failure == Failure::none)
            m_out.failure = Failure::agent;
        return m_out;
    }

    // Normalized events gathered since the last call, in order.
    std::vector<json::object> take_events() { return std::exchange(m_events, {}); }
    const Outcome& outcome() const { return m_out; }
    size_t skipped_lines() const { return m_skipped; }

protected:
    virtual void on_event(const json::object& event) = 0;
    // The process ended; the final event may still be missing (killed, crashed).
    virtual void on_exit(const Exit&) {}

    const Start& start() const { return m_start; }

    // The last non-blank line of a CLI's stderr (its error, usually), at most 500 bytes.
    static std::string last_line(std::string_view text) {
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
            text.remove_suffix(1);
        size_t nl = text.rfind('\n');
        std::string_view line = nl == std::string_view::npos ? text : text.substr(nl + 1);
        return std::string(line.substr(0, 500));
    }

    // ---- Builders: each updates the outcome and queues the normalized event. ----
    void session(std::string_view id) {
        if (id.empty() || id == m_out.session) return;
        m_out.session = std::string(id);
        m_events.push_back({{"type", "session"}, {"id", id}});
    }
    void turn() {
        ++m_out.turns;
        m_events.push_back({{"type", "turn"}, {"number", m_out.turns}});
    }
    void text(std::string_view t) {
        if (t.empty()) return;
        m_events.push_back({{"type", "text"}, {"text", t}});
    }
    void tool_call(std::string_view name, std::string_view summary = {}) {
        json::object e{{"type", "tool_call"}, {"name", name}};
        if (!summary.empty()) e["summary"] = summary;
        m_events.push_back(std::move(e));
    }
    void file_change(std::string_view path, std::string_view action) {
        const std::string& root = m_start.worktree;
        if (!root.empty() && path.size() > root.size() + 1 && path.starts_with(root) &&
            path[root.size()] == '/')
            path.remove_prefix(root.size() + 1);
        m_events.push_back({{"type", "file_change"}, {"path", path}, {"action", action}});
    }
    // The invocation's totals so far (not a delta).
    void usage(const Usage& so_far, std::optional<double> cost = std::nullopt) {
        m_out.usage = so_far;
        if (cost) m_out.cost_usd = cost;
        json::object e = so_far.to_json();
        e["type"] = "usage";
        if (m_out.cost_usd) e["cost_usd"] = *m_out.cost_usd;
        m_events.push_back(std::move(e));
    }
    // The final structured event arrived.
    void finished(bool success, std::string_view final_text = {}) {
        m_out.finished = true;
        m_out.success = success;
        if (!final_text.empty()) m_out.text = std::string(final_text);
    }
    void failed(Failure failure, std::string_view message) {
        m_out.finished = true;
        m_out.success = false;
        m_out.failure = failure;
        m_out.message = std::string(message);
    }

    Outcome m_out;

private:
    bool parse(std::string_view text, json::value& out) {
        boost::system::error_code ec;
        m_parser.reset();
        m_parser.write(text.data(), text.size(), ec);
        if (ec) return false;
        out = m_parser.release();
        return true;
    }

    static json::parse_options options() {
        json::parse_options o;
        o.max_depth = 64;
        return o;
    }
    Start m_start;
    json::parser m_parser;
    std::vector<json::object> m_events;
    size_t m_skipped = 0;
};

} // namespace v1
} // namespace gump::sdk
