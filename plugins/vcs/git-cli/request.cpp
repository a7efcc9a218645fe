// Reading the fields of a request.
#include "request.hpp"

#include <gump/sdk.hpp>

namespace gitcli {

namespace {

[[noreturn]] void invalid(const std::string& message) {
    throw gump::sdk::Error(GUMP_ERR_INVALID_ARGUMENT, message);
}

} // namespace

std::string field(const json::object& request, const char* key) {
    const json::value* v = request.if_contains(key);
    if (!v || !v->is_string() || v->as_string().empty())
        invalid(std::string("the request needs a non-empty string \"") + key + "\"; pass it");
    return std::string(v->as_string());
}

std::string optional_field(const json::object& request, const char* key,
                           const std::string& fallback) {
    const json::value* v = request.if_contains(key);
    if (!v || v->is_null()) return fallback;
    if (!v->is_string())
        invalid(std::string("the request's \"") + key + "\" is not a string; pass a string");
    return v->as_string().empty() ? fallback : std::string(v->as_string());
}

bool flag(const json::object& request, const char* key) {
    const json::value* v = request.if_contains(key);
    if (!v || v->is_null()) return false;
    if (!v->is_bool())
        invalid(std::string("the request's \"") + key + "\" is not true or false; pass a boolean");
    return v->as_bool();
}

std::vector<std::string> string_list(const json::object& request, const char* key) {
    std::vector<std::string> list;
    const json::value* v = request.if_contains(key);
    if (!v || v->is_null()) return list;
    if (!v->is_array())
        invalid(std::string("the request's \"") + key +
                "\" is not an array of strings; pass an array");
    for (const auto& item : v->as_array())
        if (item.is_string() && !item.as_string().empty()) list.emplace_back(item.as_string());
    return list;
}

Names names_for(const std::string& run) {
    // ASCII only, whatever the process locale says: the id becomes a branch and a directory.
    auto alnum = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    bool valid = !run.empty() && alnum(run[0]);
    for (char c : run)
        valid = valid && (alnum(c) || c == '-' || c == '_');
    if (!valid)
        invalid("the run id '" + run +
                "' is not made of letters, digits, '-' and '_' (starting with a letter or "
                "digit); pass such an id");
    return {run, "run-" + run, "gump/run-" + run};
}

std::string commit_message(const json::object& request, const std::string& fallback) {
    std::string message = optional_field(request, "message", fallback);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    std::string lines;
    if (const auto* trailers = request.if_contains("trailers"); trailers && trailers->is_object())
        for (const auto& [key, value] : trailers->as_object())
            lines += std::string(key) + ": " +
                     (value.is_string() ? std::string(value.as_string()) : json::serialize(value)) +
                     "\n";
    return lines.empty() ? message + "\n" : message + "\n\n" + lines;
}

} // namespace gitcli
