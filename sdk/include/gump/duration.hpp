// Durations as gump's configuration writes them ("90s", "10m", "1h30m", "250ms", "7d"), shared by
// the host and plugins so that every key of gump.toml reads the same way. Header-only, no Boost.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace gump::sdk {
inline namespace v1 {

// False when malformed, zero-free of units, or beyond a year (a typo, not a wish).
inline bool parse_duration(std::string_view text, long long& ms) {
    constexpr long long limit = 366LL * 24 * 3'600'000;
    if (text.empty()) return false;
    long long total = 0;
    size_t i = 0;
    while (i < text.size()) {
        long long n = 0;
        size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            n = n * 10 + (text[i] - '0');
            if (n > limit) return false;
            ++i;
        }
        if (i == start) return false;
        size_t unit_start = i;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])))
            ++i;
        std::string_view unit = text.substr(unit_start, i - unit_start);
        long long scale = unit == "ms"  ? 1
                          : unit == "s" ? 1000
                          : unit == "m" ? 60'000
                          : unit == "h" ? 3'600'000
                          : unit == "d" ? 86'400'000
                                        : 0;
        if (scale == 0) return false;
        total += n * scale;
        if (total > limit) return false;
    }
    ms = total;
    return true;
}

// The shortest form parse_duration reads back: "1h30m", "45s", "250ms".
inline std::string format_duration(long long ms) {
    if (ms < 1000 || ms % 1000 != 0) return std::to_string(ms) + "ms";
    long long s = ms / 1000;
    std::string out;
    if (s >= 3600) out += std::to_string(s / 3600) + "h";
    if (s % 3600 >= 60) out += std::to_string(s % 3600 / 60) + "m";
    if (s % 60 != 0 || out.empty()) out += std::to_string(s % 60) + "s";
    return out;
}

} // namespace v1
} // namespace gump::sdk
