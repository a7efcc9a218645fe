#pragma once
// Checks a plugin's configuration against the JSON Schema in its manifest. The subset gump
// understands (and plugin authors may rely on): type, properties, required,
// additionalProperties, enum, minimum, maximum, minLength, items, description, default.
#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace gump::plugin {

struct SchemaProblem {
    std::string key;     // the top-level configuration key concerned; empty for the whole table
    std::string path;    // dotted path inside the configuration ("env.PATH", "args[2]")
    std::string message; // one sentence
    std::string fix;
};

std::vector<SchemaProblem> check_schema(const boost::json::value& config,
                                        const boost::json::value& schema);

// One line per property of an object schema: "name  type  (required)  description [default]".
std::vector<std::string> describe_schema(const boost::json::value& schema);

} // namespace gump::plugin
