#pragma once
// Typed reads from a TOML table where every complaint names the file, line and column, and says
// how to fix it: a script is written by hand, and a typo must not pass silently.
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replay {

class TomlReader {
public:
    explicit TomlReader(std::string file) : m_file(std::move(file)) {}

    // "<file>:<line>:<col>".
    std::string position(const toml::source_region& at) const;

    // Throws gump::sdk::Error(GUMP_ERR_CONFIG, "<file>:<line>:<col>: <what>; <fix>").
    [[noreturn]] void refuse(const toml::source_region& at, const std::string& what,
                             const std::string& fix) const;

    // Refuses the first key of `table` that is not in `known`; `where` names the table
    // ("[[step]]").
    void check_keys(const toml::table& table, const std::vector<std::string>& known,
                    const std::string& where) const;

    // Each returns nothing when the key is absent and refuses a value of another type.
    std::optional<std::string> string_at(const toml::table& table, std::string_view key) const;
    std::optional<long long> integer_at(const toml::table& table, std::string_view key,
                                        long long minimum) const;
    std::optional<double> number_at(const toml::table& table, std::string_view key) const; // >= 0
    std::optional<bool> bool_at(const toml::table& table, std::string_view key) const;
    const toml::table* table_at(const toml::table& table, std::string_view key) const;
    // An array of tables; `header` names it as written ("step.write"). Empty when absent.
    std::vector<const toml::table*> tables_at(const toml::table& table, std::string_view key,
                                              std::string_view header) const;
    std::optional<std::vector<std::string>> strings_at(const toml::table& table,
                                                       std::string_view key) const;

private:
    std::string m_file;
};

} // namespace replay
