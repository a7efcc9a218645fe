#pragma once
// The gate's parameters, checked: the globs of test files and an optional listing command.
#include <gump/glob.hpp>

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace tests_found {

// Paths are matched with the SDK's globs, as every gate of gump's does.
using gump::sdk::BadGlob;
using gump::sdk::Glob;
using gump::sdk::normalized_path;

struct Settings {
    std::vector<Glob> tests;          // test files; the defaults when not given
    std::vector<std::string> command; // a listing command's argv; empty: pick a runner
};

// The default test-file globs.
const std::vector<std::string>& default_test_globs();

// Throws gump::sdk::Error (GUMP_ERR_CONFIG) naming the parameter and the fix.
Settings parse_settings(const boost::json::object& config);

} // namespace tests_found
