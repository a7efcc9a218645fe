// snapshot and reset.
#include "backend.hpp"

namespace gump::test {
namespace {

using ::testing::HasSubstr;

// A worktree whose base commit holds a few files of each sort.
class Seeded {
public:
    explicit Seeded(GitRepo& repo) {
        repo.write("src/app.c", "int main() { return 0; }\n");
        repo.write("src/old_name.c", "static int helper(void) { return 42; }\n"
                                     "static int other(void) { return 7; }\n");
        repo.write("doomed.txt", "bye\n");
        repo.write("run.sh", "echo hi\n");
        repo.write(".gitignore", "build/\n");
        repo.commit_all("seed");
    }
};

TEST_P(VcsBackend, SnapshotRecordsEveryKindOfChangeWithMessageAndTrailers) {
    Seeded seed(repo());
    std::string wt(create("a1").at("path").as_string());
    fs::path w = wt;
    std::ofstream(w / "src/app.c", std::ios::app) << "// changed\n";
    fs::rename(w / "src/old_name.c", w / "src/new_name.c");
    fs::remove(w / "doomed.txt");
    fs::permissions(w / "run.sh", fs::perms::owner_exec, fs::perm_options::add);
    fs::create_symlink("src/app.c", w / "link");
    fs::create_directories(w / "docs");
    std::ofstream(w / "docs/new file é.md") << "new\n";
    fs::create_directories(w / "build");
    std::ofstream(w / "build/out.o") << "binary\n";
    fs::create_directories(w / "empty_dir");

    json::object snap = snapshot(wt, "gump: build/1/impl attempt 1");
    ASSERT_TRUE(snap.at("commit").is_string());
    std::string commit(snap.at("commit").as_string());
    EXPECT_EQ(git_in(w, {"rev-parse", "HEAD"}).out, commit);
    EXPECT_EQ(repo().git({"rev-parse", "gump/run-a1"}), commit);
    EXPECT_EQ(strings(snap.at("files")),
              (std::vector<std::string>{"docs/new file é.md", "doomed.txt", "link", "run.sh",
                                        "src/app.c", "src/new_name.c", "src/old_name.c"}));
    EXPECT_TRUE(strings(snap.at("skipped")).empty());

    std::string name_status = git_in(w, {"-c", "core.quotePath=false", "show", "--name-status",
                                         "-M", "--format=", "HEAD"})
                                  .out;
    EXPECT_THAT(name_status, HasSubstr("M\tsrc/app.c"));
    EXPECT_THAT(name_status, HasSubstr("src/old_name.c\tsrc/new_name.c"));
    EXPECT_THAT(name_status, HasSubstr("D\tdoomed.txt"));
    EXPECT_THAT(name_status, HasSubstr("A\tdocs/new file é.md"));
    EXPECT_THAT(git_in(w, {"ls-tree", "HEAD", "run.sh"}).out, HasSubstr("100755"));
    EXPECT_THAT(git_in(w, {"ls-tree", "HEAD", "link"}).out, HasSubstr("120000"));
    EXPECT_EQ(git_in(w, {"ls-tree", "-r", "HEAD", "build"}).out, "");

    std::string body = git_in(w, {"log", "-1", "--format=%B"}).out;
    EXPECT_THAT(body, ::testing::StartsWith("gump: build/1/impl attempt 1\n\n"));
    EXPECT_EQ(git_in(w, {"log", "-1", "--format=%(trailers:key=Gump-Run,valueonly)"}).out, "r1");
    EXPECT_EQ(git_in(w, {"log", "-1", "--format=%(trailers:key=Gump-Step,valueonly)"}).out,
              "build/1/impl");
    EXPECT_EQ(git_in(w, {"status", "--porcelain"}).out, "");
    EXPECT_EQ(repo().git({"fsck", "--no-progress", "--no-dangling"}), "");
    EXPECT_EQ(repo().status(), "");
}

TEST_P(VcsBackend, NothingChangedIsANormalResult) {
    std::string wt(create("a1").at("path").as_string());
    std::string head = git_in(wt, {"rev-parse", "HEAD"}).out;
    json::object snap = snapshot(wt, "nothing");
    EXPECT_TRUE(snap.at("commit").is_null());
    EXPECT_TRUE(strings(snap.at("files")).empty());
    EXPECT_EQ(git_in(wt, {"rev-parse", "HEAD"}).out, head);
}

TEST_P(VcsBackend, SnapshotGivesTheSameTreeAsGitAddAndCommit) {
    Seeded seed(repo());
    std::string ours(create("a1").at("path").as_string());
    std::string theirs(create("a2").at("path").as_string());
    for (const std::string& wt : {ours, theirs}) {
        fs::path w = wt;
        std::ofstream(w / "src/app.c", std::ios::app) << "// more\n";
        fs::rename(w / "src/old_name.c", w / "src/renamed.c");
        fs::remove(w / "doomed.txt");
        std::ofstream(w / "added.txt") << "added\n";
        fs::permissions(w / "run.sh", fs::perms::owner_exec, fs::perm_options::add);
    }
    snapshot(ours, "ours");
    git_in(theirs, {"add", "-A"});
    git_in(theirs, {"commit", "-q", "-m", "theirs"});
    EXPECT_EQ(git_in(ours, {"rev-parse", "HEAD^{tree}"}).out,
              git_in(theirs, {"rev-parse", "HEAD^{tree}"}).out);
}

TEST_P(VcsBackend, ExcludedFilesStayOutUnlessTheBranchTracksThem) {
    repo().write("AGENTS.md", "the team's own notes\n");
    repo().commit_all("agents notes");
    std::string wt(create("a1").at("path").as_string());
    fs::path w = wt;
    std::ofstream(w / "CLAUDE.md") << "context gump wrote\n";
    std::ofstream(w / "AGENTS.md", std::ios::app) << "more\n";
    fs::create_directories(w / "out/bin");
    std::ofstream(w / "out/bin/app") << "built by a gate\n";
    std::ofstream(w / "main.c") << "int main;\n";

    json::object snap = snapshot(wt, "attempt", {"CLAUDE.md", "AGENTS.md", "out/"});
    EXPECT_EQ(strings(snap.at("files")), (std::vector<std::string>{"AGENTS.md", "main.c"}));
    std::string tree = git_in(w, {"ls-tree", "-r", "--name-only", "HEAD"}).out;
    EXPECT_THAT(tree, ::testing::Not(HasSubstr("CLAUDE.md")));
    EXPECT_THAT(tree, ::testing::Not(HasSubstr("out/")));
    EXPECT_THAT(git_in(w, {"show", "HEAD:AGENTS.md"}).out, HasSubstr("more"));
    EXPECT_TRUE(fs::exists(w / "CLAUDE.md")); // left in place, only not committed
}

TEST_P(VcsBackend, AnEmbeddedRepositoryIsLeftOutAndReported) {
    std::string wt(create("a1").at("path").as_string());
    fs::path w = wt;
    fs::create_directories(w / "vendor/lib");
    git_in(w / "vendor/lib", {"init", "-q"});
    std::ofstream(w / "vendor/lib/code.c") << "x\n";
    std::ofstream(w / "main.c") << "int main;\n";

    json::object snap = snapshot(wt, "attempt");
    ASSERT_TRUE(snap.at("commit").is_string());
    EXPECT_EQ(strings(snap.at("files")), (std::vector<std::string>{"main.c"}));
    ASSERT_EQ(strings(snap.at("skipped")).size(), 1u);
    EXPECT_THAT(strings(snap.at("skipped"))[0], ::testing::StartsWith("vendor/lib"));
    EXPECT_EQ(git_in(w, {"ls-tree", "-r", "HEAD", "vendor"}).out, "");
    EXPECT_EQ(repo().git({"fsck", "--no-progress", "--no-dangling"}), "");
}

TEST_P(VcsBackend, MissingIdentityFallsBackToGumpsOwn) {
    GitRepo anonymous(root() / "anonymous", false);
    json::object made =
        ok(VCS_OP(create_workspace), {{"repo", anonymous.dir().string()}, {"run", "a1"}});
    fs::path w(std::string(made.at("path").as_string()));
    std::ofstream(w / "main.c") << "int main;\n";
    json::object snap = snapshot(w.string(), "attempt");
    ASSERT_TRUE(snap.at("commit").is_string());
    EXPECT_EQ(git_in(w, {"log", "-1", "--format=%an <%ae>"}).out, "gump <gump@localhost>");
}

TEST_P(VcsBackend, ResetRestoresAnEarlierSnapshotAndKeepsTheHistory) {
    Seeded seed(repo());
    std::string wt(create("a1").at("path").as_string());
    fs::path w = wt;
    std::ofstream(w / "step.txt") << "step start\n";
    std::string start(snapshot(wt, "step start").at("commit").as_string());
    std::ofstream(w / "src/app.c") << "broken\n";
    fs::remove(w / "doomed.txt");
    std::ofstream(w / "attempt.txt") << "attempt 1\n";
    std::string failed(snapshot(wt, "attempt 1").at("commit").as_string());
    std::ofstream(w / "untracked.txt") << "left by the agent\n";
    fs::create_directories(w / "scratch");
    std::ofstream(w / "scratch/tmp.txt") << "tmp\n";
    fs::create_directories(w / "build");
    std::ofstream(w / "build/cache.o") << "ignored\n";
    std::ofstream(w / "step.txt") << "modified, uncommitted\n";

    json::object reset = ok(VCS_OP(reset), {{"workspace", wt}, {"commit", start}});
    ASSERT_TRUE(reset.at("commit").is_string());
    std::string back(reset.at("commit").as_string());
    EXPECT_EQ(git_in(w, {"rev-parse", "HEAD"}).out, back);
    EXPECT_EQ(git_in(w, {"rev-parse", "HEAD^{tree}"}).out,
              git_in(w, {"rev-parse", start + "^{tree}"}).out);
    EXPECT_EQ(git_in(w, {"rev-parse", "HEAD^"}).out, failed); // the failed attempt stays
    EXPECT_EQ(read_file(w / "src/app.c"), "int main() { return 0; }\n");
    EXPECT_EQ(read_file(w / "step.txt"), "step start\n");
    EXPECT_TRUE(fs::exists(w / "doomed.txt"));
    EXPECT_FALSE(fs::exists(w / "attempt.txt"));
    EXPECT_FALSE(fs::exists(w / "untracked.txt"));
    EXPECT_FALSE(fs::exists(w / "scratch/tmp.txt"));
    EXPECT_TRUE(fs::exists(w / "build/cache.o")); // ignored files are kept
    EXPECT_EQ(git_in(w, {"status", "--porcelain"}).out, "");

    json::object again = ok(VCS_OP(reset), {{"workspace", wt}, {"commit", start}});
    EXPECT_TRUE(again.at("commit").is_null());
    EXPECT_EQ(git_in(w, {"rev-parse", "HEAD"}).out, back);
    EXPECT_EQ(repo().git({"fsck", "--no-progress", "--no-dangling"}), "");
}

TEST_P(VcsBackend, ResetToAnUnknownCommitIsRefused) {
    std::string wt(create("a1").at("path").as_string());
    EXPECT_FALSE(
        refused(VCS_OP(reset), {{"workspace", wt}, {"commit", "0123456789abcdef"}}).empty());
}

} // namespace
} // namespace gump::test
