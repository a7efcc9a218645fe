#pragma once
// Logging to stderr. Only log.cpp includes spdlog: this header costs a TU almost nothing.
#include <fmt/core.h>

namespace gump::log {

enum class Level { debug, info, warn, error, off };

void set_level(Level level);
bool set_level(const char* name); // "debug", "info", "warn", "error", "off"; false if unknown
void vlog(Level level, fmt::string_view format, fmt::format_args args);

template <class... Args> void debug(fmt::format_string<Args...> f, Args&&... args) {
    vlog(Level::debug, f, fmt::make_format_args(args...));
}
template <class... Args> void info(fmt::format_string<Args...> f, Args&&... args) {
    vlog(Level::info, f, fmt::make_format_args(args...));
}
template <class... Args> void warn(fmt::format_string<Args...> f, Args&&... args) {
    vlog(Level::warn, f, fmt::make_format_args(args...));
}
template <class... Args> void error(fmt::format_string<Args...> f, Args&&... args) {
    vlog(Level::error, f, fmt::make_format_args(args...));
}

} // namespace gump::log
