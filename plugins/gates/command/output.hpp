#pragma once
// Turning a command's stdout and stderr into feedback an agent can act on: terminal noise out,
// and within a size limit, the head (where the first error usually is) and the tail (where the
// summary and the last error are).
#include <string>
#include <string_view>

namespace command_gate {

// Without ANSI escape sequences, and of a line rewritten with '\r' (progress), its last state.
std::string clean_output(std::string_view text);

// At most about `limit` bytes: whole lines from the head and the tail, and between them a
// "[... N lines omitted ...]" line.
std::string head_and_tail(std::string_view text, size_t limit);

// Both streams within `limit` bytes together, each labelled when both have something; a stream
// that needs less than its half leaves the rest to the other.
std::string both_streams(std::string_view out, std::string_view err, size_t limit);

// The program the shell could not start, from its message ("sh: 1: foo: not found"); when there
// is none, the first word of the command.
std::string program_not_run(std::string_view err, std::string_view command);

} // namespace command_gate
