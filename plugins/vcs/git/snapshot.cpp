// snapshot (add everything, commit) and reset (restore an earlier snapshot's tree).
#include "ops.hpp"

#include <algorithm>

namespace gitvcs {

namespace {

struct AddFilter {
    git_index* index;
    const std::vector<std::string>* exclude;
    std::vector<std::string> skipped;
};

bool excluded(const std::vector<std::string>& exclude, std::string_view path) {
    for (const auto& e : exclude) {
        if (path == e) return true;
        if (path.size() > e.size() && path.starts_with(e) && path[e.size()] == '/') return true;
    }
    return false;
}

// 0: add the path; 1: skip it.
int add_filter(const char* path, const char*, void* payload) {
    auto* filter = static_cast<AddFilter*>(payload);
    std::string_view p(path);
    if (is_gump_path(p)) return 1;
    if (!p.empty() && p.back() == '/') { // an embedded repository: libgit2 cannot add a gitlink
        filter->skipped.emplace_back(p);
        return 1;
    }
    if (excluded(*filter->exclude, p) && !git_index_get_bypath(filter->index, path, 0)) return 1;
    return 0;
}

// The snapshot's author and committer: the repository's identity, or gump's when none is set
// (a fresh CI machine has no user.name).
Signature identity(git_repository* repo) {
    git_signature* raw = nullptr;
    if (git_signature_default(&raw, repo) < 0)
        check(git_signature_now(&raw, "gump", "gump@localhost"), "cannot make a commit identity",
              "set user.name and user.email in git");
    return Signature(raw);
}

// Commits `tree` on top of HEAD (if any) with `message`.
std::string commit_tree(git_repository* repo, git_tree* tree, const git_commit* parent,
                        const std::string& message) {
    Signature sig = identity(repo);
    const git_commit* parents[] = {parent};
    git_oid id;
    check(git_commit_create(&id, repo, "HEAD", sig.get(), sig.get(), nullptr, message.c_str(), tree,
                            parent ? 1 : 0, parents),
          "cannot commit in the workspace", "check the workspace's branch");
    return oid_str(id);
}

} // namespace

SnapshotResult commit_all(git_repository* repo, const std::string& message,
                          const std::vector<std::string>& exclude) {
    Index index = open_index(repo, true);
    char star[] = "*";
    char* patterns[] = {star};
    git_strarray all{patterns, 1};
    AddFilter filter{index.get(), &exclude, {}};
    check(git_index_add_all(index.get(), &all, GIT_INDEX_ADD_DEFAULT, add_filter, &filter),
          "cannot add the workspace's files to the index", "check the files' permissions");
    // add_all records new and modified files only; update_all records the deletions.
    check(git_index_update_all(index.get(), &all, nullptr, nullptr),
          "cannot record deleted files in the index", "check the workspace");
    check(git_index_write(index.get()), "cannot write the workspace's index",
          "check that the disk is writable");
    git_oid tree_id;
    check(git_index_write_tree(&tree_id, index.get()), "cannot write the snapshot's tree",
          "check that the disk is writable");

    SnapshotResult result;
    result.skipped = std::move(filter.skipped);

    Commit parent;
    Tree parent_tree;
    if (git_repository_head_unborn(repo) != 1) {
        parent = resolve_commit(repo, "HEAD");
        git_tree* t = nullptr;
        check(git_commit_tree(&t, parent.get()), "cannot read the HEAD tree", "run `git fsck`");
        parent_tree.reset(t);
        if (git_oid_equal(&tree_id, git_tree_id(parent_tree.get()))) return result;
    }
    git_tree* raw_tree = nullptr;
    check(git_tree_lookup(&raw_tree, repo, &tree_id), "cannot read the snapshot's tree",
          "run `git fsck`");
    Tree tree(raw_tree);
    result.commit = commit_tree(repo, tree.get(), parent.get(), message);
    result.files = changed_paths(repo, parent_tree.get(), tree.get());
    return result;
}

json::object snapshot(const json::object& request) {
    std::string workspace = field(request, "workspace");
    std::string message = commit_message(request, "gump: snapshot");
    std::vector<std::string> exclude;
    if (const auto* list = request.if_contains("exclude"); list && list->is_array())
        for (const auto& e : list->as_array())
            if (e.is_string() && !e.as_string().empty()) {
                std::string path(e.as_string());
                while (path.size() > 1 && path.back() == '/')
                    path.pop_back();
                exclude.push_back(std::move(path));
            }

    Repo repo = open_repo(workspace);
    SnapshotResult made = commit_all(repo.get(), message, exclude);
    json::array files, skipped;
    for (const auto& f : made.files)
        files.emplace_back(f);
    for (const auto& s : made.skipped)
        skipped.emplace_back(s);
    return {{"commit", made.commit.empty() ? json::value(nullptr) : json::value(made.commit)},
            {"files", std::move(files)},
            {"skipped", std::move(skipped)}};
}

json::object reset(const json::object& request) {
    std::string workspace = field(request, "workspace");
    std::string spec = field(request, "commit");
    Repo repo = open_repo(workspace);
    Commit target = resolve_commit(repo.get(), spec);
    git_tree* raw = nullptr;
    check(git_commit_tree(&raw, target.get()), "cannot read the tree of " + spec,
          "run `git fsck` in the workspace");
    Tree tree(raw);
    open_index(repo.get(), true); // an index libgit2 cannot read is rebuilt, not fatal

    // Checking the target tree out (not git_reset, which moves the branch and ignores
    // REMOVE_UNTRACKED) keeps every attempt in the branch's history.
    git_checkout_options co = GIT_CHECKOUT_OPTIONS_INIT;
    co.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_REMOVE_UNTRACKED;
    check(git_checkout_tree(repo.get(), reinterpret_cast<git_object*>(tree.get()), &co),
          "cannot restore the workspace to " + spec, "check that no other process holds its files");

    Commit head = resolve_commit(repo.get(), "HEAD");
    if (git_oid_equal(git_commit_tree_id(head.get()), git_tree_id(tree.get())))
        return {{"commit", nullptr}};
    std::string message = commit_message(
        request, "gump: reset to " + oid_str(*git_commit_id(target.get())).substr(0, 12));
    return {{"commit", commit_tree(repo.get(), tree.get(), head.get(), message)}};
}

} // namespace gitvcs
