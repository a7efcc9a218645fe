#include "config/config.hpp"

#include "config/toml_json.hpp"
#include "core/embedded.hpp"
#include "core/text.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

extern char** environ;

namespace gump::config {
namespace fs = std::filesystem;

std::string Origin::describe() const {
    if (layer == "built-in") return "built-in";
    if (layer == "env" || layer == "flag") return pos.file;
    std::string out = pos.file;
    if (pos.line > 0) out += ':' + std::to_string(pos.line);
    return out;
}

std::map<std::string, std::string> process_environment() {
    std::map<std::string, std::string> env;
    for (char** e = environ; e && *e; ++e) {
        std::string_view entry(*e);
        size_t eq = entry.find('=');
        if (eq != std::string_view::npos)
            env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
    }
    return env;
}

fs::path default_user_config_dir(const std::map<std::string, std::string>& env) {
    if (auto it = env.find("XDG_CONFIG_HOME"); it != env.end() && !it->second.empty())
        return fs::path(it->second) / "gump";
    auto home = env.find("HOME");
    return fs::path(home != env.end() ? home->second : "/") / ".config" / "gump";
}

std::string display_path(const fs::path& path, const fs::path& cwd) {
    std::error_code ec;
    fs::path rel = fs::relative(path, cwd, ec);
    if (!ec && !rel.empty() && *rel.begin() != "..") return rel.string();
    if (const char* home = std::getenv("HOME"); home && *home) {
        fs::path under = fs::relative(path, home, ec);
        if (!ec && !under.empty() && *under.begin() != "..") return "~/" + under.string();
    }
    return path.string();
}

namespace {

// What a layer may contain. Values under agents.<alias> and gates.<name> other than these keys
// are plugin options, checked later against the plugin's own schema.
const std::vector<std::string> top_level_keys = {"agents", "gates", "workspace", "pricing",
                                                 "log_level"};
const std::vector<std::string> workspace_keys = {"backend", "copy", "setup"};
const std::vector<std::string> pricing_keys = {"input", "output", "cache_read", "cache_write",
                                               "context_window"};
// Keys of [agents.<alias>] that gump reads itself; the others are the plugin's options.
const std::vector<std::string> alias_keys = {"plugin", "model", "transient_retries",
                                             "transient_backoff"};

SourcePos position(const toml::source_region& region) {
    return {region.path ? *region.path : std::string(), static_cast<int>(region.begin.line),
            static_cast<int>(region.begin.column)};
}

std::string toml_text(const toml::node& node) {
    if (const auto* s = node.as_string()) {
        std::string out = "\"";
        for (char c : s->get()) {
            if (c == '"' || c == '\\') out += '\\';
            if (c == '\n')
                out += "\\n";
            else
                out += c;
        }
        return out + '"';
    }
    std::ostringstream out;
    node.visit([&](const auto& n) { out << n; });
    return out.str();
}

} // namespace

class Loader {
public:
    Loader(const LoadOptions& options, Diagnostics& diags) : m_options(options), m_diags(diags) {}

    Config run() {
        std::map<std::string, std::string> env =
            m_options.env ? *m_options.env : process_environment();
        m_config.m_user_config_dir =
            m_options.user_config_dir ? *m_options.user_config_dir : default_user_config_dir(env);
        find_project();

        add_layer("built-in", std::string(embedded_file("host/config/defaults.toml")), "built-in");
        fs::path user_file = m_config.m_user_config_dir / "config.toml";
        if (fs::exists(user_file)) {
            m_config.m_user_file = user_file;
            add_file_layer("user", user_file);
        }
        if (m_config.m_project_file) add_file_layer("project", *m_config.m_project_file);

        if (auto it = env.find("GUMP_WORKSPACE_BACKEND"); it != env.end())
            set_override("workspace.backend", it->second, "env", "$GUMP_WORKSPACE_BACKEND");
        if (auto it = env.find("GUMP_LOG_LEVEL"); it != env.end())
            set_override("log_level", it->second, "env", "$GUMP_LOG_LEVEL");
        if (!m_options.log_level.empty())
            set_override("log_level", m_options.log_level, "flag", "--log-level");

        m_config.m_plugin_dirs = m_options.plugin_dirs;
        if (auto it = env.find("GUMP_PLUGIN_PATH"); it != env.end()) {
            std::stringstream parts(it->second);
            for (std::string dir; std::getline(parts, dir, ':');)
                if (!dir.empty()) m_config.m_plugin_dirs.push_back(dir);
        }

        build();
        return std::move(m_config);
    }

private:
    // The project is the nearest directory upward holding gump.toml, a .gump directory or a
    // .git (where the search stops); failing all, the current directory.
    void find_project() {
        fs::path cwd = fs::absolute(m_options.cwd);
        for (fs::path dir = cwd;; dir = dir.parent_path()) {
            if (fs::exists(dir / "gump.toml")) {
                m_config.m_project_file = dir / "gump.toml";
                m_config.m_project_root = dir;
                return;
            }
            if (fs::is_directory(dir / ".gump") || fs::exists(dir / ".git")) {
                m_config.m_project_root = dir;
                return;
            }
            if (dir == dir.root_path()) break;
        }
        m_config.m_project_root = cwd;
    }

    void add_file_layer(const std::string& layer, const fs::path& file) {
        std::ifstream in(file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (!in) {
            m_diags.error({file.string()}, "cannot read this configuration file",
                          "check its permissions");
            return;
        }
        add_layer(layer, text.str(), display_path(file, m_options.cwd));
    }

    void add_layer(const std::string& layer, const std::string& text, const std::string& shown) {
        m_layer_of_path[shown] = layer;
        toml::table table;
        try {
            table = toml::parse(std::string_view(text), std::string_view(shown));
        } catch (const toml::parse_error& e) {
            m_diags.error(position(e.source()), std::string(e.description()),
                          "fix the TOML syntax; nothing of this file was used");
            return;
        }
        check_layer(table, layer);
        merge(m_merged, table, "");
    }

    void unknown_key(const toml::key& key, const std::string& where,
                     const std::vector<std::string>& known) {
        m_diags.error(position(key.source()),
                      "unknown key '" + std::string(key.str()) + "' in " + where +
                          did_you_mean(key.str(), known),
                      "use one of: " + join(known, ", "));
    }

    void check_layer(const toml::table& table, const std::string& layer) {
        for (const auto& [key, node] : table) {
            std::string k(key.str());
            if (k == "plugin_dir" || k == "plugin_dirs" || k == "plugins") {
                m_diags.error(position(key.source()),
                              "gump does not load plugins from a path named in a configuration "
                              "file, so that a cloned repository can never make gump run its code",
                              "install the plugin in ~/.local/lib/gump/plugins, or pass "
                              "--plugin-dir or $GUMP_PLUGIN_PATH");
                continue;
            }
            if (std::find(top_level_keys.begin(), top_level_keys.end(), k) ==
                top_level_keys.end()) {
                unknown_key(key, "the configuration", top_level_keys);
                continue;
            }
            if (k == "log_level") {
                if (!node.is_string())
                    m_diags.error(position(node.source()), "log_level must be a string",
                                  "write log_level = \"info\" (debug, info, warn, error, off)");
                continue;
            }
            const toml::table* sub = node.as_table();
            if (!sub) {
                m_diags.error(position(node.source()), "'" + k + "' must be a table",
                              "write it as [" + k + "] or [" + k + ".<name>]");
                continue;
            }
            if (k == "agents" || k == "gates") check_plugin_tables(*sub, k);
            if (k == "workspace") check_workspace(*sub);
            if (k == "pricing") check_pricing(*sub);
        }
        (void)layer;
    }

    void check_plugin_tables(const toml::table& tables, const std::string& section) {
        for (const auto& [name, node] : tables) {
            const toml::table* t = node.as_table();
            if (!t) {
                m_diags.error(position(name.source()),
                              section + "." + std::string(name.str()) + " must be a table",
                              "write [" + section + "." + std::string(name.str()) +
                                  "] with plugin = \"<plugin id>\"");
                continue;
            }
            for (const char* key : {"plugin", "model"}) {
                const toml::node* value = t->get(key);
                if (value && !value->is_string())
                    m_diags.error(position(value->source()), std::string(key) + " must be a string",
                                  std::string("write ") + key + " = \"...\"");
            }
            if (section == "agents") check_transient(*t);
            if (section == "gates" && t->contains("model"))
                m_diags.warning(position(t->get("model")->source()),
                                "'model' is passed to the gate plugin as a parameter");
        }
    }

    void check_transient(const toml::table& t) {
        if (const toml::node* n = t.get("transient_retries")) {
            auto v = n->value<int64_t>();
            if (!n->is_integer() || !v || *v < 0 || *v > 10)
                m_diags.error(position(n->source()),
                              "transient_retries must be a whole number from 0 to 10",
                              "write transient_retries = 2");
        }
        if (const toml::node* n = t.get("transient_backoff")) {
            long long ms = 0;
            if (!n->is_string() || !parse_duration(n->value_or(std::string()), ms))
                m_diags.error(position(n->source()), "transient_backoff must be a duration",
                              "write transient_backoff = \"5s\" (it doubles after each retry)");
        }
    }

    void check_workspace(const toml::table& table) {
        for (const auto& [key, node] : table) {
            std::string k(key.str());
            if (std::find(workspace_keys.begin(), workspace_keys.end(), k) ==
                workspace_keys.end()) {
                unknown_key(key, "[workspace]", workspace_keys);
                continue;
            }
            bool ok = k == "copy" ? node.is_array() : node.is_string();
            if (!ok)
                m_diags.error(position(node.source()),
                              "workspace." + k + " must be " +
                                  (k == "copy" ? "an array of paths" : "a string"),
                              k == "copy" ? "write copy = [\".env\"]"
                                          : "write " + k + " = \"...\"");
            else if (k == "copy")
                check_copy_paths(*node.as_array());
        }
    }

    // Copied from the user's tree into the worktree: a path must stay inside the repository,
    // or a cloned gump.toml could hand the agent any file of the machine.
    void check_copy_paths(const toml::array& paths) {
        for (const auto& node : paths) {
            const auto* text = node.as_string();
            std::filesystem::path p = text ? std::filesystem::path(text->get()) : "";
            bool inside = text && !p.empty() && p.is_relative();
            for (const auto& part : p.lexically_normal())
                inside = inside && part != "..";
            if (!inside)
                m_diags.error(position(node.source()),
                              "workspace.copy entries must be paths inside the repository",
                              "write a relative path such as \".env\" or \"config/local.toml\"");
        }
    }

    void check_pricing(const toml::table& table) {
        for (const auto& [model, node] : table) {
            const toml::table* prices = node.as_table();
            if (!prices) {
                m_diags.error(position(node.source()), "pricing entries must be tables",
                              "write [pricing.\"<model>\"] with input = 3.0, output = 15.0 "
                              "(USD per million tokens)");
                continue;
            }
            for (const auto& [key, value] : *prices) {
                std::string k(key.str());
                if (std::find(pricing_keys.begin(), pricing_keys.end(), k) == pricing_keys.end())
                    unknown_key(key, "[pricing.\"" + std::string(model.str()) + "\"]",
                                pricing_keys);
                else if (!value.is_number() || value.value_or(0.0) < 0)
                    m_diags.error(position(value.source()),
                                  k + " must be a number of USD per million tokens, 0 or more",
                                  "write " + k + " = 3.0");
            }
        }
    }

    Origin origin_of(const toml::source_region& region) const {
        SourcePos pos = position(region);
        auto it = m_layer_of_path.find(pos.file);
        return {it != m_layer_of_path.end() ? it->second : "built-in", pos};
    }

    void merge(toml::table& dst, const toml::table& src, const std::string& prefix) {
        for (const auto& [key, node] : src) {
            std::string dotted =
                prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
            if (const toml::table* sub = node.as_table()) {
                toml::table* existing = dst.get_as<toml::table>(key.str());
                // An alias or gate that names another plugin starts afresh: the keys it had
                // were the other plugin's parameters, which the new one would refuse.
                if (existing && (prefix == "agents" || prefix == "gates") &&
                    (*sub)["plugin"].value<std::string>() &&
                    (*sub)["plugin"].value<std::string>() !=
                        (*existing)["plugin"].value<std::string>()) {
                    existing->clear();
                    std::erase_if(m_origins, [&](const auto& entry) {
                        return entry.first.starts_with(dotted + ".");
                    });
                }
                if (!existing) {
                    dst.insert_or_assign(key.str(), toml::table{});
                    existing = dst.get_as<toml::table>(key.str());
                    m_origins[dotted] = origin_of(key.source());
                }
                merge(*existing, *sub, dotted);
            } else {
                dst.insert_or_assign(key.str(), node);
                m_origins[dotted] = origin_of(key.source());
            }
        }
    }

    void set_override(const std::string& dotted, const std::string& value, const std::string& layer,
                      const std::string& name) {
        toml::table* table = &m_merged;
        std::string rest = dotted;
        for (size_t dot; (dot = rest.find('.')) != std::string::npos;) {
            std::string part = rest.substr(0, dot);
            if (!table->get_as<toml::table>(part)) table->insert_or_assign(part, toml::table{});
            table = table->get_as<toml::table>(part);
            rest = rest.substr(dot + 1);
        }
        table->insert_or_assign(rest, value);
        m_origins[dotted] = {layer, {name}};
    }

    PluginTable plugin_table(const std::string& section, const std::string& name,
                             const toml::table& table, const std::vector<std::string>& own_keys) {
        PluginTable out;
        out.name = name;
        std::string prefix = section + "." + name;
        out.plugin = table["plugin"].value_or(std::string());
        if (auto it = m_origins.find(prefix + ".plugin"); it != m_origins.end())
            out.origin = it->second;
        else
            out.origin = m_origins[prefix];
        for (const auto& [key, node] : table) {
            std::string k(key.str());
            if (std::find(own_keys.begin(), own_keys.end(), k) != own_keys.end()) continue;
            out.values[k] = to_json(node);
            out.value_pos[k] = m_origins[prefix + "." + k].pos;
        }
        if (out.plugin.empty())
            m_diags.error(m_origins[prefix].pos, section + "." + name + " names no plugin",
                          "add plugin = \"<plugin id>\" to [" + section + "." + name +
                              "] (see `gump plugins list`)");
        return out;
    }

    void build() {
        if (const toml::table* agents = m_merged["agents"].as_table())
            for (const auto& [key, node] : *agents)
                if (const toml::table* t = node.as_table()) {
                    AgentAlias alias;
                    static_cast<PluginTable&>(alias) =
                        plugin_table("agents", std::string(key.str()), *t, alias_keys);
                    alias.model = (*t)["model"].value_or(std::string());
                    alias.transient_retries =
                        static_cast<int>((*t)["transient_retries"].value_or(int64_t{2}));
                    parse_duration((*t)["transient_backoff"].value_or(std::string("5s")),
                                   alias.transient_backoff_ms);
                    m_config.m_agents.emplace(alias.name, std::move(alias));
                }
        if (const toml::table* gates = m_merged["gates"].as_table())
            for (const auto& [key, node] : *gates)
                if (const toml::table* t = node.as_table())
                    m_config.m_gates.emplace(
                        std::string(key.str()),
                        plugin_table("gates", std::string(key.str()), *t, {"plugin"}));
        if (const toml::table* pricing = m_merged["pricing"].as_table())
            for (const auto& [model, node] : *pricing)
                if (const toml::table* t = node.as_table()) {
                    Price price;
                    price.input = (*t)["input"].value_or(0.0);
                    price.output = (*t)["output"].value_or(0.0);
                    price.cache_read = (*t)["cache_read"].value_or(price.input);
                    price.cache_write = (*t)["cache_write"].value_or(price.input);
                    price.context_window = (*t)["context_window"].value_or(int64_t{0});
                    std::string dotted = "pricing." + std::string(model.str());
                    price.origin = m_origins[dotted + ".input"];
                    m_config.m_pricing.emplace(std::string(model.str()), price);
                }
        m_config.m_workspace_backend = m_merged["workspace"]["backend"].value_or(std::string());
        m_config.m_workspace_setup = m_merged["workspace"]["setup"].value_or(std::string());
        if (const toml::array* copy = m_merged["workspace"]["copy"].as_array())
            for (const auto& node : *copy)
                if (const auto* text = node.as_string())
                    m_config.m_workspace_copy.push_back(text->get());
        m_config.m_log_level = m_merged["log_level"].value_or(std::string("warn"));
        flatten(m_merged, "");
    }

    void flatten(const toml::table& table, const std::string& prefix) {
        for (const auto& [key, node] : table) {
            std::string dotted =
                prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
            if (const toml::table* sub = node.as_table())
                flatten(*sub, dotted);
            else
                m_config.m_settings.push_back({dotted, toml_text(node), m_origins[dotted]});
        }
    }

    const LoadOptions& m_options;
    Diagnostics& m_diags;
    Config m_config;
    toml::table m_merged;
    std::map<std::string, Origin> m_origins;            // dotted key -> where it was last set
    std::map<std::string, std::string> m_layer_of_path; // shown file path -> layer
};

Config Config::load(const LoadOptions& options, Diagnostics& diags) {
    return Loader(options, diags).run();
}

const Price* Config::price_of(const AgentAlias& alias) const {
    auto it = m_pricing.find(alias.model.empty() ? alias.name : alias.model);
    return it == m_pricing.end() ? nullptr : &it->second;
}

std::vector<std::string> Config::agent_names() const {
    std::vector<std::string> names;
    for (const auto& [name, _] : m_agents)
        names.push_back(name);
    return names;
}

std::vector<std::string> Config::gate_names() const {
    std::vector<std::string> names;
    for (const auto& [name, _] : m_gates)
        names.push_back(name);
    return names;
}

} // namespace gump::config
