#pragma once
// gump's exit codes; documented in docs/exit-codes.md and `gump --help`.
namespace gump::cli {

enum ExitCode : int {
    exit_ok = 0,            // the run passed; the command did what was asked
    exit_failed = 1,        // a step failed after its last attempt; a check found problems
    exit_bad_input = 2,     // usage, configuration, workflow or spec errors; nothing was run
    exit_budget = 3,        // the run budget was exhausted
    exit_stopped = 4,       // the run stopped on something no retry can fix: a gate that cannot
                            // run, an agent that is not logged in or misconfigured
    exit_internal = 70,     // a bug in gump or a plugin; please report it
    exit_interrupted = 130, // interrupted (Ctrl-C); resumable
};

} // namespace gump::cli
