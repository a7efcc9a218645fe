#pragma once
// Tolerant readers of JSON objects written by gump or by plugins: a field that is missing or of
// the wrong type reads as empty, zero or false.
#include <boost/json.hpp>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>

namespace gump::runs {

inline std::string text(const boost::json::object& o, const char* key) {
    const boost::json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

inline long long integer(const boost::json::object& o, const char* key) {
    const boost::json::value* v = o.if_contains(key);
    if (!v) return 0;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64())
        return static_cast<long long>(std::min<std::uint64_t>(v->as_uint64(), LLONG_MAX));
    if (v->is_double()) // a plugin may write 1500.5 or 1e30: truncate, never throw
        return static_cast<long long>(std::clamp(v->as_double(), -9.2e18, 9.2e18));
    return 0;
}

inline double number(const boost::json::object& o, const char* key) {
    const boost::json::value* v = o.if_contains(key);
    return v && v->is_number() ? v->to_number<double>() : 0.0;
}

inline bool flag(const boost::json::object& o, const char* key) {
    const boost::json::value* v = o.if_contains(key);
    return v && v->is_bool() && v->as_bool();
}

inline const boost::json::array& list(const boost::json::object& o, const char* key) {
    static const boost::json::array none;
    const boost::json::value* v = o.if_contains(key);
    return v && v->is_array() ? v->as_array() : none;
}

} // namespace gump::runs
