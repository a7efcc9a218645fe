#include "diff.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace integrity;
using namespace std::string_literals;

TEST(Diff, NameStatus) {
    std::string z = "M\0src/a.py\0D\0tests/test_b.py\0R087\0tests/test_c.py\0src/c.py\0"
                    "A\0path with space.py\0T\0link\0"s;
    std::vector<Change> changes = parse_name_status(z);
    ASSERT_EQ(changes.size(), 5u);
    EXPECT_EQ(changes[0].status, 'M');
    EXPECT_EQ(changes[0].path, "src/a.py");
    EXPECT_EQ(changes[0].old_path, "src/a.py");
    EXPECT_EQ(changes[1].status, 'D');
    EXPECT_EQ(changes[1].path, "tests/test_b.py");
    EXPECT_EQ(changes[2].status, 'R');
    EXPECT_EQ(changes[2].old_path, "tests/test_c.py");
    EXPECT_EQ(changes[2].path, "src/c.py");
    EXPECT_EQ(changes[3].path, "path with space.py");
    EXPECT_EQ(changes[4].status, 'T');
    EXPECT_TRUE(parse_name_status("").empty());
}

TEST(Diff, HeaderPaths) {
    EXPECT_EQ(header_path("b/src/a.py"), "b/src/a.py");
    EXPECT_EQ(header_path("b/a b.py\t"), "b/a b.py");
    EXPECT_EQ(header_path(R"("b/q\"t.py")"), "b/q\"t.py");
    EXPECT_EQ(header_path(R"("b/tab\there")"), "b/tab\there");
    EXPECT_EQ(header_path(R"("b/caf\303\251.py")"), "b/caf\xc3\xa9.py");
}

TEST(Diff, AddedLinesWithTheirNumbersAtHead) {
    std::string text = "diff --git a/tests/test_a.py b/tests/test_a.py\n"
                       "index 1111111..2222222 100644\n"
                       "--- a/tests/test_a.py\n"
                       "+++ b/tests/test_a.py\n"
                       "@@ -3,0 +4,2 @@ def test_one():\n"
                       "+@pytest.mark.skip\n"
                       "+++ a line that starts with ++\n"
                       "@@ -10 +12 @@\n"
                       "-    assert x == 1\n"
                       "+    assert x == 2\n"
                       "@@ -20,2 +21,0 @@\n"
                       "-def test_two():\n"
                       "-    pass\n"
                       "diff --git a/web/new.test.js b/web/new.test.js\n"
                       "new file mode 100644\n"
                       "index 0000000..3333333\n"
                       "--- /dev/null\n"
                       "+++ b/web/new.test.js\n"
                       "@@ -0,0 +1,2 @@\n"
                       "+it.skip('a', f);\n"
                       "+it('b', f);\n"
                       "\\ No newline at end of file\n"
                       "diff --git a/old.py b/old.py\n"
                       "deleted file mode 100644\n"
                       "--- a/old.py\n"
                       "+++ /dev/null\n"
                       "@@ -1 +0,0 @@\n"
                       "-x = 1\n"
                       "diff --git a/img.png b/img.png\n"
                       "Binary files a/img.png and b/img.png differ\n";
    std::vector<FileDiff> files = parse_unified_diff(text);
    ASSERT_EQ(files.size(), 4u);
    const FileDiff& a = files[0];
    EXPECT_EQ(a.old_path, "tests/test_a.py");
    EXPECT_EQ(a.path, "tests/test_a.py");
    ASSERT_EQ(a.added.size(), 3u);
    EXPECT_EQ(a.added[0].line, 4u);
    EXPECT_EQ(a.added[0].text, "@pytest.mark.skip");
    EXPECT_EQ(a.added[1].line, 5u);
    EXPECT_EQ(a.added[1].text, "++ a line that starts with ++");
    EXPECT_EQ(a.added[2].line, 12u);
    ASSERT_EQ(a.removed.size(), 3u);
    EXPECT_EQ(a.removed[0], "    assert x == 1");
    EXPECT_EQ(a.removed[1], "def test_two():");
    const FileDiff& b = files[1];
    EXPECT_EQ(b.old_path, "");
    EXPECT_EQ(b.path, "web/new.test.js");
    ASSERT_EQ(b.added.size(), 2u);
    EXPECT_EQ(b.added[1].line, 2u);
    EXPECT_EQ(files[2].path, "");
    EXPECT_EQ(files[2].old_path, "old.py");
    EXPECT_TRUE(files[3].added.empty());
}

TEST(Diff, RenamedFileKeepsBothPaths) {
    std::string text = "diff --git a/a b.py b/c d.py\n"
                       "similarity index 50%\n"
                       "rename from a b.py\n"
                       "rename to c d.py\n"
                       "--- a/a b.py\t\n"
                       "+++ b/c d.py\t\n"
                       "@@ -1,0 +2 @@ a\n"
                       "+b\n";
    std::vector<FileDiff> files = parse_unified_diff(text);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].old_path, "a b.py");
    EXPECT_EQ(files[0].path, "c d.py");
    ASSERT_EQ(files[0].added.size(), 1u);
    EXPECT_EQ(files[0].added[0].line, 2u);
}

} // namespace
