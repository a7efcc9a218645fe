// gump apply on real repositories: the user's branch changes only by the one commit asked for.
#include "runs_fixture.hpp"

namespace gump::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class Apply : public ::testing::Test {
protected:
    Project project;
    GitRepo repo{project.dir()};
};

TEST_F(Apply, TheLatestPassedRunBecomesOneCommitWithASummaryAndIsMarkedApplied) {
    make_run(
        repo,
        {.id = "older", .created_at = "2026-11-20T10:00:00Z", .files = {{"old.txt", "old\n"}}});
    make_run(repo, {.id = "newer",
                    .created_at = "2026-11-21T10:00:00Z",
                    .files = {{"src/health.c", "ok\n"}, {"test/health_test.c", "test\n"}}});
    make_run(repo, {.id = "failed",
                    .status = "fail",
                    .created_at = "2026-11-22T10:00:00Z",
                    .files = {{"bad.txt", "bad\n"}}});
    std::string before = repo.head();

    Outcome out = project.gump({"apply"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_THAT(out.out, HasSubstr("Applied run newer to main"));
    EXPECT_THAT(out.out, HasSubstr("2 files changed"));
    EXPECT_EQ(repo.git({"rev-parse", "HEAD^"}), before);
    EXPECT_EQ(repo.git({"rev-list", "--count", "HEAD"}), "2"); // one commit, squashed
    EXPECT_EQ(repo.read("src/health.c"), "ok\n");
    EXPECT_FALSE(fs::exists(repo.dir() / "old.txt"));
    std::string message = repo.git({"log", "-1", "--format=%B"});
    EXPECT_THAT(message, testing::StartsWith("Add a /healthz endpoint\n"));
    EXPECT_THAT(message, HasSubstr("Workflow: cheap2sota"));
    EXPECT_THAT(message, HasSubstr("Spec: spec.md"));
    EXPECT_THAT(message, HasSubstr("Cost: $0.83 · 8 turns · 52s"));
    EXPECT_EQ(repo.git({"log", "-1", "--format=%(trailers:key=Gump-Run,valueonly)"}), "newer");
    EXPECT_EQ(repo.git({"log", "-1", "--format=%an"}), "Test User");
    EXPECT_EQ(repo.status(), "");
    EXPECT_EQ(repo.git({"fsck", "--no-progress", "--no-dangling"}), "");

    auto record = run_json(repo, "newer");
    ASSERT_TRUE(record.at("applied").is_object());
    EXPECT_EQ(record.at("applied").at("commit").as_string(), repo.head());
    EXPECT_EQ(record.at("applied").at("mode").as_string(), "squash");
    // Its worktree is gone; its branch stays for the story until gc.
    EXPECT_FALSE(fs::exists(worktree_of(repo, "newer")));
    EXPECT_EQ(repo.git({"for-each-ref", "--format=%(refname:short)", "refs/heads/gump/run-newer"}),
              "gump/run-newer");

    Outcome again = project.gump({"apply", "newer"});
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_THAT(again.out, HasSubstr("already applied"));
    EXPECT_EQ(repo.git({"rev-list", "--count", "HEAD"}), "2");
}

TEST_F(Apply, WorksWithTheGitCliBackendToo) {
    repo.write("gump.toml", "[workspace]\nbackend = \"git-cli\"\n");
    repo.commit_all("use the git program");
    make_run(repo, {.id = "r1", .files = {{"a.txt", "a\n"}}});
    auto record = run_json(repo, "r1");
    record["backend"] = "git-cli";
    std::ofstream(repo.dir() / ".gump/runs/r1/run.json") << boost::json::serialize(record);
    Outcome out = project.gump({"apply"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(repo.read("a.txt"), "a\n");
    EXPECT_EQ(repo.git({"log", "-1", "--format=%(trailers:key=Gump-Run,valueonly)"}), "r1");
}

TEST_F(Apply, MergeKeepsTheSnapshotHistory) {
    std::string tip = make_run(repo, {.id = "r1", .files = {{"a.txt", "a\n"}, {"b.txt", "b\n"}}});
    Outcome out = project.gump({"apply", "r1", "--merge"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(repo.git({"rev-parse", "HEAD^2"}), tip);
    EXPECT_EQ(run_json(repo, "r1").at("applied").at("mode").as_string(), "merge");
}

TEST_F(Apply, ADirtyTreeIsRefusedAndKeptAsItIs) {
    make_run(repo, {.id = "r1", .files = {{"a.txt", "a\n"}}});
    repo.write("README.md", "# my unsaved work\n");
    std::string head = repo.head();
    Outcome out = project.gump({"apply"});
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_THAT(out.err, HasSubstr("README.md"));
    EXPECT_THAT(out.err, HasSubstr("commit or stash"));
    EXPECT_EQ(repo.read("README.md"), "# my unsaved work\n");
    EXPECT_EQ(repo.head(), head);
    EXPECT_TRUE(run_json(repo, "r1").at("applied").is_null());
}

TEST_F(Apply, AConflictListsTheFilesExitsOneAndChangesNothing) {
    repo.write("app.c", "v1\n");
    repo.commit_all("app");
    make_run(repo, {.id = "r1", .files = {{"app.c", "from the run\n"}}});
    repo.write("app.c", "from the user\n");
    std::string head = repo.commit_all("user edit");

    Outcome out = project.gump({"apply"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_THAT(out.err, HasSubstr("conflicts with your branch in:\n  app.c"));
    EXPECT_THAT(out.err, HasSubstr("Nothing was changed"));
    EXPECT_EQ(repo.head(), head);
    EXPECT_EQ(repo.status(), "");
    EXPECT_EQ(repo.read("app.c"), "from the user\n");
    EXPECT_TRUE(run_json(repo, "r1").at("applied").is_null());
    EXPECT_TRUE(fs::exists(worktree_of(repo, "r1")));
}

TEST_F(Apply, OnlyAPassedFinishedRunIsApplied) {
    make_run(repo, {.id = "failed", .status = "fail", .files = {{"a.txt", "a\n"}}});
    make_run(repo, {.id = "live",
                    .status = "running",
                    .pid = getpid(),
                    .pid_start = own_start_ticks(),
                    .files = {{"b.txt", "b\n"}}});
    Outcome failed = project.gump({"apply", "failed"});
    EXPECT_EQ(failed.exit_code, 2);
    EXPECT_THAT(failed.err, HasSubstr("status 'fail'"));
    Outcome live = project.gump({"apply", "live"});
    EXPECT_EQ(live.exit_code, 2);
    EXPECT_THAT(live.err, HasSubstr("still running"));
    Outcome latest = project.gump({"apply"});
    EXPECT_EQ(latest.exit_code, 2);
    EXPECT_THAT(latest.err, HasSubstr("no passed run is waiting"));
    EXPECT_EQ(repo.git({"rev-list", "--count", "HEAD"}), "1");
}

TEST_F(Apply, UnknownRunsAndPlacesWithoutRunsSaySo) {
    Outcome none = project.gump({"apply"});
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_THAT(none.err, HasSubstr("no runs in this repository yet"));
    Outcome unknown = project.gump({"apply", "nope"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_THAT(unknown.err, HasSubstr("there is no run 'nope'"));
    Outcome outside = project.gump({"apply"}, {}, project.home());
    EXPECT_EQ(outside.exit_code, 2);
    EXPECT_THAT(outside.err, HasSubstr("not inside one"));
}

} // namespace
} // namespace gump::e2e
