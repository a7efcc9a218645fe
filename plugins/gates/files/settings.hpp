#pragma once
// The files gate's parameters, checked for what its JSON schema cannot express (the globs).
#include <gump/glob.hpp>

#include <boost/json/object.hpp>

#include <vector>

namespace files_gate {

// Paths are matched with the SDK's globs, as every gate of gump's does.
using gump::sdk::BadGlob;
using gump::sdk::Glob;
using gump::sdk::normalized_path;

struct Settings {
    std::vector<Glob> touched;   // at least one changed file must match one of these
    std::vector<Glob> untouched; // no changed file may match any of these
    bool scope = false;          // every changed file must match the item's files (or allow)
    std::vector<Glob> allow;     // always within the item's scope

    // Nothing configured: the gate has nothing to check.
    bool empty() const { return touched.empty() && untouched.empty() && !scope; }
};

// Throws gump::sdk::Error(GUMP_ERR_CONFIG, "<what is wrong>: <how to fix it>"), naming the
// parameter and the pattern.
Settings parse_settings(const boost::json::object& config);

} // namespace files_gate
