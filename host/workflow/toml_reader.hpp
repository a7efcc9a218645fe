#pragma once
// Reading one TOML table of a workflow: typed getters that report a wrong type or a bad value at
// the value's position (saying what is expected and what was found), and, in finish(), every key
// nobody asked for, at the key itself and with a "did you mean".
#include "core/diagnostic.hpp"

#include <toml++/toml.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gump::workflow {

SourcePos position(const toml::source_region& region, const std::string& file);

// "a string", "an integer", "a table", ... for messages.
std::string describe_type(const toml::node& node);

class TableReader {
public:
    // `what` names the table in messages: "the workflow", "step 'build/impl'", "[budget]".
    TableReader(const toml::table& table, std::string what, const std::string& file,
                Diagnostics& diags);

    void rename(std::string what) { m_what = std::move(what); }
    const std::string& what() const { return m_what; }
    bool has(std::string_view key) const { return m_table.contains(key); }
    // The value of `key`, marking it as known; nullptr when absent.
    const toml::node* node(std::string_view key);
    // The value of `key` without marking it as known.
    const toml::node* peek(std::string_view key) const { return m_table.get(key); }
    SourcePos pos() const { return position(m_table.source(), m_file); }
    // The position of `key`'s value, or of the table when the key is absent.
    SourcePos pos(std::string_view key) const;
    // The position of the key itself.
    SourcePos key_pos(std::string_view key) const;

    std::optional<std::string> string(std::string_view key);
    // Reports a missing key at the table, with `example` as the fix.
    std::optional<std::string> required_string(std::string_view key, const std::string& example);
    std::optional<long long> integer(std::string_view key, long long min, long long max);
    std::optional<double> positive_number(std::string_view key);
    std::optional<bool> boolean(std::string_view key);
    std::optional<long long> duration_ms(std::string_view key);
    std::optional<std::vector<std::string>> strings(std::string_view key);
    const toml::table* table(std::string_view key, const std::string& example);
    const toml::array* array(std::string_view key, const std::string& example);

    // Reports every key that no getter asked for. `known` lists what this table accepts; `hints`
    // maps keys people write by habit (gump's YAML format) to what to write instead.
    void finish(const std::vector<std::string>& known,
                const std::map<std::string, std::string>& hints = {});

    // "<key> in <what> must be <expected>, not <found>", with `example` as the fix.
    void wrong_type(std::string_view key, const std::string& expected, const std::string& example);

private:
    const toml::table& m_table;
    std::string m_what;
    const std::string& m_file;
    Diagnostics& m_diags;
    std::set<std::string, std::less<>> m_read;
};

} // namespace gump::workflow
