#pragma once
// Globs over paths relative to the repository root, matched on the whole path with '/' between
// segments: '*' matches within one segment, '?' one character, '[...]' one character of a class,
// a '**' segment any number of segments, and a trailing '/' everything under a directory. Dotfiles
// are not special (like git), and nothing but '**' matches across a '/'.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tests_found {

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

} // namespace tests_found
