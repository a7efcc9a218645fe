#pragma once
// The command gate's configuration, checked for what its JSON schema cannot express.
#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace command_gate {

struct Settings {
    std::string command; // empty: none configured (a verdict of error when the gate runs)
    long long timeout_ms = 600'000;
    std::string cwd = "."; // relative to the worktree, never outside it
    boost::json::object env;
    std::string role = "other";
    bool cache = true; // a pass stands for later checks of the same files in the run
    long long feedback_bytes = 8 * 1024; // of output for the next attempt's prompt
};

// Throws gump::sdk::Error(GUMP_ERR_CONFIG, "<what is wrong>; <how to fix it>").
Settings parse_settings(const boost::json::object& config);

} // namespace command_gate
