// changed_files and diff.
#include "backend.hpp"

namespace gump::test {
namespace {

using ::testing::HasSubstr;

class Compared : public VcsBackend {
protected:
    // A base commit and a snapshot on top of it with one change of each sort.
    void make_changes() {
        repo().write("keep.txt", "one\ntwo\nthree\n");
        repo().write("moved/from.txt", "line a\nline b\nline c\nline d\nline e\n");
        repo().write("drop.txt", "x\ny\n");
        repo().write("tool.sh", "echo\n");
        repo().write("logo.bin", std::string("\0\1\2\3", 4));
        repo().commit_all("base");
        m_wt = std::string(create("a1").at("path").as_string());
        m_base = git_in(m_wt, {"rev-parse", "HEAD"}).out;
        fs::path w = m_wt;
        std::ofstream(w / "keep.txt") << "one\nTWO\nthree\nfour\n";
        fs::create_directories(w / "moved/to");
        fs::rename(w / "moved/from.txt", w / "moved/to/file.txt");
        fs::remove(w / "drop.txt");
        std::ofstream(w / "new.txt") << "n1\nn2\nn3\n";
        fs::permissions(w / "tool.sh", fs::perms::owner_exec, fs::perm_options::add);
        std::ofstream(w / "logo.bin", std::ios::binary) << std::string("\0\1\2\4\5", 5);
        snapshot(m_wt, "changes");
    }
    std::string m_wt, m_base;
};

TEST_P(Compared, ChangedFilesHaveStatusesLineCountsAndRenames) {
    make_changes();
    json::object changed = ok(VCS_OP(changed_files), {{"workspace", m_wt}, {"from", m_base}});
    EXPECT_EQ(statuses(changed),
              (std::map<std::string, std::string>{{"drop.txt", "deleted"},
                                                  {"keep.txt", "modified"},
                                                  {"logo.bin", "modified"},
                                                  {"moved/to/file.txt", "renamed"},
                                                  {"new.txt", "added"},
                                                  {"tool.sh", "mode"}}));
    for (const auto& f : changed.at("files").as_array()) {
        const auto& file = f.as_object();
        std::string path(file.at("path").as_string());
        // The same counts as `git diff --numstat -M`.
        std::string numstat = git_in(m_wt, {"diff", "--numstat", "-M", m_base, "HEAD"}).out;
        if (path == "keep.txt") {
            EXPECT_EQ(file.at("added").to_number<int>(), 2);
            EXPECT_EQ(file.at("removed").to_number<int>(), 1);
        } else if (path == "moved/to/file.txt") {
            EXPECT_EQ(file.at("old_path").as_string(), "moved/from.txt");
            EXPECT_EQ(file.at("added").to_number<int>(), 0);
        } else if (path == "drop.txt") {
            EXPECT_EQ(file.at("removed").to_number<int>(), 2);
        } else if (path == "new.txt") {
            EXPECT_EQ(file.at("added").to_number<int>(), 3);
        } else if (path == "logo.bin") {
            EXPECT_TRUE(file.at("binary").as_bool());
            EXPECT_THAT(numstat, HasSubstr("-\t-\tlogo.bin"));
        }
    }
}

TEST_P(Compared, ToDefaultsToHeadAndAcceptsAnyRevision) {
    make_changes();
    json::object to_head =
        ok(VCS_OP(changed_files), {{"workspace", m_wt}, {"from", m_base}, {"to", "HEAD"}});
    json::object implicit = ok(VCS_OP(changed_files), {{"workspace", m_wt}, {"from", m_base}});
    EXPECT_EQ(statuses(to_head), statuses(implicit));
    json::object none =
        ok(VCS_OP(changed_files), {{"workspace", m_wt}, {"from", "HEAD"}, {"to", "gump/run-a1"}});
    EXPECT_TRUE(statuses(none).empty());
}

TEST_P(Compared, WorktreeModeSeesUntrackedFilesButNotIgnoredOnes) {
    repo().write(".gitignore", "*.log\n");
    repo().commit_all("ignore logs");
    std::string wt(create("a1").at("path").as_string());
    fs::path w = wt;
    std::ofstream(w / "gate-output.bin") << "made by a gate\n";
    std::ofstream(w / "README.md", std::ios::app) << "edited\n";
    std::ofstream(w / "trace.log") << "ignored\n";
    json::object changed =
        ok(VCS_OP(changed_files), {{"workspace", wt}, {"from", "HEAD"}, {"worktree", true}});
    EXPECT_EQ(statuses(changed), (std::map<std::string, std::string>{
                                     {"README.md", "modified"}, {"gate-output.bin", "added"}}));
}

TEST_P(Compared, DiffHasThePatchGitWouldShow) {
    make_changes();
    json::object diff = ok(VCS_OP(diff), {{"workspace", m_wt}, {"from", m_base}});
    EXPECT_EQ(statuses(diff).size(), 6u);
    std::string patch(diff.at("patch").as_string());
    EXPECT_THAT(patch, HasSubstr("diff --git a/keep.txt b/keep.txt"));
    EXPECT_THAT(patch, HasSubstr("-two\n+TWO\n"));
    EXPECT_THAT(patch, HasSubstr("+four\n"));
    EXPECT_THAT(patch, HasSubstr("rename from moved/from.txt\nrename to moved/to/file.txt"));
    EXPECT_THAT(patch, HasSubstr("deleted file mode 100644"));
    EXPECT_THAT(patch, HasSubstr("old mode 100644\nnew mode 100755"));
    EXPECT_THAT(patch, HasSubstr("Binary files"));
    // The patch applies: git can replay it on the base.
    fs::path check = root() / "replay";
    repo().git({"worktree", "add", "-q", "--detach", check.string(), m_base});
    std::ofstream(root() / "run.patch") << patch;
    GitOutput applied =
        git_in(check, {"apply", "--check", "--exclude=logo.bin", (root() / "run.patch").string()});
    EXPECT_EQ(applied.exit_code, 0) << applied.err;
}

TEST_P(Compared, AnUnknownRevisionIsRefused) {
    std::string wt(create("a1").at("path").as_string());
    EXPECT_FALSE(
        refused(VCS_OP(changed_files), {{"workspace", wt}, {"from", "no-such-rev"}}).empty());
}

INSTANTIATE_FOR_EVERY_BACKEND(Compared);

} // namespace
} // namespace gump::test
