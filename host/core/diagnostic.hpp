#pragma once
// Problems found in user input (TOML files, specs, flags), reported all at once as
// `file:line:col: error: message` followed by the fix.
#include <string>
#include <vector>

namespace gump {

struct SourcePos {
    std::string file; // as the user would type it (relative when under the current directory)
    int line = 0;     // 1-based; 0 when unknown
    int column = 0;   // 1-based; 0 when unknown
};

enum class Severity { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    SourcePos pos;
    std::string message; // what is wrong, one sentence
    std::string fix;     // how to fix it, one sentence (may be empty)
};

// "file:line:col: error: message\n  fix: ..." (parts that are unknown are left out).
std::string format(const Diagnostic& d);

class Diagnostics {
public:
    void error(SourcePos pos, std::string message, std::string fix = {});
    void warning(SourcePos pos, std::string message, std::string fix = {});
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }
    void append(const Diagnostics& other);

    bool has_errors() const;
    size_t error_count() const;
    size_t warning_count() const;
    const std::vector<Diagnostic>& items() const { return m_items; }
    bool empty() const { return m_items.empty(); }
    // Sorted by file, line, column; one formatted diagnostic per entry.
    std::string to_string() const;

private:
    std::vector<Diagnostic> m_items;
};

} // namespace gump
