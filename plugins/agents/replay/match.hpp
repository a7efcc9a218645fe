#pragma once
// Which [[step]] of a script answers a step path and attempt.
#include "script.hpp"

#include <string>
#include <string_view>

namespace replay {

// True when `pattern` ("build/*/impl") matches `path` ("build/2/impl"): as many segments, each
// equal or "*" (exactly one segment, never part of one).
bool path_matches(std::string_view pattern, std::string_view path);

// The entry for `path` and `attempt`, by precedence: exact path with that attempt, exact path
// for any attempt, glob with that attempt, glob for any attempt; the first in file order within
// the best class. nullptr when none matches.
const Entry* find_entry(const Script& script, std::string_view path, long long attempt);

// The failure message of a run the script has no entry for, with the entry to add.
std::string missing_entry_message(const Script& script, std::string_view path, long long attempt);

} // namespace replay
