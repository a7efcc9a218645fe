#pragma once
// Playing a scripted [[step]] (one without [step.command]).
#include "request.hpp"
#include "script.hpp"

#include <gump/sdk.hpp>

namespace replay {

// A session event, then `turns` turns (each after the script's turn_delay) that do their share of
// the file operations and report the running usage, then the final text; the events also go to
// <artifacts_dir>/stream.jsonl. Returns the contract's result. When gump cancels, stops at once
// and returns what was done so far; an operation that fails ends the attempt as the agent's
// failure.
boost::json::object play_entry(const gump::sdk::Host& host, const Entry& entry,
                               const RunRequest& request, long long turn_delay_ms);

} // namespace replay
