// gump gc on real repositories: what goes, what stays, and what git sees afterwards.
#include "runs_fixture.hpp"

#include <ctime>
#include <sys/wait.h>

namespace gump::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string stamp_days_ago(int days) {
    std::time_t t = std::time(nullptr) - days * 86400;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// A pid that no process has right now.
long long dead_pid() {
    pid_t child = fork();
    if (child == 0) _exit(0);
    waitpid(child, nullptr, 0);
    return child;
}

class Gc : public ::testing::Test {
protected:
    std::string branches() const {
        return repo.git({"for-each-ref", "--format=%(refname:short)", "refs/heads/gump/"});
    }
    bool has_run(const std::string& id) const {
        return fs::exists(repo.dir() / ".gump/runs" / id) || fs::exists(worktree_of(repo, id));
    }
    Project project;
    GitRepo repo{project.dir()};
};

TEST_F(Gc, KeepsTheNewestRunsAndRemovesTheRestEverywhere) {
    for (int day = 4; day >= 1; --day)
        make_run(repo, {.id = "r" + std::to_string(day),
                        .created_at = stamp_days_ago(day),
                        .files = {{"f.txt", std::string(4096, 'x')}}});
    std::string head = repo.head();
    Outcome out = project.gump({"gc", "--keep", "2"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_THAT(out.out, HasSubstr("Removed r3 (pass, 3d old)"));
    EXPECT_THAT(out.out, HasSubstr("Removed r4 (pass, 4d old)"));
    EXPECT_THAT(out.out, HasSubstr("Removed 2 runs, freed"));
    EXPECT_THAT(out.out, HasSubstr("Pruned 2 index lines"));
    EXPECT_FALSE(has_run("r3"));
    EXPECT_FALSE(has_run("r4"));
    EXPECT_TRUE(has_run("r1"));
    EXPECT_TRUE(has_run("r2"));
    EXPECT_EQ(branches(), "gump/run-r1\ngump/run-r2");
    std::string worktrees = repo.git({"worktree", "list", "--porcelain"});
    EXPECT_THAT(worktrees, Not(HasSubstr("run-r3")));
    EXPECT_THAT(worktrees, HasSubstr("run-r1"));
    std::string index = test::read_file(repo.dir() / ".gump/runs/index.jsonl");
    EXPECT_THAT(index, Not(HasSubstr("\"r3\"")));
    EXPECT_THAT(index, HasSubstr("\"r1\""));
    EXPECT_EQ(repo.head(), head);
    EXPECT_EQ(repo.status(), "");
    EXPECT_EQ(repo.git({"fsck", "--no-progress", "--no-dangling"}), "");
}

TEST_F(Gc, NeverRemovesARunWhoseProcessIsAliveButRemovesAnInterruptedOne) {
    make_run(repo, {.id = "live",
                    .status = "running",
                    .created_at = stamp_days_ago(9),
                    .pid = getpid(),
                    .pid_start = own_start_ticks()});
    make_run(repo, {.id = "dead",
                    .status = "running",
                    .created_at = stamp_days_ago(8),
                    .pid = dead_pid(),
                    .pid_start = 1});
    Outcome out = project.gump({"gc", "--keep", "0"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(has_run("live"));
    EXPECT_FALSE(has_run("dead"));
    EXPECT_THAT(out.out, HasSubstr("Removed dead (interrupted"));
    EXPECT_THAT(out.out, HasSubstr("(1 still running)"));
}

TEST_F(Gc, OlderThanRemovesOnlyOldRuns) {
    make_run(repo, {.id = "old", .created_at = stamp_days_ago(10)});
    make_run(repo, {.id = "recent", .created_at = stamp_days_ago(0)});
    Outcome out = project.gump({"gc", "--older-than", "7d"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_FALSE(has_run("old"));
    EXPECT_TRUE(has_run("recent"));
}

TEST_F(Gc, DryRunSaysWhatWouldGoAndRemovesNothing) {
    make_run(repo, {.id = "r1", .created_at = stamp_days_ago(3)});
    auto before = tree(repo.dir());
    Outcome out = project.gump({"gc", "--keep", "0", "--dry-run"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_THAT(out.out, HasSubstr("Would remove r1"));
    EXPECT_THAT(out.out, HasSubstr("Would remove 1 run"));
    EXPECT_EQ(tree(repo.dir()), before);
    EXPECT_EQ(branches(), "gump/run-r1");
}

TEST_F(Gc, WorkspacesWithoutARecordAreRemoved) {
    make_run(repo, {.id = "orphan"});
    fs::remove_all(repo.dir() / ".gump/runs/orphan");
    Outcome out = project.gump({"gc"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_THAT(out.out, HasSubstr("Removed orphan (a workspace without a run record)"));
    EXPECT_EQ(branches(), "");
    EXPECT_FALSE(fs::exists(worktree_of(repo, "orphan")));
}

TEST_F(Gc, UsesTheBackendNamedInGumpTomlAndSaysWhenItIsMissing) {
    make_run(repo, {.id = "orphan"});
    fs::remove_all(repo.dir() / ".gump/runs/orphan");
    repo.write("gump.toml", "[workspace]\nbackend = \"gti\"\n");
    repo.commit_all("config");
    Outcome missing = project.gump({"gc"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_THAT(missing.err, HasSubstr("the workspace backend 'gti' is not an installed vcs "
                                       "plugin (did you mean 'git'?)"));
    EXPECT_EQ(branches(), "gump/run-orphan");

    repo.write("gump.toml", "[workspace]\nbackend = \"git-cli\"\n");
    repo.commit_all("config");
    Outcome cli = project.gump({"gc"});
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    EXPECT_EQ(branches(), "");
}

TEST_F(Gc, ARepositoryWithoutRunsSaysSo) {
    Outcome out = project.gump({"gc"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_THAT(out.out, HasSubstr("No runs in"));
    EXPECT_FALSE(fs::exists(repo.dir() / ".gump"));
}

TEST_F(Gc, BadInputIsRefused) {
    Outcome bad = project.gump({"gc", "--older-than", "soon"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_THAT(bad.err, HasSubstr("7d"));
    Outcome negative = project.gump({"gc", "--keep", "-1"});
    EXPECT_EQ(negative.exit_code, 2);
}

} // namespace
} // namespace gump::e2e
