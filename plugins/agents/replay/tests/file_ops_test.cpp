#include "file_ops.hpp"

#include "fake_host.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace replay;
using replay_test::TempDir;
namespace fs = std::filesystem;

namespace {

FileOp op(OpKind kind, std::string path) {
    FileOp o;
    o.kind = kind;
    o.path = std::move(path);
    o.where = "replay.toml:3:1";
    return o;
}

FileOp edit(std::string path, std::string find, std::string replace) {
    FileOp o = op(OpKind::edit, std::move(path));
    o.find = std::move(find);
    o.replace = std::move(replace);
    return o;
}

} // namespace

TEST(Paths, OnlyRelativePathsInsideTheWorktreePass) {
    EXPECT_EQ(path_problem("src/main.c"), "");
    EXPECT_EQ(path_problem("./src/main.c"), "");
    EXPECT_EQ(path_problem("a..b/c"), "");
    EXPECT_EQ(path_problem("/etc/passwd"), "is absolute");
    EXPECT_EQ(path_problem(""), "is empty");
    EXPECT_EQ(path_problem(".."), "leads out of the worktree with \"..\"");
    EXPECT_EQ(path_problem("src/../../x"), "leads out of the worktree with \"..\"");
    EXPECT_EQ(path_problem("src/.."), "leads out of the worktree with \"..\"");
    EXPECT_EQ(path_problem("."), "names the worktree itself, not a file in it");
    EXPECT_EQ(path_problem("./"), "names the worktree itself, not a file in it");
}

TEST(FileOps, WriteCreatesParentsAndOverwrites) {
    TempDir wt;
    FileOp w = op(OpKind::write, "src/deep/new.c");
    w.content = "int x;\n";
    EXPECT_EQ(apply_op(wt.path(), w), std::nullopt);
    EXPECT_EQ(wt.read("src/deep/new.c"), "int x;\n");
    w.content = "int y;\n";
    EXPECT_EQ(apply_op(wt.path(), w), std::nullopt);
    EXPECT_EQ(wt.read("src/deep/new.c"), "int y;\n");
}

TEST(FileOps, EditReplacesTheSingleOccurrence) {
    TempDir wt;
    wt.write("src/server.c", "route(a);\nroute(b);\n");
    EXPECT_EQ(apply_op(wt.path(), edit("src/server.c", "route(b);", "route(b);\nroute(c);")),
              std::nullopt);
    EXPECT_EQ(wt.read("src/server.c"), "route(a);\nroute(b);\nroute(c);\n");
}

TEST(FileOps, EditFindMustOccurExactlyOnce) {
    TempDir wt;
    wt.write("src/server.c", "route(a);\nroute(b);\n");
    auto none = apply_op(wt.path(), edit("src/server.c", "missing", "x"));
    ASSERT_TRUE(none);
    EXPECT_EQ(*none, "edit of src/server.c failed: its find text occurs 0 times in the file, and "
                     "must occur exactly once; fix the [[step.edit]] of the entry at "
                     "replay.toml:3:1");
    auto two = apply_op(wt.path(), edit("src/server.c", "route(", "x"));
    ASSERT_TRUE(two);
    EXPECT_NE(two->find("occurs 2 times"), std::string::npos) << *two;
    EXPECT_EQ(wt.read("src/server.c"), "route(a);\nroute(b);\n"); // untouched
    auto missing = apply_op(wt.path(), edit("nope.c", "a", "b"));
    ASSERT_TRUE(missing);
    EXPECT_NE(missing->find("edit of nope.c failed: the file does not exist"), std::string::npos);
}

TEST(FileOps, OverlappingMatchesAreNotExactlyOnce) {
    TempDir wt;
    wt.write("a.txt", "aaa");
    auto problem = apply_op(wt.path(), edit("a.txt", "aa", "b"));
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("occurs 2 times"), std::string::npos);
}

TEST(FileOps, DeleteRemovesAFileAndReportsAMissingOne) {
    TempDir wt;
    wt.write("old.c", "x");
    EXPECT_EQ(apply_op(wt.path(), op(OpKind::remove, "old.c")), std::nullopt);
    EXPECT_FALSE(fs::exists(wt / "old.c"));
    auto again = apply_op(wt.path(), op(OpKind::remove, "old.c"));
    ASSERT_TRUE(again);
    EXPECT_NE(again->find("delete of old.c failed: the file does not exist"), std::string::npos);
}

TEST(FileOps, RefusesToLeaveTheWorktree) {
    TempDir wt;
    TempDir outside;
    auto dots = apply_op(wt.path(), op(OpKind::write, "../escape.c"));
    ASSERT_TRUE(dots);
    EXPECT_NE(dots->find("refused"), std::string::npos);
    // Through a symbolic link the lexical check cannot see.
    fs::create_directory_symlink(outside.path(), wt / "link");
    auto linked = apply_op(wt.path(), op(OpKind::write, "link/escape.c"));
    ASSERT_TRUE(linked);
    EXPECT_NE(linked->find("through a symbolic link"), std::string::npos);
    EXPECT_FALSE(fs::exists(outside / "escape.c"));
}
