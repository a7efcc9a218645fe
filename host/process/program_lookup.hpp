#pragma once
// What a child is started with: its environment, and the program file argv[0] names.
#include "core/expected.hpp"
#include "process/process.hpp"

#include <string>
#include <vector>

namespace gump::process {

// The inherited environment without spec.env_remove, with spec.env set; "NAME=value" entries.
std::vector<std::string> child_environment(const CommandSpec& spec);

// argv[0] as execve needs it: unchanged when it contains a '/', otherwise the first executable
// file of that name in the child's PATH (relative PATH entries count from the child's `cwd`).
// The error names the program and why it cannot be run.
Expected<std::string> find_program(const std::string& name, const std::vector<std::string>& env,
                                   const std::string& cwd);

} // namespace gump::process
