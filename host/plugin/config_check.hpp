#pragma once
// Checks the [agents.*] and [gates.*] tables against the schemas of the plugins they name, with
// the TOML file and line of each problem.
#include "config/config.hpp"
#include "core/diagnostic.hpp"
#include "plugin/registry.hpp"

namespace gump::plugin {

// A table naming a plugin that is not installed is not a problem here (the user may not use
// it); a table naming a plugin of the wrong kind is.
void check_plugin_tables(const config::Config& config, const Registry& registry,
                         Diagnostics& diags);

// Checks one set of values (configured values with inline ones layered over them).
// `value_pos` gives the position of each key; `table_pos` is used for missing keys.
void check_plugin_values(const PluginInfo& plugin, const boost::json::object& values,
                         const std::map<std::string, SourcePos>& value_pos,
                         const SourcePos& table_pos, const std::string& table_name,
                         Diagnostics& diags);

} // namespace gump::plugin
