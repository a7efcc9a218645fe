#include "log/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstring>

namespace gump::log {

static spdlog::logger& logger() {
    static auto instance = [] {
        auto l = spdlog::stderr_color_st("gump");
        l->set_pattern("%^%l%$: %v");
        l->set_level(spdlog::level::warn);
        return l;
    }();
    return *instance;
}

static spdlog::level::level_enum to_spdlog(Level level) {
    switch (level) {
    case Level::debug:
        return spdlog::level::debug;
    case Level::info:
        return spdlog::level::info;
    case Level::warn:
        return spdlog::level::warn;
    case Level::error:
        return spdlog::level::err;
    case Level::off:
        break;
    }
    return spdlog::level::off;
}

void set_level(Level level) {
    logger().set_level(to_spdlog(level));
}

bool set_level(const char* name) {
    static const std::pair<const char*, Level> names[] = {{"debug", Level::debug},
                                                          {"info", Level::info},
                                                          {"warn", Level::warn},
                                                          {"error", Level::error},
                                                          {"off", Level::off}};
    for (const auto& [n, level] : names)
        if (std::strcmp(n, name) == 0) {
            set_level(level);
            return true;
        }
    return false;
}

void vlog(Level level, fmt::string_view format, fmt::format_args args) {
    auto& l = logger();
    if (!l.should_log(to_spdlog(level))) return;
    l.log(to_spdlog(level), "{}", fmt::vformat(format, args));
}

} // namespace gump::log
