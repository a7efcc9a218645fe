#pragma once
// The integrity gate's parameters, checked for what its JSON schema cannot express.
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace integrity {

// Paths that are tests: a deleted one, fewer test cases in one, are findings.
std::vector<std::string> default_test_globs();
// Paths that configure the gates (CI scripts, test runner configuration): any change is a finding.
std::vector<std::string> default_config_globs();

struct Settings {
    std::vector<std::string> tests = default_test_globs();
    std::vector<std::string> config = default_config_globs();
    bool allow_skips = false; // added skip/ignore/focus markers are not findings
};

// Throws gump::sdk::Error(GUMP_ERR_CONFIG, "<what is wrong>: <how to fix it>").
Settings parse_settings(const boost::json::object& config);

} // namespace integrity
