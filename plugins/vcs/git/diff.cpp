// changed_files and diff: what differs between two commits, with rename detection.
#include "ops.hpp"

namespace gitvcs {

namespace {

// The git CLI detects renames by default; libgit2 does not.
void find_renames(git_diff* d, bool untracked) {
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES | (untracked ? GIT_DIFF_FIND_FOR_UNTRACKED : 0);
    check(git_diff_find_similar(d, &find), "cannot detect renames",
          "run `git fsck` in the repository");
}

Diff tree_diff(git_repository* repo, git_tree* from, git_tree* to) {
    git_diff* raw = nullptr;
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    check(git_diff_tree_to_tree(&raw, repo, from, to, &options), "cannot compare the two commits",
          "run `git fsck` in the repository");
    Diff d(raw);
    find_renames(d.get(), false);
    return d;
}

// `from` against the working tree, untracked files included (what a gate command left behind).
Diff worktree_diff(git_repository* repo, git_tree* from) {
    open_index(repo, true);
    git_diff* raw = nullptr;
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
                    GIT_DIFF_SHOW_UNTRACKED_CONTENT | GIT_DIFF_INCLUDE_TYPECHANGE;
    check(git_diff_tree_to_workdir_with_index(&raw, repo, from, &options),
          "cannot compare the working tree", "run `git status` in the workspace");
    Diff d(raw);
    find_renames(d.get(), true);
    return d;
}

Tree tree_of(git_repository* repo, const std::string& spec) {
    Commit commit = resolve_commit(repo, spec);
    git_tree* raw = nullptr;
    check(git_commit_tree(&raw, commit.get()), "cannot read the tree of " + spec,
          "run `git fsck` in the repository");
    return Tree(raw);
}

const char* status_name(const git_diff_delta& d) {
    switch (d.status) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_COPIED:
    case GIT_DELTA_UNTRACKED:
        return "added";
    case GIT_DELTA_TYPECHANGE:
        return "typechange";
    case GIT_DELTA_DELETED:
        return "deleted";
    case GIT_DELTA_RENAMED:
        return "renamed";
    case GIT_DELTA_MODIFIED:
        if (d.old_file.mode != d.new_file.mode && git_oid_equal(&d.old_file.id, &d.new_file.id))
            return "mode";
        return "modified";
    default:
        return "modified";
    }
}

json::object compare(const json::object& request, bool with_patch) {
    std::string workspace = field(request, "workspace");
    std::string from = field(request, "from");
    std::string to = "HEAD";
    if (const auto* t = request.if_contains("to"); t && t->is_string() && !t->as_string().empty())
        to = std::string(t->as_string());
    const auto* w = request.if_contains("worktree");
    bool worktree = !with_patch && w && w->is_bool() && w->as_bool();
    Repo repo = open_repo(workspace);
    Tree a = tree_of(repo.get(), from);
    Diff d = worktree ? worktree_diff(repo.get(), a.get())
                      : tree_diff(repo.get(), a.get(), tree_of(repo.get(), to).get());

    json::array files;
    size_t count = git_diff_num_deltas(d.get());
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta* delta = git_diff_get_delta(d.get(), i);
        git_patch* raw = nullptr;
        check(git_patch_from_diff(&raw, d.get(), i), "cannot compute a file's diff",
              "run `git fsck` in the repository");
        Patch patch(raw);
        size_t context = 0, added = 0, removed = 0;
        if (patch)
            check(git_patch_line_stats(&context, &added, &removed, patch.get()),
                  "cannot count a file's changed lines", "run `git fsck` in the repository");
        json::object file{
            {"path", delta->new_file.path ? delta->new_file.path : delta->old_file.path}};
        if (delta->status == GIT_DELTA_RENAMED || delta->status == GIT_DELTA_COPIED)
            file["old_path"] = delta->old_file.path;
        file["status"] = status_name(*delta);
        file["added"] = added;
        file["removed"] = removed;
        if (delta->flags & GIT_DIFF_FLAG_BINARY) file["binary"] = true;
        files.push_back(std::move(file));
    }
    json::object out{{"files", std::move(files)}};
    if (with_patch) {
        Buf buf;
        check(git_diff_to_buf(&buf.buf, d.get(), GIT_DIFF_FORMAT_PATCH),
              "cannot render the diff as a patch", "run `git fsck` in the repository");
        out["patch"] = buf.str();
    }
    return out;
}

} // namespace

std::vector<std::string> changed_paths(git_repository* repo, git_tree* from, git_tree* to) {
    Diff d = tree_diff(repo, from, to);
    std::vector<std::string> paths;
    size_t count = git_diff_num_deltas(d.get());
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta* delta = git_diff_get_delta(d.get(), i);
        if (delta->status == GIT_DELTA_RENAMED) paths.emplace_back(delta->old_file.path);
        paths.emplace_back(delta->new_file.path ? delta->new_file.path : delta->old_file.path);
    }
    return paths;
}

json::object changed_files(const json::object& request) {
    return compare(request, false);
}

json::object diff(const json::object& request) {
    return compare(request, true);
}

} // namespace gitvcs
