#pragma once
// Globs on whole paths relative to the repository root, and what an item's own scope covers.
#include <string>
#include <string_view>

namespace integrity {

// True when `pattern` matches all of `path` (both relative to the repository root, '/'-separated).
// In a segment, `*` is any run of characters but '/', `?` one character (UTF-8) but '/', `[abc]`,
// `[a-z]`, `[!a]` and `[^a]` a character class, `\x` the character x. A segment that is exactly
// `**` is any number of whole segments, none included, except at the end, where it is everything
// inside (at least one segment): `**/tests/**` matches `tests/a.py` and `pkg/tests/b/c.py`, not
// `pkg/tests`. No implicit basename matching: `conftest.py` matches only the file at the root.
bool glob_matches(std::string_view pattern, std::string_view path);

// The pattern as it is matched: without a leading "./" or "/", and with "/**" after a trailing '/'
// (a directory: everything under it).
std::string normalized_pattern(std::string_view pattern);

// A pattern made only of `*` and `**` segments (`**`, `**/*`, `*`): it names nothing in
// particular, so it never counts as covering a path explicitly.
bool is_catch_all(std::string_view pattern);

// True when an item whose "files" has `pattern` explicitly covers `path`: the pattern matches it
// as a glob, or, taken literally, is the path itself ("app/[id]/page.tsx") or a directory the path
// is under ("tests" covers "tests/test_a.py"). A catch-all pattern covers nothing.
bool covers(std::string_view pattern, std::string_view path);

} // namespace integrity
