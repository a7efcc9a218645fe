#pragma once
// A replay script: what the scripted agent does for each step it may be asked to run.
// The format is described in README.md.
#include "file_ops.hpp"
#include "outcome.hpp"
#include "usage.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replay {

// [step.command]: a program that plays the agent and prints its events on stdout.
struct Command {
    std::vector<std::string> argv;
    std::vector<std::pair<std::string, std::string>> env;
};

// One [[step]].
struct Entry {
    std::string path;                 // "build/2/impl"; a "*" segment matches any one segment
    std::optional<long long> attempt; // absent: any attempt
    std::string session;
    std::string text;
    int turns = 1;
    Usage usage; // the totals of the attempt
    bool success = true;
    Failure failure;         // read only when success is false
    std::vector<FileOp> ops; // writes, then edits, then deletes, each in file order
    std::optional<Command> command;
    std::string where; // "<script>:<line>:<col>" of the [[step]] header, for messages
};

struct Script {
    std::string file;
    long long turn_delay_ms = 0;
    std::vector<Entry> steps; // in file order
};

// "replay-" and 8 hex digits of a hash of the step path: stable across runs and machines, so a
// resumed session finds the same id.
std::string default_session(std::string_view step_path);

// Parses a script's text; `file` names it in messages. Throws gump::sdk::Error(GUMP_ERR_CONFIG,
// "<file>:<line>:<col>: <what is wrong>; <how to fix it>") for a syntax error, an unknown key, a
// value of the wrong type or a path that leaves the worktree.
Script parse_script(std::string_view text, const std::string& file);

// Reads and parses the script at `file`; a file that cannot be read is a config error too.
Script load_script(const std::string& file);

} // namespace replay
