// The operations of the git-cli workspace backend, one group per file.
#pragma once

#include "git.hpp"
#include "repo.hpp"
#include "request.hpp"

#include <string>
#include <vector>

namespace gitcli {

// workspace.cpp
json::object create_workspace(const Git& git, const json::object& request);
json::object remove_workspace(const Git& git, const json::object& request);
json::object list_workspaces(const Git& git, const json::object& request);

// snapshot.cpp
struct SnapshotResult {
    std::string commit; // empty: nothing changed
    std::vector<std::string> files;
    std::vector<std::string> skipped; // embedded repositories left out
};
// `git add -A` in the worktree `workspace`, into the index `env` names (the worktree's own by
// default), minus `.gump/`, embedded repositories and the `exclude` paths git does not track
// yet. Returns the embedded repositories left out.
std::vector<std::string> stage_all(const Git& git, const std::string& workspace,
                                   const std::vector<std::string>& exclude, const Env& env = {});
// stage_all, then a commit when the tree differs from HEAD's.
SnapshotResult commit_all(const Git& git, const std::string& workspace, const std::string& message,
                          const std::vector<std::string>& exclude);
json::object snapshot(const Git& git, const json::object& request);
json::object reset(const Git& git, const json::object& request);

// compare.cpp
json::object changed_files(const Git& git, const json::object& request);
json::object diff(const Git& git, const json::object& request);
// The paths that differ between two commits, both sides of a rename.
std::vector<std::string> changed_paths(const Git& git, const std::string& cwd,
                                       const std::string& from, const std::string& to);

// merge.cpp: the user's own commit, made by the git program (identity, hooks, signing).
json::object merge(const Git& git, const json::object& request);

} // namespace gitcli
