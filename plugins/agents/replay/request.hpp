#pragma once
// The fields of a run request the replay agent uses (docs/agent-contract.md).
#include <boost/json/object.hpp>

#include <string>

namespace replay {

struct RunRequest {
    std::string worktree;      // absolute; files change here and the command runs here
    std::string step;          // "build/2/impl"
    long long attempt = 1;     // 1-based
    std::string session;       // empty: a new session
    std::string artifacts_dir; // empty: none given
    std::string project_dir;   // empty: relative paths start at the current directory
};

// Throws gump::sdk::Error(GUMP_ERR_INVALID_ARGUMENT) when worktree or step is missing.
RunRequest parse_request(const boost::json::object& request);

} // namespace replay
