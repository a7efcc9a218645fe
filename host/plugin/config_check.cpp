#include "plugin/config_check.hpp"

#include "plugin/schema.hpp"

#include <boost/json.hpp>

namespace gump::plugin {

void check_plugin_values(const PluginInfo& plugin, const boost::json::object& values,
                         const std::map<std::string, SourcePos>& value_pos,
                         const SourcePos& table_pos, const std::string& table_name,
                         Diagnostics& diags) {
    if (plugin.config_schema.empty()) {
        for (const auto& [key, _] : values) {
            auto it = value_pos.find(std::string(key));
            diags.error(it != value_pos.end() ? it->second : table_pos,
                        "plugin '" + plugin.id + "' takes no parameters, but " + table_name +
                            " sets '" + std::string(key) + "'",
                        "remove it from " + table_name);
        }
        return;
    }
    boost::json::value schema = boost::json::parse(plugin.config_schema);
    for (const auto& problem : check_schema(values, schema)) {
        auto it = value_pos.find(problem.key);
        diags.error(it != value_pos.end() ? it->second : table_pos,
                    table_name + " (plugin '" + plugin.id + "'): " + problem.message,
                    problem.fix + " (see `gump plugins info " + plugin.id + "`)");
    }
}

static void check_table(const config::PluginTable& table, const std::string& section,
                        gump_kind expected, const Registry& registry, Diagnostics& diags) {
    const PluginInfo* plugin = registry.find(table.plugin);
    if (!plugin) return;
    std::string name = "[" + section + "." + table.name + "]";
    if (plugin->kind != expected) {
        diags.error(table.origin.pos,
                    name + " names plugin '" + plugin->id + "', which is " +
                        (plugin->kind == GUMP_KIND_AGENT ? "an " : "a ") + kind_name(plugin->kind) +
                        " plugin, not " + (expected == GUMP_KIND_AGENT ? "an " : "a ") +
                        kind_name(expected) + " plugin",
                    std::string("name a ") + kind_name(expected) +
                        " plugin (see `gump plugins list`)");
        return;
    }
    check_plugin_values(*plugin, table.values, table.value_pos, table.origin.pos, name, diags);
}

void check_plugin_tables(const config::Config& config, const Registry& registry,
                         Diagnostics& diags) {
    for (const auto& [_, alias] : config.agents())
        check_table(alias, "agents", GUMP_KIND_AGENT, registry, diags);
    for (const auto& [_, gate] : config.gates())
        check_table(gate, "gates", GUMP_KIND_GATE, registry, diags);
}

} // namespace gump::plugin
