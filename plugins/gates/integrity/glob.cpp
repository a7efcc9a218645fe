#include "glob.hpp"

#include <gump/glob.hpp>

#include <optional>
#include <vector>

namespace integrity {

namespace {

constexpr size_t none = std::string_view::npos;

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
    try {
        return gump::sdk::Glob(pattern).matches(path);
    } catch (const gump::sdk::BadGlob&) {
        // Not a glob ("a[b" has no closing ']'): then it can only be the path itself.
        return without_dot_slash(pattern) == gump::sdk::normalized_path(path);
    }
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
