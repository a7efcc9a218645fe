#include "toml_read.hpp"

#include <gump/sdk.hpp>

#include <algorithm>

namespace replay {

namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& known) {
    std::string best;
    size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
    for (const auto& k : known)
        if (size_t d = edit_distance(word, k); d < best_distance) {
            best_distance = d;
            best = k;
        }
    return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : ", ") + w;
    return out;
}

} // namespace

std::string TomlReader::position(const toml::source_region& at) const {
    return m_file + ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column);
}

void TomlReader::refuse(const toml::source_region& at, const std::string& what,
                        const std::string& fix) const {
    throw gump::sdk::Error(GUMP_ERR_CONFIG, position(at) + ": " + what + "; " + fix);
}

void TomlReader::check_keys(const toml::table& table, const std::vector<std::string>& known,
                            const std::string& where) const {
    for (const auto& [key, node] : table) {
        (void)node;
        if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
        refuse(key.source(),
               "unknown key '" + std::string(key.str()) + "' in " + where +
                   did_you_mean(key.str(), known),
               "use one of: " + join(known));
    }
}

std::optional<std::string> TomlReader::string_at(const toml::table& table,
                                                 std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (!node->is_string())
        refuse(node->source(), std::string(key) + " must be a string",
               "write " + std::string(key) + " = \"...\"");
    return node->as_string()->get();
}

std::optional<long long> TomlReader::integer_at(const toml::table& table, std::string_view key,
                                                long long minimum) const {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (!node->is_integer() || node->as_integer()->get() < minimum)
        refuse(node->source(),
               std::string(key) + " must be a whole number of at least " + std::to_string(minimum),
               "write e.g. " + std::string(key) + " = " + std::to_string(std::max(minimum, 1LL)));
    return node->as_integer()->get();
}

std::optional<double> TomlReader::number_at(const toml::table& table, std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    std::optional<double> value;
    if (node->is_floating_point()) value = node->as_floating_point()->get();
    if (node->is_integer()) value = static_cast<double>(node->as_integer()->get());
    if (!value || !(*value >= 0))
        refuse(node->source(), std::string(key) + " must be a number of at least 0",
               "write e.g. " + std::string(key) + " = 0.08");
    return value;
}

std::optional<bool> TomlReader::bool_at(const toml::table& table, std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (!node->is_boolean())
        refuse(node->source(), std::string(key) + " must be true or false",
               "write " + std::string(key) + " = true or " + std::string(key) + " = false");
    return node->as_boolean()->get();
}

const toml::table* TomlReader::table_at(const toml::table& table, std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return nullptr;
    if (!node->is_table())
        refuse(node->source(), std::string(key) + " must be a table",
               "write it as a section of its own or as an inline table: " + std::string(key) +
                   " = { ... }");
    return node->as_table();
}

std::vector<const toml::table*> TomlReader::tables_at(const toml::table& table,
                                                      std::string_view key,
                                                      std::string_view header) const {
    std::vector<const toml::table*> out;
    const toml::node* node = table.get(key);
    if (!node) return out;
    const toml::array* array = node->as_array();
    if (!array || !array->is_array_of_tables())
        refuse(node->source(), std::string(key) + " must be an array of tables",
               "write each one as a section of its own, [[" + std::string(header) + "]]");
    for (const toml::node& element : *array)
        out.push_back(element.as_table());
    return out;
}

std::optional<std::vector<std::string>> TomlReader::strings_at(const toml::table& table,
                                                               std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    const toml::array* array = node->as_array();
    std::vector<std::string> out;
    if (array)
        for (const toml::node& element : *array) {
            if (!element.is_string()) {
                array = nullptr;
                break;
            }
            out.push_back(element.as_string()->get());
        }
    if (!array)
        refuse(node->source(), std::string(key) + " must be an array of strings",
               "write " + std::string(key) + " = [\"sh\", \"-c\", \"...\"]");
    return out;
}

} // namespace replay
