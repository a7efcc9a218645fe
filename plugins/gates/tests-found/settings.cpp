#include "settings.hpp"

#include <gump/sdk.hpp>

#include <string>

namespace tests_found {

namespace json = boost::json;

namespace {

[[noreturn]] void refuse(const std::string& sentence) {
    throw gump::sdk::Error(GUMP_ERR_CONFIG, sentence);
}

} // namespace

const std::vector<std::string>& default_test_globs() {
    static const std::vector<std::string> globs{"**/*_test.*", "**/test_*.py", "**/*_test.py",
                                                "**/*.test.*", "**/*.spec.*",  "**/tests/**",
                                                "**/test/**"};
    return globs;
}

Settings parse_settings(const json::object& config) {
    Settings s;
    const char* fix = ": write tests = [\"**/*_test.*\"]";
    if (const json::value* v = config.if_contains("tests")) {
        if (!v->is_array()) refuse(std::string("tests must be an array of globs") + fix);
        size_t entry = 0;
        for (const json::value& g : v->as_array()) {
            ++entry;
            if (!g.is_string())
                refuse("tests entry " + std::to_string(entry) + " must be a string" + fix);
            std::string pattern(g.as_string());
            try {
                s.tests.emplace_back(pattern);
            } catch (const BadGlob& e) {
                refuse("tests pattern \"" + pattern + "\" is malformed: " + e.what());
            }
        }
    }
    if (s.tests.empty())
        for (const std::string& g : default_test_globs())
            s.tests.emplace_back(g);
    if (const json::value* v = config.if_contains("command")) {
        const char* example = ": write command = \"ctest --test-dir build -N\" or "
                              "command = [\"ctest\", \"-N\"]";
        if (v->is_string()) {
            if (!v->as_string().empty()) s.command = {"sh", "-c", std::string(v->as_string())};
        } else if (v->is_array()) {
            for (const json::value& a : v->as_array()) {
                if (!a.is_string())
                    refuse(std::string("command entries must be strings") + example);
                s.command.emplace_back(a.as_string());
            }
        } else {
            refuse(std::string("command must be a string or an array of strings") + example);
        }
    }
    return s;
}

} // namespace tests_found
