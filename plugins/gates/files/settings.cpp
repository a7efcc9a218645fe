#include "settings.hpp"

#include <gump/sdk.hpp>

#include <string>

namespace files_gate {

namespace json = boost::json;

namespace {

[[noreturn]] void refuse(const std::string& sentence) {
    throw gump::sdk::Error(GUMP_ERR_CONFIG, sentence);
}

std::vector<Glob> globs(const json::object& config, const char* key, const char* example) {
    std::vector<Glob> out;
    const json::value* v = config.if_contains(key);
    if (!v) return out;
    std::string fix = std::string(": write ") + key + " = [\"" + example + "\"]";
    if (!v->is_array()) refuse(std::string(key) + " must be an array of globs" + fix);
    size_t entry = 0;
    for (const json::value& g : v->as_array()) {
        ++entry;
        if (!g.is_string())
            refuse(std::string(key) + " entry " + std::to_string(entry) + " must be a string" +
                   fix);
        std::string pattern(g.as_string());
        try {
            out.emplace_back(pattern);
        } catch (const BadGlob& e) {
            refuse(std::string(key) + " pattern \"" + pattern + "\" is malformed: " + e.what());
        }
    }
    return out;
}

} // namespace

Settings parse_settings(const json::object& config) {
    Settings s;
    s.touched = globs(config, "touched", "**/*_test.*");
    s.untouched = globs(config, "untouched", "**/*_test.*");
    s.allow = globs(config, "allow", "**/*.lock");
    if (const json::value* v = config.if_contains("scope")) {
        if (!v->is_bool()) refuse("scope must be true or false: write scope = true");
        s.scope = v->as_bool();
    }
    return s;
}

} // namespace files_gate
