#include "workflow/toml_reader.hpp"

#include "core/text.hpp"

namespace gump::workflow {

SourcePos position(const toml::source_region& region, const std::string& file) {
    return {file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
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

void TableReader::wrong_type(std::string_view key, const std::string& expected,
                             const std::string& example) {
    m_diags.error(pos(key), std::string(key) + " in " + m_what + " must be " + expected,
                  "write " + std::string(key) + " = " + example);
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
    const toml::node* n = node(key);
    if (!n) {
        if (required)
            m_diags.error(pos(), m_what + " has no " + std::string(key),
                          "add " + std::string(key) + " = \"...\"");
        return std::nullopt;
    }
    if (!n->is_string()) {
        wrong_type(key, "a string", "\"...\"");
        return std::nullopt;
    }
    return n->as_string()->get();
}

std::optional<long long> TableReader::integer(std::string_view key, long long min) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) {
        wrong_type(key, "a whole number", std::to_string(std::max(min, 1LL)));
        return std::nullopt;
    }
    long long v = n->as_integer()->get();
    if (v < min) {
        m_diags.error(pos(key),
                      std::string(key) + " in " + m_what + " must be at least " +
                          std::to_string(min),
                      "write " + std::string(key) + " = " + std::to_string(std::max(min, 1LL)));
        return std::nullopt;
    }
    return v;
}

std::optional<double> TableReader::number(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_number()) {
        wrong_type(key, "a number", "1.5");
        return std::nullopt;
    }
    double v = n->is_integer() ? static_cast<double>(n->as_integer()->get())
                               : n->as_floating_point()->get();
    if (v <= 0) {
        m_diags.error(pos(key), std::string(key) + " in " + m_what + " must be more than 0",
                      "write " + std::string(key) + " = 1.5");
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
    long long ms = 0;
    if (!n->is_string() || !parse_duration(n->as_string()->get(), ms) || ms <= 0) {
        m_diags.error(pos(key), std::string(key) + " in " + m_what + " is not a duration",
                      "write " + std::string(key) +
                          " = \"90s\" (units: ms, s, m, h; e.g. \"1h30m\")");
        return std::nullopt;
    }
    return ms;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    const toml::array* a = n->as_array();
    std::vector<std::string> out;
    bool ok = a != nullptr;
    if (a)
        for (const auto& e : *a) {
            if (e.is_string())
                out.push_back(e.as_string()->get());
            else
                ok = false;
        }
    if (!ok) {
        wrong_type(key, "an array of strings", "[\"a\", \"b\"]");
        return std::nullopt;
    }
    return out;
}

const toml::table* TableReader::table(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    if (!n->is_table()) {
        wrong_type(key, "a table", "{ ... } or a [" + std::string(key) + "] section");
        return nullptr;
    }
    return n->as_table();
}

const toml::array* TableReader::array(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    if (!n->is_array()) {
        wrong_type(key, "an array", "[...]");
        return nullptr;
    }
    return n->as_array();
}

void TableReader::finish(const std::vector<std::string>& known) {
    for (const auto& [key, _] : m_table) {
        if (m_read.count(key.str())) continue;
        m_diags.error(position(key.source(), m_file),
                      "unknown key '" + std::string(key.str()) + "' in " + m_what +
                          did_you_mean(key.str(), known),
                      "use one of: " + join(known, ", "));
    }
}

} // namespace gump::workflow
