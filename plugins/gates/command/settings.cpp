#include "settings.hpp"

#include <gump/duration.hpp>
#include <gump/sdk.hpp>

#include <cctype>
#include <filesystem>

namespace command_gate {

namespace json = boost::json;

namespace {

[[noreturn]] void refuse(const std::string& sentence) {
    throw gump::sdk::Error(GUMP_ERR_CONFIG, sentence);
}

std::string string_or(const json::object& config, const char* key, std::string fallback) {
    const json::value* v = config.if_contains(key);
    if (!v) return fallback;
    if (!v->is_string())
        refuse(std::string(key) + " must be a string: write " + key + " = \"...\"");
    return std::string(v->as_string());
}

std::string checked_cwd(std::string cwd) {
    if (cwd.empty()) return ".";
    std::filesystem::path path(cwd);
    if (path.is_absolute())
        refuse("cwd \"" + cwd +
               "\" must be relative to the worktree: write a path inside it, e.g. cwd = \"build\"");
    std::filesystem::path normal = path.lexically_normal();
    if (!normal.empty() && *normal.begin() == "..")
        refuse("cwd \"" + cwd +
               "\" leads out of the worktree: write a path inside it, e.g. cwd = \"build\"");
    return normal.empty() ? "." : normal.string();
}

} // namespace

Settings parse_settings(const json::object& config) {
    Settings s;
    s.command = string_or(config, "command", "");
    s.role = string_or(config, "role", "other");
    if (const json::value* bytes = config.if_contains("feedback_bytes")) {
        if (!bytes->is_int64() || bytes->as_int64() < 256 || bytes->as_int64() > 1024 * 1024)
            refuse("feedback_bytes must be a whole number from 256 to 1048576: write "
                   "feedback_bytes = 8192");
        s.feedback_bytes = bytes->as_int64();
    }
    if (const json::value* cache = config.if_contains("cache")) {
        if (!cache->is_bool()) refuse("cache must be true or false: write cache = false");
        s.cache = cache->as_bool();
    }
    std::string timeout = string_or(config, "timeout", "10m");
    if (!gump::sdk::parse_duration(timeout, s.timeout_ms))
        refuse("timeout \"" + timeout +
               "\" is not a duration: write it like timeout = \"90s\", \"10m\" or \"1h30m\"");
    if (s.timeout_ms <= 0)
        refuse("timeout \"" + timeout + "\" leaves no time to run: write e.g. timeout = \"10m\"");
    s.cwd = checked_cwd(string_or(config, "cwd", "."));
    if (const json::value* env = config.if_contains("env")) {
        if (!env->is_object()) refuse("env must be a table: write env = { NAME = \"value\" }");
        for (const auto& [name, value] : env->as_object()) {
            std::string key(name);
            if (!value.is_string())
                refuse("env." + key + " must be a string: write env = { " + key + " = \"value\" }");
            if (key.empty() || key.find('=') != std::string::npos)
                refuse("env has a variable named \"" + key +
                       "\", which cannot be an environment variable: rename it");
        }
        s.env = env->as_object();
    }
    return s;
}

} // namespace command_gate
