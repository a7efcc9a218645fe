#pragma once
// Reading one TOML table of a workflow: typed getters that report wrong types and bad values as
// diagnostics at the value's position, and unknown keys (with a "did you mean") at the end.
#include "core/diagnostic.hpp"

#include <toml++/toml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gump::workflow {

SourcePos position(const toml::source_region& region, const std::string& file);

class TableReader {
public:
    // `what` names the table in messages: "the workflow", "step 'impl'", "[steps.guards]".
    TableReader(const toml::table& table, std::string what, const std::string& file,
                Diagnostics& diags);

    void rename(std::string what) { m_what = std::move(what); }
    bool has(std::string_view key) const { return m_table.contains(key); }
    const toml::node* node(std::string_view key);
    SourcePos pos() const { return position(m_table.source(), m_file); }
    SourcePos pos(std::string_view key) const;

    std::optional<std::string> string(std::string_view key, bool required = false);
    std::optional<long long> integer(std::string_view key, long long min);
    std::optional<double> number(std::string_view key); // > 0
    std::optional<bool> boolean(std::string_view key);
    std::optional<long long> duration_ms(std::string_view key);
    std::optional<std::vector<std::string>> strings(std::string_view key);
    const toml::table* table(std::string_view key);
    const toml::array* array(std::string_view key);

    // Reports every key that no getter asked for; `known` lists what this table accepts.
    void finish(const std::vector<std::string>& known);

    // "<key> must be <expected>" at the value, with an example as the fix.
    void wrong_type(std::string_view key, const std::string& expected, const std::string& example);

private:
    const toml::table& m_table;
    std::string m_what;
    const std::string& m_file;
    Diagnostics& m_diags;
    std::set<std::string, std::less<>> m_read;
};

} // namespace gump::workflow
