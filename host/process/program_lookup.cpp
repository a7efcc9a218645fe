#include "process/program_lookup.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <map>

extern char** environ;

namespace gump::process {

namespace {

// What execvp uses when there is no PATH at all.
constexpr const char* default_path = "/bin:/usr/bin";

std::string path_variable(const std::vector<std::string>& env) {
    for (const auto& entry : env)
        if (entry.rfind("PATH=", 0) == 0) return entry.substr(5);
    return default_path;
}

} // namespace

std::vector<std::string> child_environment(const CommandSpec& spec) {
    std::map<std::string, std::string> env;
    for (char** e = environ; e && *e; ++e) {
        std::string_view entry(*e);
        size_t eq = entry.find('=');
        if (eq != std::string_view::npos && eq > 0)
            env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
    }
    for (const auto& name : spec.env_remove)
        env.erase(name);
    for (const auto& [name, value] : spec.env)
        env[name] = value;
    std::vector<std::string> out;
    out.reserve(env.size());
    for (const auto& [name, value] : env)
        out.push_back(name + "=" + value);
    return out;
}

Expected<std::string> find_program(const std::string& name, const std::vector<std::string>& env,
                                   const std::string& cwd) {
    if (name.find('/') != std::string::npos) return name; // execve reports what is wrong with it
    std::string path = path_variable(env);
    std::string not_executable;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find(':', start);
        if (end == std::string::npos) end = path.size();
        std::string dir = path.substr(start, end - start);
        start = end + 1;
        std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
        // The child execs after its chdir, so a relative candidate is relative to `cwd`.
        std::string on_disk =
            candidate[0] == '/' || cwd.empty() ? candidate : cwd + "/" + candidate;
        struct stat st {};
        if (::stat(on_disk.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        if (::access(on_disk.c_str(), X_OK) == 0) return candidate;
        if (not_executable.empty()) not_executable = on_disk;
    }
    if (!not_executable.empty())
        return Error{"cannot run '" + name + "': " + not_executable +
                     " is not executable (chmod +x it)"};
    return Error{"'" + name + "' was not found on PATH"};
}

} // namespace gump::process
