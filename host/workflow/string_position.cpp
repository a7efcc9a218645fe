#include "workflow/string_position.hpp"

namespace gump::workflow {

namespace {

// Walks the raw file one byte at a time, keeping the line and column of the current byte.
class Cursor {
public:
    Cursor(std::string_view text, const SourcePos& start) : m_text(text), m_pos(start) {
        for (int line = 1; line < start.line && m_i < text.size(); ++m_i)
            if (text[m_i] == '\n') ++line;
        // Columns count code points: step over whole UTF-8 sequences.
        for (int column = 1; column < start.column && m_i < text.size(); ++column) {
            ++m_i;
            while (m_i < text.size() && continuation(text[m_i]))
                ++m_i;
        }
    }

    bool done() const { return m_i >= m_text.size(); }
    char at(size_t ahead = 0) const {
        return m_i + ahead < m_text.size() ? m_text[m_i + ahead] : '\0';
    }
    bool starts_with(std::string_view s) const { return m_text.substr(m_i, s.size()) == s; }
    const SourcePos& pos() const { return m_pos; }

    void advance(size_t n = 1) {
        for (size_t k = 0; k < n && !done(); ++k, ++m_i) {
            if (m_text[m_i] == '\n') {
                ++m_pos.line;
                m_pos.column = 1;
            } else if (!continuation(m_text[m_i])) {
                ++m_pos.column;
            }
        }
    }

private:
    static bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

    std::string_view m_text;
    SourcePos m_pos;
    size_t m_i = 0;
};

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

} // namespace

SourcePos position_in_string(std::string_view text, const SourcePos& value, size_t offset) {
    Cursor cur(text, value);
    char quote = cur.at();
    if (quote != '"' && quote != '\'') return value; // not where a string starts: give up
    bool literal = quote == '\'';
    bool multiline = cur.starts_with(literal ? "'''" : "\"\"\"");
    cur.advance(multiline ? 3 : 1);
    if (multiline && cur.at() == '\n')
        cur.advance(1);
    else if (multiline && cur.starts_with("\r\n"))
        cur.advance(2);

    for (size_t logical = 0; logical < offset && !cur.done();) {
        if (cur.starts_with("\r\n")) { // the value holds "\n" for it
            cur.advance(2);
            ++logical;
            continue;
        }
        if (literal || cur.at() != '\\') {
            cur.advance(1);
            ++logical;
            continue;
        }
        size_t j = 1;
        while (is_space(cur.at(j)))
            ++j;
        if (multiline && (cur.at(j) == '\n' || cur.at(j) == '\r')) {
            // A line-ending backslash: it and all the white space after it produce nothing.
            cur.advance(j);
            while (is_space(cur.at()) || cur.at() == '\n' || cur.at() == '\r')
                cur.advance(1);
            continue;
        }
        char kind = cur.at(1);
        cur.advance(kind == 'u' ? 6 : kind == 'U' ? 10 : 2);
        ++logical;
    }
    return cur.pos();
}

} // namespace gump::workflow
