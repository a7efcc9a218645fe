#include "relay.hpp"

#include <boost/json.hpp>

namespace replay {

namespace json = boost::json;

namespace {

std::optional<long long> whole_number(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64()) return static_cast<long long>(v->as_uint64());
    if (v->is_double()) return static_cast<long long>(v->as_double());
    return std::nullopt;
}

std::optional<double> real_number(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v || !v->is_number()) return std::nullopt;
    return v->to_number<double>();
}

std::optional<std::string> text_of(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->as_string());
}

Usage usage_of(const json::object& event) {
    Usage u;
    u.input_tokens = whole_number(event, "input_tokens").value_or(0);
    u.output_tokens = whole_number(event, "output_tokens").value_or(0);
    u.cache_read_tokens = whole_number(event, "cache_read_tokens").value_or(0);
    u.cache_write_tokens = whole_number(event, "cache_write_tokens").value_or(0);
    u.cost_usd = real_number(event, "cost_usd");
    return u;
}

std::optional<Failure> failure_of(const json::object& result) {
    const json::value* v = result.if_contains("failure");
    if (!v || !v->is_object()) return std::nullopt;
    const json::object& f = v->as_object();
    std::string cls = text_of(f, "class").value_or("agent");
    if (!is_failure_class(cls)) cls = "agent";
    return Failure{cls, text_of(f, "message").value_or("the replay command reported a failure")};
}

} // namespace

std::optional<json::object> event_of_line(std::string_view line) {
    boost::system::error_code ec;
    json::value value = json::parse(line, ec);
    if (ec || !value.is_object()) return std::nullopt;
    const json::value* type = value.as_object().if_contains("type");
    if (!type || !type->is_string()) return std::nullopt;
    return std::move(value.as_object());
}

void Relayed::note(const json::object& event) {
    std::string type = text_of(event, "type").value_or("");
    if (type == "session") {
        if (auto id = text_of(event, "id")) session = *id;
    } else if (type == "text") {
        if (auto t = text_of(event, "text")) text = *t;
    } else if (type == "turn") {
        if (auto n = whole_number(event, "number")) turns = static_cast<int>(*n);
    } else if (type == "usage") {
        usage = usage_of(event);
    } else if (type == "result") {
        has_result = true;
        const json::value* ok = event.if_contains("success");
        result_success = !(ok && ok->is_bool() && !ok->as_bool());
        result_failure = result_success ? std::nullopt : failure_of(event);
    }
}

} // namespace replay
