#pragma once
// TOML values as JSON, the form in which configuration crosses the plugin line.
#include <boost/json/value.hpp>
#include <toml++/toml.h>

namespace gump::config {

// Dates and times become their TOML text.
boost::json::value to_json(const toml::node& node);

} // namespace gump::config
