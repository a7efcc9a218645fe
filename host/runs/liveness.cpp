#include "runs/liveness.hpp"

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace gump::runs {

long long process_start(long long pid) {
    if (pid <= 0) return 0;
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The command name (field 2) may hold spaces and parentheses: count from its last ')'.
    size_t close = stat.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i)
        if (i == 22) return std::stoll(field);
    return 0;
}

long long own_pid() {
    return static_cast<long long>(getpid());
}

std::string host_name() {
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    return name;
}

bool process_alive(long long pid, long long pid_start, const std::string& hostname) {
    if (!hostname.empty() && hostname != host_name()) return true;
    long long start = process_start(pid);
    return start != 0 && (pid_start == 0 || start == pid_start);
}

} // namespace gump::runs
