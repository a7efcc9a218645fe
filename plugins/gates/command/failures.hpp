#pragma once
// The lines of a build or test run that say what failed: the failing tests' names and messages
// and the compiler's errors with file:line, as the runners print them (ctest, GoogleTest,
// pytest, unittest, cargo, go test, node --test, gcc/clang, rustc, tsc). They head the feedback,
// so a long log cannot push them out of the agent's prompt.
#include <string>
#include <string_view>

namespace command_gate {

// At most `limit` bytes of such lines, in the order they appear, each at most once; empty when
// none is recognised.
std::string failure_lines(std::string_view output, size_t limit);

} // namespace command_gate
