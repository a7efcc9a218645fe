#pragma once
// Playing a [[step]] with [step.command]: a program plays the agent and prints its events.
#include "request.hpp"
#include "script.hpp"

#include <gump/sdk.hpp>

namespace replay {

// Applies the entry's file operations, then runs the command in the worktree through the host
// (its stdout goes to <artifacts_dir>/stream.jsonl) and relays every event line it prints.
// Success: the command ended by itself and its last "result" event does not say
// "success": false; without a result event, its exit status is 0.
boost::json::object run_command_entry(const gump::sdk::Host& host, const Entry& entry,
                                      const RunRequest& request);

} // namespace replay
