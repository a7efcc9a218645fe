#include "settings.hpp"

#include <gump/sdk.hpp>

#include <string>

namespace integrity {

namespace json = boost::json;

std::vector<std::string> default_test_globs() {
    return {"**/*_test.*", "**/test_*.py", "**/*.test.*",    "**/*.spec.*",
            "**/tests/**", "**/test/**",   "**/__tests__/**"};
}

std::vector<std::string> default_config_globs() {
    return {".github/workflows/**",
            ".gitlab-ci.yml",
            ".ci/**",
            "pytest.ini",
            "tox.ini",
            "setup.cfg",
            "conftest.py",
            "**/conftest.py",
            "jest.config.*",
            "vitest.config.*",
            ".mocharc*",
            "CTestTestfile.cmake",
            "gump.toml",
            ".gump/**"};
}

namespace {

[[noreturn]] void refuse(const std::string& sentence) {
    throw gump::sdk::Error(GUMP_ERR_CONFIG, sentence);
}

std::vector<std::string> globs(const json::object& config, const char* key,
                               std::vector<std::string> fallback, const char* example) {
    const json::value* v = config.if_contains(key);
    if (!v) return fallback;
    std::string fix = std::string(": write ") + key + " = " + example;
    if (!v->is_array()) refuse(std::string(key) + " must be an array of globs" + fix);
    std::vector<std::string> out;
    size_t n = 0;
    for (const json::value& entry : v->as_array()) {
        ++n;
        if (!entry.is_string() || entry.as_string().empty())
            refuse(std::string(key) + " entry " + std::to_string(n) +
                   (entry.is_string() ? " is empty" : " is not a string") + fix);
        out.emplace_back(entry.as_string());
    }
    return out;
}

} // namespace

Settings parse_settings(const json::object& config) {
    Settings s;
    s.tests = globs(config, "tests", s.tests, R"(["**/*_test.*", "tests/**"])");
    s.config = globs(config, "config", s.config, R"([".github/workflows/**", "pytest.ini"])");
    if (const json::value* v = config.if_contains("allow_skips")) {
        if (!v->is_bool()) refuse("allow_skips must be true or false: write allow_skips = true");
        s.allow_skips = v->as_bool();
    }
    return s;
}

} // namespace integrity
