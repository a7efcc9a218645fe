// The repositories libgit2 1.5 gets wrong: each either works or is refused with the way out.
#include "backend.hpp"

#include <unistd.h>

namespace gump::test {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

TEST_P(VcsBackend, FilterDriversAreRunOrTheRepositoryIsRefusedNamingTheWayOut) {
    repo().git({"config", "filter.upper.smudge", "tr a-z A-Z"});
    repo().git({"config", "filter.upper.clean", "tr A-Z a-z"});
    repo().write(".gitattributes", "*.dat filter=upper\n");
    repo().write("data.dat", "hello filter\n");
    repo().commit_all("filtered");
    auto made = call(VCS_OP(create_workspace), {{"repo", repo_path()}, {"run", "a1"}});
    if (made) {
        EXPECT_EQ(read_file(worktree("a1") / "data.dat"), "HELLO FILTER\n");
    } else {
        EXPECT_THAT(made.error().message, HasSubstr("git-cli"));
        EXPECT_FALSE(fs::exists(worktree("a1")));
        EXPECT_EQ(repo().git({"for-each-ref", "--format=%(refname:short)", "refs/heads/gump/"}),
                  "");
    }
}

TEST_P(VcsBackend, ASplitIndexWrittenByGitInTheWorktreeDoesNotBreakSnapshots) {
    std::string wt(create("a1").at("path").as_string());
    fs::path w = wt;
    std::ofstream(w / "agent.txt") << "written by an agent that ran git\n";
    git_in(w, {"-c", "core.splitIndex=true", "update-index", "--split-index"});
    git_in(w, {"-c", "core.splitIndex=true", "add", "agent.txt"});
    std::ofstream(w / "more.txt") << "more\n";
    json::object snap = snapshot(wt, "attempt");
    EXPECT_EQ(strings(snap.at("files")), (std::vector<std::string>{"agent.txt", "more.txt"}));
    EXPECT_EQ(git_in(w, {"status", "--porcelain"}).out, "");
}

// git >= 2.40 writes a zero trailing checksum with index.skipHash; libgit2 1.5 rejects it.
TEST_P(VcsBackend, AnIndexWithoutChecksumInTheWorktreeDoesNotBreakSnapshots) {
    std::string wt(create("a1").at("path").as_string());
    fs::path w = wt;
    std::ofstream(w / "first.txt") << "staged by an agent\n";
    git_in(w, {"add", "first.txt"});
    fs::path index(git_in(w, {"rev-parse", "--git-path", "index"}).out);
    if (index.is_relative()) index = w / index;
    std::fstream file(index, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(-20, std::ios::end);
    file.write(std::string(20, '\0').data(), 20);
    file.close();
    std::ofstream(w / "second.txt") << "more\n";
    json::object snap = snapshot(wt, "attempt");
    EXPECT_EQ(strings(snap.at("files")), (std::vector<std::string>{"first.txt", "second.txt"}));
    EXPECT_EQ(git_in(w, {"status", "--porcelain"}).out, "");
}

TEST_P(VcsBackend, ASplitIndexInTheUsersRepositoryWorksOrIsRefusedNamingTheWayOut) {
    repo().git({"config", "core.splitIndex", "true"});
    repo().git({"update-index", "--split-index"});
    auto made = call(VCS_OP(create_workspace), {{"repo", repo_path()}, {"run", "a1"}});
    if (!made) {
        EXPECT_THAT(made.error().message, HasSubstr("git-cli"));
    }
    EXPECT_EQ(repo().status(), "");
}

TEST_P(VcsBackend, ARepositoryOwnedBySomeoneElseIsRefusedWithSafeDirectory) {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to give the repository to another user";
    ASSERT_EQ(std::system(("chown -R 65534:65534 '" + repo_path() + "'").c_str()), 0);
    std::string message = refused(VCS_OP(create_workspace), {{"repo", repo_path()}, {"run", "a1"}});
    EXPECT_THAT(message, HasSubstr("safe.directory"));
    EXPECT_FALSE(fs::exists(worktree("a1")));
    std::system(("chown -R 0:0 '" + repo_path() + "'").c_str());
}

TEST_P(VcsBackend, PathsWithSpacesQuotesAndUnicodeSurviveEveryOperation) {
    std::string wt(create("a1").at("path").as_string());
    fs::path w = wt;
    std::string base = git_in(w, {"rev-parse", "HEAD"}).out;
    fs::create_directories(w / "dir with space");
    std::ofstream(w / "dir with space/naïve \"quoted\".txt") << "x\n";
    std::ofstream(w / "tab\there.txt") << "y\n";
    json::object snap = snapshot(wt, "odd names");
    EXPECT_EQ(strings(snap.at("files")),
              (std::vector<std::string>{"dir with space/naïve \"quoted\".txt", "tab\there.txt"}));
    json::object changed = ok(VCS_OP(changed_files), {{"workspace", wt}, {"from", base}});
    EXPECT_EQ(statuses(changed).count("dir with space/naïve \"quoted\".txt"), 1u);
    ok(VCS_OP(reset), {{"workspace", wt}, {"commit", base}});
    EXPECT_FALSE(fs::exists(w / "dir with space/naïve \"quoted\".txt"));
}

} // namespace
} // namespace gump::test

namespace gump::test {
namespace {

// A checkout converts line endings exactly as git's does (the fast path must not skip it).
TEST_P(VcsBackend, LineEndingAttributesAndAutocrlfAreHonouredAtCheckout) {
    repo().write(".gitattributes", "*.bat eol=crlf\n");
    repo().write("run.bat", "echo one\necho two\n");
    repo().write("plain.txt", "one\ntwo\n");
    repo().commit_all("attributes");
    create("a1");
    EXPECT_EQ(read_file(worktree("a1") / "run.bat"), "echo one\r\necho two\r\n");
    EXPECT_EQ(read_file(worktree("a1") / "plain.txt"), "one\ntwo\n");

    repo().git({"config", "core.autocrlf", "true"});
    create("a2");
    EXPECT_EQ(read_file(worktree("a2") / "plain.txt"), "one\r\ntwo\r\n");
}

} // namespace
} // namespace gump::test
