// merge: brings a run's branch into the user's current branch. The result is computed in memory
// first, so a conflict touches nothing; the commit itself is made by the git program because it
// is the user's own commit (identity, hooks, signing).
#include "ops.hpp"

#include <fstream>

namespace gitvcs {

namespace {

constexpr int git_timeout_ms = 10 * 60 * 1000; // hooks may run tests

struct GitResult {
    int exit_code = -1;
    std::string output; // stderr, else stdout: what to show the user
};

GitResult run_git(const gump::sdk::Host& host, const std::string& repo,
                  std::initializer_list<std::string> args) {
    json::array argv{"git"};
    for (const auto& a : args)
        argv.emplace_back(a);
    json::object result =
        host.run_command({{"argv", argv}, {"cwd", repo}, {"timeout_ms", git_timeout_ms}});
    GitResult r;
    if (const auto* code = result.if_contains("exit_code"); code && code->is_int64())
        r.exit_code = static_cast<int>(code->as_int64());
    for (const char* stream : {"stderr", "stdout"})
        if (const auto* text = result.if_contains(stream);
            r.output.empty() && text && text->is_string())
            r.output = std::string(text->as_string());
    while (!r.output.empty() && std::isspace(static_cast<unsigned char>(r.output.back())))
        r.output.pop_back();
    return r;
}

// The conflicting paths of merging `theirs` into `ours`, or the merged tree when there are none.
std::vector<std::string> merge_in_memory(git_repository* repo, git_commit* ours, git_commit* theirs,
                                         git_oid& tree) {
    git_index* raw = nullptr;
    git_merge_options options = GIT_MERGE_OPTIONS_INIT;
    options.flags = GIT_MERGE_FIND_RENAMES;
    check(git_merge_commits(&raw, repo, ours, theirs, &options), "cannot compute the merge",
          "run `git fsck` in the repository");
    Index index(raw);
    std::vector<std::string> conflicts;
    if (git_index_has_conflicts(index.get())) {
        git_index_conflict_iterator* raw_it = nullptr;
        check(git_index_conflict_iterator_new(&raw_it, index.get()), "cannot list the conflicts",
              "run `git merge-tree` to see them");
        std::unique_ptr<git_index_conflict_iterator,
                        Deleter<git_index_conflict_iterator, git_index_conflict_iterator_free>>
            it(raw_it);
        const git_index_entry *ancestor, *our, *their;
        while (git_index_conflict_next(&ancestor, &our, &their, it.get()) == 0) {
            const git_index_entry* any = our ? our : their ? their : ancestor;
            conflicts.emplace_back(any->path);
        }
        return conflicts;
    }
    check(git_index_write_tree_to(&tree, index.get(), repo), "cannot write the merged tree",
          "check that the disk is writable");
    return conflicts;
}

// Puts the user's tracked files back as HEAD has them. Safe: apply starts from a clean tree.
void restore(const gump::sdk::Host& host, const std::string& repo) {
    if (run_git(host, repo, {"rev-parse", "-q", "--verify", "MERGE_HEAD"}).exit_code == 0)
        run_git(host, repo, {"merge", "--abort"});
    run_git(host, repo, {"reset", "--hard", "-q", "HEAD"});
}

} // namespace

json::object merge(const gump::sdk::Host& host, const json::object& request) {
    std::string repo_path = field(request, "repo");
    Names names = names_for(field(request, "run"));
    std::string mode = field(request, "mode");
    if (mode != "squash" && mode != "merge")
        throw gump::sdk::Error(GUMP_ERR_INVALID_ARGUMENT,
                               "the merge mode '" + mode + "' is not \"squash\" or \"merge\"");
    std::string message = commit_message(request, "gump: apply run " + names.run);

    Repo repo = open_repo(repo_path);
    if (git_repository_head_detached(repo.get()) == 1)
        fail("HEAD is detached in " + repo_path + "; check out the branch the run should go into");
    Reference head_ref = [&] {
        git_reference* raw = nullptr;
        check(git_repository_head(&raw, repo.get()), "cannot read HEAD in " + repo_path,
              "make a first commit");
        return Reference(raw);
    }();
    std::string into = git_reference_shorthand(head_ref.get());
    std::vector<std::string> dirty = dirty_paths(repo.get(), false);
    if (!dirty.empty())
        fail(repo_path + " has uncommitted changes (" + short_list(dirty) +
             "); commit or stash them, then apply again");
    auto branch = find_branch(repo.get(), names.branch);
    if (!branch)
        fail("there is no branch " + names.branch + ", so run " + names.run +
             " has nothing left to apply");

    Commit ours = resolve_commit(repo.get(), "HEAD");
    Commit theirs = resolve_commit(repo.get(), names.branch);
    git_oid merged;
    std::vector<std::string> conflicts =
        merge_in_memory(repo.get(), ours.get(), theirs.get(), merged);
    if (!conflicts.empty()) {
        json::array list;
        for (const auto& c : conflicts)
            list.emplace_back(c);
        return {{"conflicts", std::move(list)}};
    }
    if (git_oid_equal(&merged, git_commit_tree_id(ours.get())))
        fail("run " + names.run + " has nothing to apply: " + into +
             " already holds all of its changes");

    std::string message_file = host.temp_dir() + "/apply-message.txt";
    std::ofstream(message_file) << message;
    // The run's commits are gump's own: the user's merge.verifySignatures does not apply to
    // them, the message is exactly the one given, and the commit just merged in memory is the
    // one merged (not whatever the branch says by now). --ff overrides merge.ff=false, with
    // which git refuses --squash.
    std::string tip = oid_str(*git_commit_id(theirs.get()));
    GitResult step =
        mode == "squash"
            ? run_git(host, repo_path,
                      {"merge", "--squash", "--ff", "--no-verify-signatures", "-q", tip})
            : run_git(host, repo_path,
                      {"merge", "--no-ff", "--no-edit", "--no-log", "--no-verify-signatures", "-q",
                       "-F", message_file, tip});
    if (step.exit_code == 0 && mode == "squash")
        step = run_git(host, repo_path, {"commit", "-q", "-F", message_file});
    if (step.exit_code != 0) {
        restore(host, repo_path);
        fail("git could not make the commit (" + step.output + "); " + into +
             " and the working tree are as they were");
    }

    Commit now = resolve_commit(repo.get(), "HEAD");
    Tree before, after;
    git_tree* raw = nullptr;
    check(git_commit_tree(&raw, ours.get()), "cannot read the old tree", "run `git fsck`");
    before.reset(raw);
    check(git_commit_tree(&raw, now.get()), "cannot read the new tree", "run `git fsck`");
    after.reset(raw);
    json::array files;
    for (const auto& p : changed_paths(repo.get(), before.get(), after.get()))
        files.emplace_back(p);
    return {{"commit", oid_str(*git_commit_id(now.get()))},
            {"into", into},
            {"files", std::move(files)}};
}

} // namespace gitvcs
