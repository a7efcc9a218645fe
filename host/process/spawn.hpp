#pragma once
// Starting a child in its own process group, stdin from /dev/null, stdout and stderr on pipes.
#include "core/expected.hpp"
#include "process/fd.hpp"
#include "process/process.hpp"

#include <sys/types.h>

namespace gump::process {

struct Spawned {
    pid_t pid = -1; // also the id of its process group
    UniqueFd out;   // non-blocking, close-on-exec read ends
    UniqueFd err;
};

// Returns once the program runs (its exec succeeded). Otherwise the child never ran, it has
// been reaped, and the error names the program or directory and the reason.
Expected<Spawned> spawn_process(const CommandSpec& spec);

} // namespace gump::process
