#pragma once
// Starting a child in its own process group, stdin from /dev/null, stdout and stderr on pipes.
#include "core/expected.hpp"
#include "process/process.hpp"

#include <sys/types.h>

namespace gump::process {

struct Spawned {
    pid_t pid = -1;
    int out_fd = -1; // non-blocking read ends
    int err_fd = -1;
};

// The error names the program or directory and the reason; the child never runs then.
Expected<Spawned> spawn_process(const CommandSpec& spec);

} // namespace gump::process
