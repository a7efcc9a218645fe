#pragma once
// Makes a fresh worktree ready to build: copies the ignored files the project needs from the
// user's tree (`[workspace] copy`) and runs its setup command once (`[workspace] setup`).
#include "core/expected.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace gump::workspace {

struct BootstrapSpec {
    std::vector<std::string> copy; // relative paths (files or directories)
    std::string setup;             // run with sh -c in the worktree; empty: none
    long long setup_timeout_ms = 30 * 60 * 1000;
};

struct BootstrapReport {
    std::vector<std::string> copied;
    std::vector<std::string> missing; // named in copy but absent from the user's tree
    long long setup_ms = 0;
};

// The setup's full output goes to `setup_log` (when not empty). A failing setup is an error
// whose message holds the command, its exit status and the tail of its output.
Expected<BootstrapReport> bootstrap(const std::filesystem::path& repo,
                                    const std::filesystem::path& worktree,
                                    const BootstrapSpec& spec,
                                    const std::filesystem::path& setup_log = {});

} // namespace gump::workspace
