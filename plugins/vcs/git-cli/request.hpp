// Reading the fields of a request, and the names and messages derived from them.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace gitcli {

namespace json = boost::json;

// A required non-empty string field (GUMP_ERR_INVALID_ARGUMENT when missing).
std::string field(const json::object& request, const char* key);
// An optional string field, or `fallback` when it is missing or empty.
std::string optional_field(const json::object& request, const char* key,
                           const std::string& fallback);
// An optional boolean field, false when missing.
bool flag(const json::object& request, const char* key);
// An optional array of strings (other entries are ignored).
std::vector<std::string> string_list(const json::object& request, const char* key);

// The names of a run's branch and worktree.
struct Names {
    std::string run;
    std::string dir;    // run-<id>, under <repo>/.gump/worktrees/
    std::string branch; // gump/run-<id>
    std::string ref() const { return "refs/heads/" + branch; }
};
// Refuses an id that is not [A-Za-z0-9][A-Za-z0-9_-]* (GUMP_ERR_INVALID_ARGUMENT).
Names names_for(const std::string& run);

// `request.message` (or `fallback`), a blank line, then one "Key: value" line per
// `request.trailers` entry; always ends with a newline.
std::string commit_message(const json::object& request, const std::string& fallback);

} // namespace gitcli
