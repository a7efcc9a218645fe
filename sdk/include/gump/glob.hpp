#pragma once
// Globs for plugins: globs over paths relative to the repository root, matched on the whole path
// with '/' between segments: '*' matches within one segment, '?' one character, '[...]' one
// character of a class, a '**' segment any number of segments, and a trailing '/' everything under
// a directory. Dotfiles are not special (like git), and nothing but '**' matches across a '/'.
//
// Header-only, so any plugin can match paths the way gump's own gates do.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gump::sdk {
inline namespace v1 {

namespace glob_detail {
struct Token {
    enum Kind { literal, any, star, set } kind = literal;
    char32_t ch = 0;                                   // literal
    bool negated = false;                              // set
    std::vector<std::pair<char32_t, char32_t>> ranges; // set: inclusive ranges
};
struct Segment {
    bool globstar = false; // a whole '**' segment
    bool trailing = false; // the globstar ends the pattern: it matches at least one segment
    std::vector<Token> tokens;
};
} // namespace glob_detail

// A pattern that cannot be compiled; what() says why and how to fix it (without the pattern).
class BadGlob : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

class Glob {
public:
    // Throws BadGlob: an empty pattern, an unclosed '[', a '/' or a reversed range inside
    // '[...]', a lone '\' at the end, a '..' segment, or a pattern naming no path at all.
    explicit Glob(std::string_view pattern);

    // `path` is relative to the repository root ("./" and repeated '/' are ignored).
    bool matches(std::string_view path) const;

    const std::string& pattern() const { return m_pattern; }

private:
    std::string m_pattern;
    std::vector<glob_detail::Segment> m_segments;
};

// "./src//a.cpp/" -> "src/a.cpp": the form paths and literal entries are compared in.
std::string normalized_path(std::string_view path);

namespace glob_detail {

// A byte that does not start a valid UTF-8 sequence stands for itself, outside Unicode.
constexpr char32_t raw_byte = 0x110000;

inline char32_t next_char(std::string_view s, size_t& i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b = byte(i);
    size_t length = b < 0x80           ? 1
                    : (b >> 5) == 0x6  ? 2
                    : (b >> 4) == 0xE  ? 3
                    : (b >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 1) {
        ++i;
        return b;
    }
    bool valid = length != 0 && i + length <= s.size();
    char32_t c = length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t k = 1; valid && k < length; ++k) {
        valid = (byte(i + k) & 0xC0) == 0x80;
        c = (c << 6) | (byte(i + k) & 0x3F);
    }
    if (!valid) {
        ++i;
        return raw_byte + b;
    }
    i += length;
    return c;
}

inline std::u32string characters(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();)
        out.push_back(next_char(s, i));
    return out;
}

inline std::string utf8(char32_t c) {
    std::string out;
    if (c >= raw_byte) {
        out += static_cast<char>(c - raw_byte);
    } else if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

// The segments of a path, without empty and "." ones.
inline std::vector<std::string_view> segments_of(std::string_view path) {
    std::vector<std::string_view> out;
    while (!path.empty()) {
        size_t slash = path.find('/');
        std::string_view part = path.substr(0, slash);
        if (!part.empty() && part != ".") out.push_back(part);
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

inline bool token_matches(const Token& t, char32_t c) {
    switch (t.kind) {
    case Token::literal:
        return t.ch == c;
    case Token::any:
        return true;
    case Token::set: {
        bool in = false;
        for (const auto& [lo, hi] : t.ranges)
            in = in || (lo <= c && c <= hi);
        return in != t.negated;
    }
    case Token::star:
        break;
    }
    return false;
}

// One segment against one path segment: each star matches any run of characters (backtracking to
// the last star is enough, since every other token matches exactly one character).
inline bool segment_matches(const std::vector<Token>& tokens, const std::u32string& s) {
    size_t t = 0, i = 0, star = std::u32string::npos, mark = 0;
    while (i < s.size()) {
        if (t < tokens.size() && tokens[t].kind == Token::star) {
            star = t++;
            mark = i;
        } else if (t < tokens.size() && token_matches(tokens[t], s[i])) {
            ++t;
            ++i;
        } else if (star != std::u32string::npos) {
            t = star + 1;
            i = ++mark;
        } else {
            return false;
        }
    }
    while (t < tokens.size() && tokens[t].kind == Token::star)
        ++t;
    return t == tokens.size();
}

// Reads the pattern into segments, with the position (in characters, from 1) of any mistake.
class Parser {
public:
    explicit Parser(std::string_view pattern) : m_p(pattern) {}

    std::vector<Segment> parse() {
        if (m_p.empty()) throw BadGlob("it is empty");
        bool slash_at_end = false;
        while (m_i < m_p.size()) {
            size_t start = m_i;
            char32_t c = take();
            slash_at_end = false;
            if (c == '/') {
                finish_segment();
                slash_at_end = true;
                continue;
            }
            if (c == '\\') {
                if (m_i >= m_p.size())
                    throw BadGlob("it ends with a lone '\\'; write '\\\\' for a literal '\\'");
                char32_t escaped = take();
                if (escaped == '/') {
                    finish_segment();
                    slash_at_end = true;
                    continue;
                }
                m_current.tokens.push_back({Token::literal, escaped, false, {}});
            } else if (c == '*') {
                if (m_current.tokens.empty() || m_current.tokens.back().kind != Token::star)
                    m_current.tokens.push_back({Token::star, 0, false, {}});
            } else if (c == '?') {
                m_current.tokens.push_back({Token::any, 0, false, {}});
            } else if (c == '[') {
                m_current.tokens.push_back(parse_set(m_position));
            } else {
                m_current.tokens.push_back({Token::literal, c, false, {}});
            }
            m_raw += m_p.substr(start, m_i - start);
        }
        finish_segment();
        if (m_segments.empty()) throw BadGlob("it names no path; write a glob like \"src/**\"");
        // "vendor/" is everything under vendor, like "vendor/**".
        if (slash_at_end && !m_segments.back().globstar) m_segments.push_back({true, false, {}});
        if (m_segments.back().globstar) m_segments.back().trailing = true;
        return std::move(m_segments);
    }

private:
    char32_t take() {
        ++m_position;
        return next_char(m_p, m_i);
    }

    void finish_segment() {
        if (m_raw == "..")
            throw BadGlob("'..' cannot be a segment: a pattern is relative to the repository "
                          "root and cannot lead out of it");
        if (m_raw == "**")
            m_segments.push_back({true, false, {}});
        else if (!m_raw.empty() && m_raw != ".")
            m_segments.push_back(std::move(m_current));
        m_current = {};
        m_raw.clear();
    }

    // After '[' at `at`: members up to ']', a leading '!' or '^' negating the class, a ']' right
    // after the opening (or its negation) taken literally, '\' escaping one character.
    Token parse_set(size_t at) {
        Token t{Token::set, 0, false, {}};
        auto unclosed = [&] {
            return BadGlob("'[' at character " + std::to_string(at) +
                           " is never closed; end the class with ']' or write '\\[' for a "
                           "literal '['");
        };
        auto member = [&]() -> char32_t {
            if (m_i >= m_p.size()) throw unclosed();
            char32_t c = take();
            if (c == '\\') {
                if (m_i >= m_p.size()) throw unclosed();
                c = take();
            }
            if (c == '/')
                throw BadGlob("the class at character " + std::to_string(at) +
                              " contains '/', which no class matches; a class stands for one "
                              "character of a segment");
            return c;
        };
        if (m_i < m_p.size() && (m_p[m_i] == '!' || m_p[m_i] == '^')) {
            take();
            t.negated = true;
        }
        bool first = true;
        for (;;) {
            if (m_i >= m_p.size()) throw unclosed();
            if (m_p[m_i] == ']' && !first) {
                take();
                return t;
            }
            first = false;
            char32_t lo = member();
            char32_t hi = lo;
            if (m_i + 1 < m_p.size() && m_p[m_i] == '-' && m_p[m_i + 1] != ']') {
                take();
                hi = member();
                if (hi < lo)
                    throw BadGlob("the range '" + utf8(lo) + "-" + utf8(hi) +
                                  "' in the class at character " + std::to_string(at) +
                                  " is reversed; write '" + utf8(hi) + "-" + utf8(lo) + "'");
            }
            t.ranges.emplace_back(lo, hi);
        }
    }

    std::string_view m_p;
    size_t m_i = 0;        // byte offset
    size_t m_position = 0; // characters read so far
    std::vector<Segment> m_segments;
    Segment m_current;
    std::string m_raw; // the current segment as written
};

} // namespace glob_detail

inline Glob::Glob(std::string_view pattern)
    : m_pattern(pattern), m_segments(glob_detail::Parser(pattern).parse()) {}

inline bool Glob::matches(std::string_view path) const {
    std::vector<std::u32string> parts;
    for (std::string_view part : glob_detail::segments_of(path))
        parts.push_back(glob_detail::characters(part));
    if (parts.empty()) return false;
    // fits[i][j]: segments i.. of the pattern match parts j.. of the path.
    size_t n = m_segments.size(), m = parts.size();
    std::vector<std::vector<char>> fits(n + 1, std::vector<char>(m + 1, 0));
    fits[n][m] = 1;
    for (size_t i = n; i-- > 0;) {
        const glob_detail::Segment& seg = m_segments[i];
        for (size_t j = m + 1; j-- > 0;) {
            if (seg.globstar) {
                // Zero segments (not at the end: "src/**" is what is below src), or one more.
                fits[i][j] = (!seg.trailing && fits[i + 1][j]) ||
                             (j < m && (fits[i + 1][j + 1] || fits[i][j + 1]));
            } else {
                fits[i][j] = j < m && fits[i + 1][j + 1] &&
                             glob_detail::segment_matches(seg.tokens, parts[j]);
            }
        }
    }
    return fits[0][0] != 0;
}

inline std::string normalized_path(std::string_view path) {
    std::string out;
    for (std::string_view part : glob_detail::segments_of(path)) {
        if (!out.empty()) out += '/';
        out += part;
    }
    return out;
}

} // namespace v1
} // namespace gump::sdk
