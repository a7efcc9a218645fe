// The agent's context file exists only while the agent runs.
#include "engine/context_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace gump::engine {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

class ContextFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "gump-context-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // Everything under the worktree, to see that nothing was left behind.
    std::vector<std::string> tree() const {
        std::vector<std::string> out;
        for (const auto& e : fs::recursive_directory_iterator(m_dir))
            out.push_back(fs::relative(e.path(), m_dir).string());
        std::sort(out.begin(), out.end());
        return out;
    }

    fs::path m_dir;
};

TEST_F(ContextFileTest, ANewFileIsCreatedAndRemoved) {
    auto file = ContextFile::place(m_dir, "CLAUDE.md", "# Instructions\n");
    ASSERT_TRUE(file) << file.error().message;
    EXPECT_EQ(file->path(), m_dir / "CLAUDE.md");
    EXPECT_EQ(read(m_dir / "CLAUDE.md"), "# Instructions\n");
    file->restore();
    EXPECT_FALSE(fs::exists(m_dir / "CLAUDE.md"));
    EXPECT_TRUE(tree().empty());
}

TEST_F(ContextFileTest, TheDestructorRestoresAndAMovedFromFileDoesNothing) {
    {
        auto file = ContextFile::place(m_dir, "AGENTS.md", "text");
        ASSERT_TRUE(file);
        ContextFile moved(std::move(*file));
        file->restore(); // the moved-from one owns nothing
        EXPECT_TRUE(fs::exists(m_dir / "AGENTS.md"));
    }
    EXPECT_FALSE(fs::exists(m_dir / "AGENTS.md"));
}

TEST_F(ContextFileTest, DirectoriesItMadeAreRemovedAgain) {
    auto file = ContextFile::place(m_dir, ".cursor/rules/gump.mdc", "rules");
    ASSERT_TRUE(file) << file.error().message;
    EXPECT_EQ(read(m_dir / ".cursor/rules/gump.mdc"), "rules");
    file->restore();
    EXPECT_FALSE(fs::exists(m_dir / ".cursor"));
    EXPECT_TRUE(tree().empty());
}

TEST_F(ContextFileTest, ADirectoryTheAgentPutAFileIntoIsKept) {
    auto file = ContextFile::place(m_dir, ".cursor/rules/gump.mdc", "rules");
    ASSERT_TRUE(file);
    write(m_dir / ".cursor/settings.json", "{}");
    file->restore();
    EXPECT_FALSE(fs::exists(m_dir / ".cursor/rules"));
    EXPECT_EQ(read(m_dir / ".cursor/settings.json"), "{}");
}

TEST_F(ContextFileTest, TheFilesDirectoryIsKeptWhenTheAgentAddedASibling) {
    auto file = ContextFile::place(m_dir, ".cursor/rules/gump.mdc", "rules");
    ASSERT_TRUE(file);
    write(m_dir / ".cursor/rules/mine.mdc", "agent's");
    file->restore();
    EXPECT_FALSE(fs::exists(m_dir / ".cursor/rules/gump.mdc"));
    EXPECT_EQ(read(m_dir / ".cursor/rules/mine.mdc"), "agent's");
}

TEST_F(ContextFileTest, ADirectoryThatExistedIsNeverRemoved) {
    fs::create_directories(m_dir / "docs");
    auto file = ContextFile::place(m_dir, "docs/AGENTS.md", "x");
    ASSERT_TRUE(file);
    file->restore();
    EXPECT_FALSE(fs::exists(m_dir / "docs/AGENTS.md"));
    EXPECT_TRUE(fs::is_directory(m_dir / "docs"));

    // Only the part of the path gump made goes.
    fs::create_directories(m_dir / "a");
    auto deep = ContextFile::place(m_dir, "a/b/c/CTX.md", "x");
    ASSERT_TRUE(deep);
    EXPECT_TRUE(fs::is_directory(m_dir / "a/b/c"));
    deep->restore();
    EXPECT_FALSE(fs::exists(m_dir / "a/b"));
    EXPECT_TRUE(fs::is_directory(m_dir / "a"));
}

TEST_F(ContextFileTest, AnExistingFileGetsAMarkedSectionAndIsRestoredByteForByte) {
    std::string original = "# Project rules\n\nUse tabs.\n";
    write(m_dir / "CLAUDE.md", original);
    auto file = ContextFile::place(m_dir, "CLAUDE.md", "gump's text\n");
    ASSERT_TRUE(file);
    EXPECT_EQ(read(m_dir / "CLAUDE.md"),
              original + "\n\n<!-- gump: begin -->\ngump's text\n<!-- gump: end -->\n");
    file->restore();
    EXPECT_EQ(read(m_dir / "CLAUDE.md"), original);
}

TEST_F(ContextFileTest, AnExistingFileWithoutTrailingNewlineOrWithCrlfIsRestoredExactly) {
    for (std::string original :
         {std::string("no newline at the end"), std::string("line one\r\nline two\r\n"),
          std::string(), std::string("bin\0ary\xff\n", 9)}) {
        write(m_dir / "AGENTS.md", original);
        {
            auto file = ContextFile::place(m_dir, "AGENTS.md", "gump\n");
            ASSERT_TRUE(file);
            EXPECT_THAT(read(m_dir / "AGENTS.md"), HasSubstr("<!-- gump: begin -->\ngump\n"));
            // The agent may rewrite the file meanwhile: the project's bytes still come back.
            write(m_dir / "AGENTS.md", "the agent rewrote it");
        }
        EXPECT_EQ(read(m_dir / "AGENTS.md"), original);
    }
}

TEST_F(ContextFileTest, PathsOutsideTheWorktreeAreRefused) {
    for (std::string bad :
         {"/etc/gump-context.md", "../outside.md", "a/../../outside.md", "a/../b.md", ""}) {
        auto file = ContextFile::place(m_dir / "wt", bad, "x");
        ASSERT_FALSE(file) << bad;
        EXPECT_THAT(file.error().message, HasSubstr("not a path inside the worktree")) << bad;
    }
    EXPECT_FALSE(fs::exists(m_dir / "outside.md"));
    EXPECT_FALSE(fs::exists("/etc/gump-context.md"));
    EXPECT_TRUE(tree().empty());
}

TEST_F(ContextFileTest, RestoringTwiceIsHarmless) {
    auto file = ContextFile::place(m_dir, "GEMINI.md", "x");
    ASSERT_TRUE(file);
    file->restore();
    write(m_dir / "GEMINI.md", "the user's new file");
    file->restore();
    EXPECT_EQ(read(m_dir / "GEMINI.md"), "the user's new file");
}

} // namespace
} // namespace gump::engine
