#include "workflow/toml_reader.hpp"

#include "core/text.hpp"

namespace gump::workflow {

SourcePos position(const toml::source_region& region, const std::string& file) {
    return {file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

std::string describe_type(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a float";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    default:
        return "nothing";
    }
}

TableReader::TableReader(const toml::table& table, std::string what, const std::string& file,
                         Diagnostics& diags)
    : m_table(table), m_what(std::move(what)), m_file(file), m_diags(diags) {}

const toml::node* TableReader::node(std::string_view key) {
    m_read.emplace(key);
    return m_table.get(key);
}

SourcePos TableReader::pos(std::string_view key) const {
    const toml::node* n = m_table.get(key);
    return n ? position(n->source(), m_file) : pos();
}

SourcePos TableReader::key_pos(std::string_view key) const {
    auto it = m_table.find(key);
    return it != m_table.end() ? position(it->first.source(), m_file) : pos();
}

void TableReader::wrong_type(std::string_view key, const std::string& expected,
                             const std::string& example) {
    const toml::node* n = m_table.get(key);
    std::string found = n ? ", not " + describe_type(*n) : "";
    m_diags.error(pos(key), std::string(key) + " in " + m_what + " must be " + expected + found,
                  "write " + std::string(key) + " = " + example);
}

std::optional<std::string> TableReader::string(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) {
        wrong_type(key, "a string", "\"...\"");
        return std::nullopt;
    }
    return n->as_string()->get();
}

std::optional<std::string> TableReader::required_string(std::string_view key,
                                                        const std::string& example) {
    if (!has(key)) {
        node(key);
        m_diags.error(pos(), m_what + " has no " + std::string(key),
                      "add " + std::string(key) + " = " + example);
        return std::nullopt;
    }
    return string(key);
}

std::optional<long long> TableReader::integer(std::string_view key, long long min, long long max) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) {
        wrong_type(key, "a whole number", std::to_string(min));
        return std::nullopt;
    }
    long long v = n->as_integer()->get();
    if (v < min || v > max) {
        m_diags.error(pos(key),
                      std::string(key) + " in " + m_what + " is " + std::to_string(v) +
                          "; it must be between " + std::to_string(min) + " and " +
                          std::to_string(max),
                      "write " + std::string(key) + " = " + std::to_string(v < min ? min : max));
        return std::nullopt;
    }
    return v;
}

std::optional<double> TableReader::positive_number(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_number()) {
        wrong_type(key, "a number", "2.5");
        return std::nullopt;
    }
    double v = n->is_integer() ? static_cast<double>(n->as_integer()->get())
                               : n->as_floating_point()->get();
    if (!(v > 0)) { // also refuses nan
        m_diags.error(pos(key), std::string(key) + " in " + m_what + " must be more than 0",
                      "write " + std::string(key) + " = 2.5, or remove it for no limit");
        return std::nullopt;
    }
    return v;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) {
        wrong_type(key, "true or false", "true");
        return std::nullopt;
    }
    return n->as_boolean()->get();
}

std::optional<long long> TableReader::duration_ms(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const std::string example = "\"20m\"";
    if (!n->is_string()) {
        wrong_type(key, "a duration string", example);
        return std::nullopt;
    }
    const std::string& text = n->as_string()->get();
    long long ms = 0;
    bool ok = false;
    try {
        ok = parse_duration(text, ms);
    } catch (const std::exception&) { // a number too large for its type
        ok = false;
    }
    if (!ok || ms <= 0) {
        m_diags.error(pos(key),
                      std::string(key) + " in " + m_what + " is \"" + text +
                          "\", which is not a duration",
                      "write a number and a unit (ms, s, m, h), e.g. " + std::string(key) +
                          " = \"90s\" or \"1h30m\"");
        return std::nullopt;
    }
    return ms;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    std::vector<std::string> out;
    const toml::array* a = n->as_array();
    if (!a) {
        wrong_type(key, "an array of strings", "[\"a\", \"b\"]");
        return std::nullopt;
    }
    bool ok = true;
    for (const auto& e : *a) {
        if (e.is_string()) {
            out.push_back(e.as_string()->get());
            continue;
        }
        ok = false;
        m_diags.error(position(e.source(), m_file),
                      "every entry of " + std::string(key) + " in " + m_what +
                          " must be a string, not " + describe_type(e),
                      "quote it: \"...\"");
    }
    if (!ok) return std::nullopt;
    return out;
}

const toml::table* TableReader::table(std::string_view key, const std::string& example) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    if (!n->is_table()) {
        wrong_type(key, "a table", example);
        return nullptr;
    }
    return n->as_table();
}

const toml::array* TableReader::array(std::string_view key, const std::string& example) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    if (!n->is_array()) {
        wrong_type(key, "an array", example);
        return nullptr;
    }
    return n->as_array();
}

void TableReader::finish(const std::vector<std::string>& known,
                         const std::map<std::string, std::string>& hints) {
    for (const auto& [key, _] : m_table) {
        std::string name(key.str());
        if (m_read.count(name)) continue;
        std::string message = "unknown key '" + name + "' in " + m_what;
        std::string fix;
        if (auto hint = hints.find(name); hint != hints.end()) {
            fix = hint->second;
        } else {
            message += did_you_mean(name, known);
            fix = "use one of: " + join(known, ", ");
        }
        m_diags.error(position(key.source(), m_file), message, fix);
    }
}

} // namespace gump::workflow
