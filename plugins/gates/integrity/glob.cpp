#include "glob.hpp"

#include <optional>
#include <vector>

namespace integrity {

namespace {

constexpr size_t none = std::string_view::npos;

struct ClassMatch {
    bool matched = false;
    size_t end = 0; // just after the closing ']'
};

// The character class starting at pattern[at] == '['; nullopt when it has no closing ']' (then
// the '[' is an ordinary character).
std::optional<ClassMatch> match_class(std::string_view pattern, size_t at, char c) {
    size_t i = at + 1;
    bool negated = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
    if (negated) ++i;
    bool matched = false;
    bool first = true;
    for (; i < pattern.size(); first = false) {
        char lo = pattern[i];
        if (lo == ']' && !first) return ClassMatch{matched != negated, i + 1};
        if (lo == '\\' && i + 1 < pattern.size()) lo = pattern[++i];
        ++i;
        char hi = lo;
        if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
            hi = pattern[i + 1];
            if (hi == '\\' && i + 2 < pattern.size()) {
                hi = pattern[i + 2];
                ++i;
            }
            i += 2;
        }
        if (lo <= c && c <= hi) matched = true;
    }
    return std::nullopt;
}

// One segment (no '/'): `*`, `?`, classes, escapes; backtracking to the last `*`.
bool segment_matches(std::string_view p, std::string_view s) {
    size_t pi = 0, si = 0, star = none, star_s = 0;
    while (si < s.size()) {
        if (pi < p.size()) {
            char pc = p[pi];
            if (pc == '*') {
                while (pi < p.size() && p[pi] == '*')
                    ++pi;
                star = pi;
                star_s = si;
                continue;
            }
            bool advanced = false;
            if (pc == '?') { // one character: a whole UTF-8 sequence
                ++pi;
                while (si + 1 < s.size() && (static_cast<unsigned char>(s[si + 1]) & 0xC0) == 0x80)
                    ++si;
                advanced = true;
            } else if (pc == '[') {
                if (auto m = match_class(p, pi, s[si])) {
                    if (m->matched) {
                        pi = m->end;
                        advanced = true;
                    }
                } else if (s[si] == '[') {
                    ++pi;
                    advanced = true;
                }
            } else if (pc == '\\' && pi + 1 < p.size()) {
                if (p[pi + 1] == s[si]) {
                    pi += 2;
                    advanced = true;
                }
            } else if (pc == s[si]) {
                ++pi;
                advanced = true;
            }
            if (advanced) {
                ++si;
                continue;
            }
        }
        if (star == none) return false;
        pi = star;
        si = ++star_s;
    }
    while (pi < p.size() && p[pi] == '*')
        ++pi;
    return pi == p.size();
}

std::vector<std::string_view> segments(std::string_view text) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (;;) {
        size_t slash = text.find('/', start);
        std::string_view part = text.substr(start, slash == none ? none : slash - start);
        if (!part.empty()) out.push_back(part); // "a//b" is "a/b"
        if (slash == none) return out;
        start = slash + 1;
    }
}

std::string_view without_dot_slash(std::string_view text) {
    for (;;) {
        if (text.starts_with("./"))
            text.remove_prefix(2);
        else if (text.starts_with('/'))
            text.remove_prefix(1);
        else
            return text;
    }
}

} // namespace

bool glob_matches(std::string_view pattern, std::string_view path) {
    std::vector<std::string_view> p = segments(pattern);
    std::vector<std::string_view> s = segments(without_dot_slash(path));
    // A trailing "/**" is everything inside: at least one more segment ("tests/**" is not "tests").
    if (p.size() > 1 && p.back() == "**") p.insert(p.end() - 1, "*");
    // `**` segments are to whole segments what `*` is to characters.
    size_t pi = 0, si = 0, star = none, star_s = 0;
    while (si < s.size()) {
        if (pi < p.size() && p[pi] == "**") {
            star = ++pi;
            star_s = si;
            continue;
        }
        if (pi < p.size() && segment_matches(p[pi], s[si])) {
            ++pi;
            ++si;
            continue;
        }
        if (star == none) return false;
        pi = star;
        si = ++star_s;
    }
    while (pi < p.size() && p[pi] == "**")
        ++pi;
    return pi == p.size();
}

std::string normalized_pattern(std::string_view pattern) {
    std::string out(without_dot_slash(pattern));
    if (out.ends_with('/')) out += "**";
    return out;
}

bool is_catch_all(std::string_view pattern) {
    std::vector<std::string_view> parts = segments(normalized_pattern(pattern));
    if (parts.empty()) return true;
    for (std::string_view part : parts)
        if (part.find_first_not_of('*') != none) return false;
    return true;
}

bool covers(std::string_view pattern, std::string_view path) {
    std::string p = normalized_pattern(pattern);
    if (is_catch_all(p)) return false;
    if (glob_matches(p, path)) return true;
    // Taken literally: the very file ("app/[id]/page.tsx"), or a directory the path is under.
    std::string_view literal = without_dot_slash(pattern);
    while (literal.ends_with('/'))
        literal.remove_suffix(1);
    std::string_view file = without_dot_slash(path);
    if (literal.empty() || !file.starts_with(literal)) return false;
    return file.size() == literal.size() || file[literal.size()] == '/';
}

} // namespace integrity
