// What several operations ask of a repository: where it is, its commits, its state, its
// worktrees, and how gump records a commit of its own.
#pragma once

#include "git.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gitcli {

// A working tree (the user's repository or a run's worktree), opened through git.
struct Repo {
    std::string top;        // the path the request gave, which results echo
    std::string git_dir;    // absolute; a linked worktree has its own
    std::string common_dir; // absolute; the main repository's .git, shared by all worktrees
};

// Opens the working tree whose top directory is `path`. Refuses a bare repository, a path
// that is not the top of a working tree and a repository git will not open (dubious
// ownership), each with the way out.
Repo open_repo(const Git& git, const std::string& path);

// The full sha of the commit `spec` names in `cwd` (a sha, HEAD, a branch...), if any.
std::optional<std::string> find_commit(const Git& git, const std::string& cwd,
                                       const std::string& spec);
// As find_commit, failing with the way out when there is no such commit.
std::string resolve_commit(const Git& git, const std::string& cwd, const std::string& spec);
// The sha of the tree of `commit`.
std::string tree_of(const Git& git, const std::string& cwd, const std::string& commit);

// The paths with uncommitted changes, `.gump/` aside, both sides of a staged rename;
// `untracked` adds untracked files (an untracked embedded repository shows as "dir/").
std::vector<std::string> dirty_paths(const Git& git, const std::string& cwd, bool untracked);

// True when git has a name and an email to make commits with in `cwd`: from its
// configuration, or from the GIT_AUTHOR_* and GIT_COMMITTER_* variables gump runs with.
bool has_identity(const Git& git, const std::string& cwd);

// Records `tree` as a commit on top of `parent` and moves the branch HEAD is on to it.
// gump's own commit: no hooks, no signing, and `gump <gump@localhost>` when the repository
// has no identity (a fresh CI machine). Returns the new sha.
std::string commit_tree(const Git& git, const std::string& cwd, const std::string& tree,
                        const std::string& parent, const std::string& message);

// One entry of `git worktree list`.
struct WorktreeRecord {
    std::string path;
    std::string head;
    std::string branch; // refs/heads/...; empty when detached
};
std::vector<WorktreeRecord> worktree_records(const Git& git, const std::string& cwd);

// True when `a` and `b` name the same place (symbolic links resolved where they exist).
bool same_path(const std::string& a, const std::string& b);

} // namespace gitcli
