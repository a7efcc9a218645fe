#include "settings.hpp"

#include <gump/sdk.hpp>

#include <cmath>
#include <string>

namespace plan_schema {

namespace json = boost::json;

namespace {

[[noreturn]] void refuse(const std::string& sentence) {
    throw gump::sdk::Error(GUMP_ERR_CONFIG, sentence);
}

long long whole_number(const json::object& config, const char* key, long long fallback,
                       long long least) {
    const json::value* v = config.if_contains(key);
    if (!v) return fallback;
    long long n = 0;
    if (v->is_int64())
        n = v->as_int64();
    else if (v->is_uint64() && v->as_uint64() <= 1'000'000'000ULL)
        n = static_cast<long long>(v->as_uint64());
    else if (v->is_double() && std::trunc(v->as_double()) == v->as_double() &&
             std::fabs(v->as_double()) <= 1e9)
        n = static_cast<long long>(v->as_double());
    else
        refuse(std::string(key) + " must be a whole number: write " + key + " = " +
               std::to_string(fallback));
    if (n < least)
        refuse(std::string(key) + " is " + std::to_string(n) + " but must be at least " +
               std::to_string(least) + ": write e.g. " + key + " = " + std::to_string(fallback));
    return n;
}

} // namespace

Settings parse_settings(const json::object& config) {
    Settings s;
    s.min_items = whole_number(config, "min_items", s.min_items, 0);
    s.max_items = whole_number(config, "max_items", s.max_items, 1);
    if (s.max_items < s.min_items)
        refuse("max_items (" + std::to_string(s.max_items) + ") is less than min_items (" +
               std::to_string(s.min_items) + "): raise max_items or lower min_items");
    if (const json::value* v = config.if_contains("require_files")) {
        if (!v->is_bool())
            refuse("require_files must be true or false: write require_files = true");
        s.require_files = v->as_bool();
    }
    return s;
}

} // namespace plan_schema
