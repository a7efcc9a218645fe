#pragma once
// The plan-schema gate's parameters, checked for what its JSON schema cannot express.
#include <boost/json/object.hpp>

namespace plan_schema {

struct Settings {
    long long min_items = 1;
    long long max_items = 50;
    bool require_files = false; // every item must list at least one file or glob
};

// Throws gump::sdk::Error(GUMP_ERR_CONFIG, "<what is wrong>: <how to fix it>").
Settings parse_settings(const boost::json::object& config);

} // namespace plan_schema
