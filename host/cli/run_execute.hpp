#pragma once
// `gump run` past the checks: the run's record and ledger, its workspace, the engine, the live
// display, and what the run leaves behind (run.json, state.json, the index).
#include "cli/session.hpp"
#include "plan/resolve.hpp"

#include <map>
#include <string>

namespace gump::cli {

struct ExecuteOptions {
    std::string spec; // as the user named it
    std::string spec_text;
    std::string workflow; // as the user named it
    std::map<std::string, std::string> sets;
    bool allow_dirty = false;
    bool json = false;
    bool verbose = false;
    bool no_color = false;
};

int execute_run(Session& session, const plan::Plan& plan, const ExecuteOptions& options);

} // namespace gump::cli
