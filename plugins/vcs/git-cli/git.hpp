// Runs the git program. Every process goes through the host, which owns process groups,
// timeouts and cancellation; this layer adds what every git call of the backend needs.
#pragma once

#include <gump/sdk.hpp>

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gitcli {

namespace json = boost::json;

using Env = std::map<std::string, std::string>;

// What one git call produced.
struct Output {
    int exit_code = -1;
    std::string out; // stdout byte for byte (read from a file, so neither bounded nor re-encoded)
    std::string err; // stderr as the host captured it
    bool ok() const { return exit_code == 0; }
};

[[noreturn]] void fail(const std::string& message);

// A file in the plugin's scratch directory, removed when the object goes away.
class ScratchFile {
public:
    explicit ScratchFile(std::string path) : m_path(std::move(path)) {}
    ScratchFile(ScratchFile&& other) noexcept : m_path(std::exchange(other.m_path, {})) {}
    ScratchFile& operator=(ScratchFile&&) = delete;
    ~ScratchFile();
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

class Git {
public:
    explicit Git(gump::sdk::Host host) : m_host(host) {}

    // `git <args>` in `cwd`. A non-zero exit is a normal result; only a git that cannot be
    // started, times out or is cancelled throws.
    Output run(const std::string& cwd, const std::vector<std::string>& args,
               const Env& env = {}) const;

    // As run, but a non-zero exit fails with "<what> (<what git said>); <fix>". Returns stdout.
    std::string check(const std::string& cwd, const std::vector<std::string>& args,
                      std::string_view what, std::string_view fix, const Env& env = {}) const;

    // A fresh scratch file holding `contents` (commit messages, pathspec lists).
    ScratchFile scratch(std::string_view contents) const;
    // A fresh scratch path that does not exist yet (a temporary index).
    ScratchFile scratch_path(std::string_view stem) const;

private:
    std::string next_path(std::string_view stem) const;
    Output execute(const std::string& cwd, const std::vector<std::string>& args,
                   const Env& env) const;
    // Fails, every time, when the git program is older than the backend needs.
    void require_version(const std::string& cwd) const;

    gump::sdk::Host m_host;
    mutable std::mutex m_mutex;        // guards the members below (calls may come from threads)
    mutable std::string m_scratch_dir; // made on first use; the host removes it at exit
    mutable unsigned long m_counter = 0;
    mutable bool m_version_known = false;
    mutable std::string m_version_problem; // empty: the git program is recent enough
};

// What git said on stderr (else stdout), as one line: hints dropped, "fatal: " and the like
// removed, lines joined.
std::string git_says(const Output& output);

} // namespace gitcli
