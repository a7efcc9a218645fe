// Plain string helpers: git's NUL-separated output, short lists for messages, JSON-safe text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gitcli {

// `text` without leading and trailing whitespace.
std::string_view trim(std::string_view text);

// The fields of -z output. The terminating NUL does not make a last empty field, but empty
// fields inside are kept (merge-tree separates its sections with them).
std::vector<std::string> split_nul(std::string_view text);

// The non-empty lines of `text`.
std::vector<std::string> split_lines(std::string_view text);

// "a, b, c, d, e and 4 more": a short list for one-sentence messages.
std::string short_list(const std::vector<std::string>& paths, size_t shown = 5);

// `text` with every invalid UTF-8 sequence replaced by U+FFFD: JSON carries only UTF-8, and
// a patch or a path may hold Latin-1 bytes.
std::string utf8(std::string_view text);

// True for `.gump` and everything under it: gump's own directory is never recorded.
bool is_gump_path(std::string_view path);

// True when `path` is `dir` or lies under it.
bool is_under(std::string_view path, std::string_view dir);

} // namespace gitcli
