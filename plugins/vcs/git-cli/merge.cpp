// merge: brings a run's branch into the user's current branch. The merge is computed in memory
// first (git merge-tree), so a conflict touches nothing; the commit itself is the user's own,
// made by `git merge` / `git commit` with the user's identity, hooks and signing.
#include "ops.hpp"

#include "text.hpp"

namespace gitcli {

namespace {

struct InMemory {
    std::string tree;                   // the merged tree, when there is no conflict
    std::vector<std::string> conflicts; // the conflicting paths otherwise
};

InMemory merge_in_memory(const Git& git, const Repo& repo, const std::string& ours,
                         const std::string& theirs, const Names& names) {
    Output o = git.run(repo.top, {"merge-tree", "--write-tree", "--name-only", "-z",
                                  "--no-messages", ours, theirs});
    if (o.exit_code != 0 && o.exit_code != 1) {
        fail("cannot compute the merge of " + names.branch + " (" + git_says(o) +
             "); run `git merge-tree --write-tree HEAD " + names.branch + "` in " + repo.top +
             " to see why");
    }
    // "<tree>\0", then on conflict one "<path>\0" per conflicting path.
    std::vector<std::string> fields = split_nul(o.out);
    InMemory result;
    if (fields.empty() || fields[0].empty())
        fail("git merge-tree gave no tree for " + names.branch + "; run `git merge-tree " +
             "--write-tree HEAD " + names.branch + "` in " + repo.top + " to see why");
    result.tree = fields[0];
    if (o.exit_code == 1)
        for (size_t i = 1; i < fields.size() && !fields[i].empty(); ++i)
            if (result.conflicts.empty() || result.conflicts.back() != fields[i])
                result.conflicts.push_back(fields[i]);
    if (o.exit_code == 1 && result.conflicts.empty())
        fail("git merge-tree reports a conflict in " + names.branch +
             " without naming a path; run `git merge-tree --write-tree HEAD " + names.branch +
             "` in " + repo.top + " to see it");
    return result;
}

// Puts the user's branch and tracked files back as HEAD has them. Safe, because a merge only
// starts from a tree without tracked changes; untracked files are never touched.
void restore(const Git& git, const Repo& repo) {
    if (git.run(repo.top, {"rev-parse", "-q", "--verify", "MERGE_HEAD"}).ok())
        git.run(repo.top, {"merge", "--abort"});
    git.run(repo.top, {"reset", "--hard", "-q", "HEAD"});
}

} // namespace

json::object merge(const Git& git, const json::object& request) {
    std::string repo_path = field(request, "repo");
    Names names = names_for(field(request, "run"));
    std::string mode = field(request, "mode");
    if (mode != "squash" && mode != "merge")
        throw gump::sdk::Error(GUMP_ERR_INVALID_ARGUMENT,
                               "the merge mode '" + mode +
                                   "' is not \"squash\" or \"merge\"; pass one of them");
    std::string message = commit_message(request, "gump: apply run " + names.run);

    Repo repo = open_repo(git, repo_path);
    Output symbolic = git.run(repo.top, {"symbolic-ref", "-q", "--short", "HEAD"});
    if (!symbolic.ok())
        fail("HEAD is detached in " + repo.top +
             ", so there is no branch to apply the run to; check out the branch the run should "
             "go into");
    std::string into(trim(symbolic.out));
    std::optional<std::string> ours = find_commit(git, repo.top, "HEAD");
    if (!ours)
        fail("the branch " + into + " has no commits yet in " + repo.top +
             "; check out the branch the run should go into");
    std::vector<std::string> dirty = dirty_paths(git, repo.top, false);
    if (!dirty.empty())
        fail(repo.top + " has uncommitted changes (" + short_list(dirty) +
             "); commit or stash them, then apply again");
    std::optional<std::string> theirs = find_commit(git, repo.top, names.ref());
    if (!theirs)
        fail("there is no branch " + names.branch + ", so run " + names.run +
             " has nothing left to apply");

    InMemory merged = merge_in_memory(git, repo, *ours, *theirs, names);
    if (!merged.conflicts.empty()) {
        json::array list;
        for (const auto& c : merged.conflicts)
            list.emplace_back(utf8(c));
        return {{"conflicts", std::move(list)}};
    }
    if (merged.tree == tree_of(git, repo.top, *ours))
        fail("run " + names.run + " has nothing to apply: " + into +
             " already holds all of its changes");
    if (!has_identity(git, repo.top))
        fail("git has no identity to make the commit with in " + repo.top +
             "; set one with `git config user.name \"Your Name\"` and `git config user.email "
             "you@example.com`, then apply again");

    // The run's commits are gump's own: the user's merge.verifySignatures does not apply to
    // them, and the message is exactly the one given (no merge.log shortlog). The sha, not the
    // branch, is merged: it is what was just computed.
    ScratchFile message_file = git.scratch(message);
    Output step;
    if (mode == "squash") {
        // --ff overrides a merge.ff=false setting, with which git refuses --squash.
        step = git.run(repo.top,
                       {"merge", "--squash", "--ff", "--no-verify-signatures", "-q", *theirs});
        if (step.ok()) step = git.run(repo.top, {"commit", "-q", "-F", message_file.path()});
    } else {
        step =
            git.run(repo.top, {"merge", "--no-ff", "--no-edit", "--no-log",
                               "--no-verify-signatures", "-q", "-F", message_file.path(), *theirs});
    }
    if (!step.ok()) {
        restore(git, repo);
        fail("git could not make the commit (" + git_says(step) + "); " + into +
             " and the working tree are as they were, so fix what git reports and apply again");
    }

    std::string commit = resolve_commit(git, repo.top, "HEAD");
    json::array files;
    for (const auto& p : changed_paths(git, repo.top, *ours, commit))
        files.emplace_back(utf8(p));
    return {{"commit", commit}, {"into", utf8(into)}, {"files", std::move(files)}};
}

} // namespace gitcli
