// The operations of the git workspace backend, one group per file.
#pragma once

#include "handles.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gitvcs {

// The names of a run's worktree and branch; refuses an id that is not [A-Za-z0-9][A-Za-z0-9_-]*.
struct Names {
    std::string run;
    std::string worktree; // run-<id>: libgit2 cannot make a worktree name with '/'
    std::string branch;   // gump/run-<id>
};
Names names_for(const std::string& run);
std::optional<Reference> find_branch(git_repository* repo, const std::string& name);

// workspace.cpp
json::object create_workspace(const json::object& request);
json::object remove_workspace(const json::object& request);
json::object list_workspaces(const json::object& request);

// snapshot.cpp
struct SnapshotResult {
    std::string commit; // empty: nothing changed
    std::vector<std::string> files;
    std::vector<std::string> skipped; // embedded repositories left out
};
// `git add -A && git commit` in the worktree `repo`, minus `.gump/`, embedded repositories and
// the untracked `exclude` paths.
SnapshotResult commit_all(git_repository* repo, const std::string& message,
                          const std::vector<std::string>& exclude);
json::object snapshot(const json::object& request);
json::object reset(const json::object& request);

// merge.cpp: the user's own commit, so it is made by the git program (hooks, signing, identity).
json::object merge(const gump::sdk::Host& host, const json::object& request);

// diff.cpp
json::object changed_files(const json::object& request);
json::object diff(const json::object& request);
// The paths that differ between two trees (renames detected).
std::vector<std::string> changed_paths(git_repository* repo, git_tree* from, git_tree* to);

} // namespace gitvcs
