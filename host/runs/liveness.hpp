#pragma once
// Whether the process that runs a run is still alive. A pid alone is not enough (pids are
// reused), so a run records its process's start time too.
#include <string>

namespace gump::runs {

// The start time of `pid` in clock ticks since boot (field 22 of /proc/<pid>/stat); 0 if gone.
long long process_start(long long pid);

// This process's pid and start time, for the record of a run it starts.
long long own_pid();

// True when `pid` on `hostname` is alive and started at `pid_start`. A run recorded on another
// machine (a repository on a shared disk) counts as alive: gump cannot tell, so it keeps it.
bool process_alive(long long pid, long long pid_start, const std::string& hostname);

std::string host_name();

} // namespace gump::runs
