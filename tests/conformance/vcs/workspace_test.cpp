// create_workspace, remove_workspace, list_workspaces.
#include "backend.hpp"

namespace gump::test {
namespace {

using ::testing::HasSubstr;

TEST_P(VcsBackend, CreateMakesABranchAndWorktreeFromHeadAndTouchesNothingElse) {
    std::string head = repo().head();
    json::object made = create("a1");
    EXPECT_EQ(made.at("path").as_string(), worktree("a1").string());
    EXPECT_EQ(made.at("branch").as_string(), "gump/run-a1");
    EXPECT_EQ(made.at("base").as_string(), head);
    EXPECT_TRUE(strings(made.at("carried")).empty());

    EXPECT_THAT(repo().git({"worktree", "list", "--porcelain"}),
                HasSubstr("worktree " + worktree("a1").string() + "\nHEAD " + head +
                          "\nbranch refs/heads/gump/run-a1"));
    EXPECT_EQ(repo().git({"rev-parse", "gump/run-a1"}), head);
    EXPECT_EQ(read_file(worktree("a1") / "README.md"), "# project\n");
    // The user's branch, tree and history are as they were; .gump/ is excluded, not committed.
    EXPECT_EQ(repo().head(), head);
    EXPECT_EQ(repo().git({"symbolic-ref", "--short", "HEAD"}), "main");
    EXPECT_EQ(repo().status(), "");
    EXPECT_EQ(repo().git({"rev-list", "--count", "HEAD"}), "1");
    EXPECT_THAT(read_file(repo().dir() / ".git/info/exclude"), HasSubstr(".gump/"));
    EXPECT_EQ(git_in(worktree("a1"), {"status", "--porcelain"}).out, "");
    EXPECT_EQ(repo().git({"fsck", "--no-progress", "--no-dangling"}), "");
}

TEST_P(VcsBackend, ExcludeLineIsWrittenOnce) {
    create("a1");
    create("a2");
    std::string exclude = read_file(repo().dir() / ".git/info/exclude");
    EXPECT_EQ(exclude.find(".gump/"), exclude.rfind(".gump/"));
}

TEST_P(VcsBackend, DirtyTreeIsRefusedWithThePathsAndTheWayOutLeavingNothingBehind) {
    repo().write("README.md", "# changed\n");
    repo().write("notes.txt", "mine\n");
    std::string message = refused(VCS_OP(create_workspace), {{"repo", repo_path()}, {"run", "a1"}});
    EXPECT_THAT(message, HasSubstr("README.md"));
    EXPECT_THAT(message, HasSubstr("notes.txt"));
    EXPECT_THAT(message, HasSubstr("commit, stash"));
    EXPECT_THAT(message, HasSubstr("--allow-dirty"));
    EXPECT_FALSE(fs::exists(worktree("a1")));
    EXPECT_EQ(repo().git({"for-each-ref", "--format=%(refname:short)", "refs/heads/gump/"}), "");
    EXPECT_EQ(repo().read("README.md"), "# changed\n");
    EXPECT_EQ(repo().read("notes.txt"), "mine\n");
}

TEST_P(VcsBackend, AllowDirtyCarriesUncommittedChangesIntoTheFirstSnapshot) {
    repo().write("gone.txt", "to delete\n");
    repo().write("kept.txt", "old\n");
    std::string head = repo().commit_all("more");
    fs::remove(repo().dir() / "gone.txt");
    repo().write("kept.txt", "new\n");
    repo().write("src/added.txt", "fresh\n");
    std::string status = repo().status();

    json::object made = create("a1", true);
    EXPECT_EQ(made.at("base").as_string(), head);
    EXPECT_EQ(strings(made.at("carried")),
              (std::vector<std::string>{"gone.txt", "kept.txt", "src/added.txt"}));
    fs::path wt = worktree("a1");
    EXPECT_FALSE(fs::exists(wt / "gone.txt"));
    EXPECT_EQ(read_file(wt / "kept.txt"), "new\n");
    EXPECT_EQ(read_file(wt / "src/added.txt"), "fresh\n");
    EXPECT_EQ(git_in(wt, {"status", "--porcelain"}).out, "");
    EXPECT_EQ(repo().git({"rev-parse", "gump/run-a1^"}), head);
    // The user's tree keeps its uncommitted changes.
    EXPECT_EQ(repo().status(), status);
    EXPECT_EQ(repo().head(), head);
}

TEST_P(VcsBackend, AnIdInUseOrMalformedIsRefused) {
    create("a1");
    EXPECT_THAT(refused(VCS_OP(create_workspace), {{"repo", repo_path()}, {"run", "a1"}}),
                HasSubstr("gump/run-a1"));
    for (const char* bad : {"../x", "a b", "-x", "a/b", ""})
        EXPECT_FALSE(call(VCS_OP(create_workspace), {{"repo", repo_path()}, {"run", bad}})) << bad;
    EXPECT_EQ(repo().git({"for-each-ref", "--format=%(refname:short)", "refs/heads/gump/"}),
              "gump/run-a1");
}

TEST_P(VcsBackend, ARepositoryWithoutCommitsIsRefused) {
    fs::path empty = root() / "empty";
    fs::create_directories(empty);
    git_in(empty, {"init", "-q"});
    EXPECT_THAT(refused(VCS_OP(create_workspace), {{"repo", empty.string()}, {"run", "a1"}}),
                HasSubstr("first commit"));
}

TEST_P(VcsBackend, NotARepositoryIsRefused) {
    fs::path plain = root() / "plain";
    fs::create_directories(plain);
    EXPECT_FALSE(
        refused(VCS_OP(create_workspace), {{"repo", plain.string()}, {"run", "a1"}}).empty());
}

TEST_P(VcsBackend, RemoveDeletesWorktreeAndBranchAndIsIdempotent) {
    json::object made = create("a1");
    repo().write(".gump/worktrees/run-a1/dirty.txt", "left by an agent\n");
    json::object removed = ok(VCS_OP(remove_workspace), {{"repo", repo_path()}, {"run", "a1"}});
    EXPECT_TRUE(removed.at("worktree").as_bool());
    EXPECT_TRUE(removed.at("branch").as_bool());
    EXPECT_FALSE(fs::exists(worktree("a1")));
    EXPECT_THAT(repo().git({"worktree", "list"}), ::testing::Not(HasSubstr("run-a1")));
    EXPECT_EQ(repo().git({"for-each-ref", "--format=%(refname:short)", "refs/heads/gump/"}), "");

    removed = ok(VCS_OP(remove_workspace), {{"repo", repo_path()}, {"run", "a1"}});
    EXPECT_FALSE(removed.at("worktree").as_bool());
    EXPECT_FALSE(removed.at("branch").as_bool());
    EXPECT_EQ(repo().git({"fsck", "--no-progress", "--no-dangling"}), "");
}

TEST_P(VcsBackend, RemoveCanKeepTheBranchAndCopesWithADirectoryDeletedByHand) {
    create("a1");
    create("a2");
    fs::remove_all(worktree("a2"));
    ok(VCS_OP(remove_workspace), {{"repo", repo_path()}, {"run", "a1"}, {"keep_branch", true}});
    EXPECT_EQ(repo().git({"for-each-ref", "--format=%(refname:short)", "refs/heads/gump/run-a1"}),
              "gump/run-a1");
    json::object removed = ok(VCS_OP(remove_workspace), {{"repo", repo_path()}, {"run", "a2"}});
    EXPECT_TRUE(removed.at("branch").as_bool());
    repo().git({"worktree", "prune"});
    EXPECT_THAT(repo().git({"worktree", "list"}), ::testing::Not(HasSubstr("run-")));
}

TEST_P(VcsBackend, ListShowsRunsWithTheirBranchHeadAndPresence) {
    create("a1");
    create("a2");
    fs::remove_all(worktree("a2"));
    repo().git({"branch", "gump/run-a3"}); // a branch whose worktree is gone entirely
    repo().git({"branch", "feature"});     // not a run
    json::object listed = ok(VCS_OP(list_workspaces), {{"repo", repo_path()}});
    std::map<std::string, json::object> runs;
    for (const auto& w : listed.at("workspaces").as_array())
        runs[std::string(w.at("run").as_string())] = w.as_object();
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_TRUE(runs["a1"].at("present").as_bool());
    EXPECT_FALSE(runs["a2"].at("present").as_bool());
    EXPECT_FALSE(runs["a3"].at("present").as_bool());
    EXPECT_EQ(runs["a1"].at("branch").as_string(), "gump/run-a1");
    EXPECT_EQ(runs["a1"].at("head").as_string(), repo().head());
    EXPECT_EQ(runs["a1"].at("path").as_string(), worktree("a1").string());
}

} // namespace
} // namespace gump::test
