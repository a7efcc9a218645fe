// merge: a run's branch into the user's branch, as the user's own commit.
#include "backend.hpp"

#include <sys/stat.h>

namespace gump::test {
namespace {

using ::testing::HasSubstr;

class Merged : public VcsBackend {
protected:
    // A run that edits app.c and adds feature.c, in two snapshots.
    void make_run() {
        repo().write("app.c", "line 1\nline 2\nline 3\n");
        repo().write("other.c", "other\n");
        repo().commit_all("base");
        m_wt = std::string(create("a1").at("path").as_string());
        fs::path w = m_wt;
        std::ofstream(w / "app.c") << "line 1\nline 2 by the run\nline 3\n";
        snapshot(m_wt, "attempt 1");
        std::ofstream(w / "feature.c") << "feature\n";
        m_tip = std::string(snapshot(m_wt, "attempt 2").at("commit").as_string());
    }
    json::object merge(const std::string& mode) { return ok(VCS_OP(merge), request(mode)); }
    json::object request(const std::string& mode) const {
        return {{"repo", repo_path()},
                {"run", "a1"},
                {"mode", mode},
                {"message", "Add the feature\n\nSpec: spec.md"},
                {"trailers", {{"Gump-Run", "a1"}}}};
    }
    std::string m_wt, m_tip;
};

TEST_P(Merged, SquashMakesOneCommitOnTheUsersBranchWithTheMessage) {
    make_run();
    repo().write("other.c", "the user moved on\n");
    std::string user_head = repo().commit_all("user work");

    json::object merged = merge("squash");
    EXPECT_EQ(merged.at("into").as_string(), "main");
    EXPECT_EQ(merged.at("commit").as_string(), repo().head());
    EXPECT_EQ(strings(merged.at("files")), (std::vector<std::string>{"app.c", "feature.c"}));
    EXPECT_EQ(repo().git({"rev-parse", "HEAD^"}), user_head);
    EXPECT_EQ(repo().git({"rev-list", "--parents", "-1", "HEAD"}).size(), 2 * 40 + 1u);
    EXPECT_EQ(repo().git({"log", "-1", "--format=%an"}), "Test User");
    std::string body = repo().git({"log", "-1", "--format=%B"});
    EXPECT_THAT(body, ::testing::StartsWith("Add the feature\n\nSpec: spec.md"));
    EXPECT_EQ(repo().git({"log", "-1", "--format=%(trailers:key=Gump-Run,valueonly)"}), "a1");
    EXPECT_EQ(repo().read("app.c"), "line 1\nline 2 by the run\nline 3\n");
    EXPECT_EQ(repo().read("feature.c"), "feature\n");
    EXPECT_EQ(repo().read("other.c"), "the user moved on\n");
    EXPECT_EQ(repo().status(), "");
    EXPECT_FALSE(fs::exists(repo().dir() / ".git/MERGE_HEAD"));
    EXPECT_FALSE(fs::exists(repo().dir() / ".git/SQUASH_MSG"));
}

TEST_P(Merged, MergeModeKeepsTheRunsHistory) {
    make_run();
    json::object merged = merge("merge");
    EXPECT_EQ(repo().git({"rev-parse", "HEAD^2"}), m_tip);
    EXPECT_THAT(repo().git({"log", "--format=%s"}), HasSubstr("attempt 1"));
    EXPECT_THAT(repo().git({"log", "-1", "--format=%B"}), HasSubstr("Add the feature"));
    EXPECT_EQ(repo().status(), "");
}

TEST_P(Merged, AConflictListsTheFilesAndTouchesNothing) {
    make_run();
    repo().write("app.c", "line 1\nline 2 by the user\nline 3\n");
    std::string user_head = repo().commit_all("user edit");
    repo().write("untracked-note.txt", "mine\n");

    json::object result = merge("squash");
    EXPECT_EQ(strings(result.at("conflicts")), (std::vector<std::string>{"app.c"}));
    EXPECT_FALSE(result.contains("commit"));
    EXPECT_EQ(repo().head(), user_head);
    EXPECT_EQ(repo().status(), "?? untracked-note.txt");
    EXPECT_EQ(repo().read("app.c"), "line 1\nline 2 by the user\nline 3\n");
    EXPECT_FALSE(fs::exists(repo().dir() / ".git/MERGE_HEAD"));
}

TEST_P(Merged, UncommittedChangesAreRefused) {
    make_run();
    repo().write("other.c", "uncommitted\n");
    std::string message = refused(VCS_OP(merge), request("squash"));
    EXPECT_THAT(message, HasSubstr("other.c"));
    EXPECT_THAT(message, HasSubstr("commit or stash"));
    EXPECT_EQ(repo().read("other.c"), "uncommitted\n");
    EXPECT_EQ(repo().git({"rev-list", "--count", "HEAD"}), "2");
}

TEST_P(Merged, ARunWithNothingNewIsRefused) {
    make_run();
    merge("squash");
    std::string head = repo().head();
    EXPECT_THAT(refused(VCS_OP(merge), request("squash")), HasSubstr("nothing to apply"));
    EXPECT_EQ(repo().head(), head);
}

TEST_P(Merged, ADetachedHeadIsRefused) {
    make_run();
    repo().git({"checkout", "-q", "--detach"});
    EXPECT_THAT(refused(VCS_OP(merge), request("squash")), HasSubstr("detached"));
}

TEST_P(Merged, TheUsersHooksRunAndARejectionLeavesEverythingAsItWas) {
    make_run();
    std::string head = repo().head();
    fs::path hook =
        repo().write(".git/hooks/pre-commit", "#!/bin/sh\necho 'lint says no' >&2\nexit 1\n");
    fs::permissions(hook, fs::perms::owner_all);
    std::string message = refused(VCS_OP(merge), request("squash"));
    EXPECT_THAT(message, HasSubstr("lint says no"));
    EXPECT_EQ(repo().head(), head);
    EXPECT_EQ(repo().status(), "");
    EXPECT_FALSE(fs::exists(repo().dir() / "feature.c"));

    repo().write(".git/hooks/pre-commit", "#!/bin/sh\nexit 0\n");
    repo().write(".git/hooks/commit-msg", "#!/bin/sh\necho 'Reviewed-by: the hook' >> \"$1\"\n");
    fs::permissions(repo().dir() / ".git/hooks/commit-msg", fs::perms::owner_all);
    merge("squash");
    EXPECT_THAT(repo().git({"log", "-1", "--format=%B"}), HasSubstr("Reviewed-by: the hook"));
}

TEST_P(Merged, AMissingIdentityIsRefusedAndChangesNothing) {
    make_run();
    std::string head = repo().head();
    repo().git({"config", "--unset", "user.name"});
    repo().git({"config", "--unset", "user.email"});
    repo().git({"config", "user.useConfigOnly", "true"});
    std::string message = refused(VCS_OP(merge), request("squash"));
    EXPECT_THAT(message, HasSubstr("user.email"));
    EXPECT_EQ(repo().head(), head);
    EXPECT_EQ(repo().status(), "");
}

TEST_P(Merged, ARemovedRunIsRefused) {
    make_run();
    ok(VCS_OP(remove_workspace), {{"repo", repo_path()}, {"run", "a1"}});
    EXPECT_THAT(refused(VCS_OP(merge), request("squash")), HasSubstr("gump/run-a1"));
}

INSTANTIATE_FOR_EVERY_BACKEND(Merged);

} // namespace
} // namespace gump::test
