#pragma once
// Small text helpers shared by the parsers and the terminal output.
#include <string>
#include <string_view>
#include <vector>

namespace gump {

// The candidate closest to `word` by edit distance, or "" when none is close enough to suggest.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "a, b and c"
std::string join_words(const std::vector<std::string>& words, std::string_view last_sep = " and ");

std::string join(const std::vector<std::string>& parts, std::string_view sep);

// "1h30m", "10m", "45s" from milliseconds.
std::string format_duration(long long ms);

// Parses "90s", "10m", "1h30m", "2h", "500ms"; false when malformed.
bool parse_duration(std::string_view text, long long& ms);

// The first dotted version number in a program's --version line ("2.1.331 (Claude Code)" ->
// "2.1.331"); empty when there is none.
std::string version_number(std::string_view text);
// Negative, zero or positive as dotted version `a` is older than, the same as or newer than `b`.
int compare_versions(std::string_view a, std::string_view b);

} // namespace gump
