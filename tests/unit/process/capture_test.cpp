// Capture and the UTF-8 helpers behind it: bounded memory, exact counts, valid text.
#include "process/capture.hpp"
#include "process/utf8.hpp"

#include "support.hpp"

#include <gmock/gmock.h>

namespace gump::process::test {
namespace {

using ::testing::HasSubstr;

TEST(Capture, KeepsEverythingUnderTheLimit) {
    Capture c(100);
    c.append("hello ");
    c.append("world\n");
    EXPECT_EQ(c.text(), "hello world\n");
    EXPECT_FALSE(c.truncated());
    EXPECT_EQ(c.total(), 12u);
}

TEST(Capture, KeepsHeadAndTailOfLongerOutput) {
    Capture c(8);
    for (char ch = 'a'; ch <= 'z'; ++ch)
        c.append(std::string(1, ch));
    EXPECT_EQ(c.text(), "abcd\n[... 18 bytes omitted ...]\nwxyz");
    EXPECT_TRUE(c.truncated());
}

TEST(Capture, PutsTheMarkerOnItsOwnLine) {
    Capture c(8);
    c.append("abc\n0123456789\nxyz");
    EXPECT_EQ(c.text(), "abc\n[... 10 bytes omitted ...]\n\nxyz");
}

TEST(Capture, StaysBoundedWhateverIsAppended) {
    Capture c(1000);
    std::string chunk(10'000, 'x');
    for (int i = 0; i < 1000; ++i)
        c.append(chunk);
    c.append("END");
    std::string text = c.text();
    EXPECT_LT(text.size(), 1100u);
    EXPECT_THAT(text, ::testing::EndsWith("xxEND"));
    EXPECT_THAT(text, HasSubstr("[... 9999003 bytes omitted ...]"));
}

TEST(Capture, AZeroLimitKeepsOnlyTheCount) {
    Capture c(0);
    c.append("abc");
    EXPECT_EQ(c.text(), "[... 3 bytes omitted ...]\n");
}

TEST(Capture, WritesEveryByteToItsFile) {
    TempDir dir;
    Capture c(4);
    ASSERT_TRUE(c.open_file(dir.file("log")));
    c.append("0123456789");
    c.append_to_file_only("abc");
    c.flush();
    EXPECT_EQ(read_file(dir.path / "log"), "0123456789abc");
    EXPECT_EQ(c.total(), 10u);
}

TEST(Capture, SaysWhyItsFileCannotBeOpened) {
    Capture c(4);
    auto opened = c.open_file("/nonexistent/dir/log");
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().message,
              "cannot write /nonexistent/dir/log: No such file or directory");
}

TEST(Capture, ReportsAFileThatCouldNotBeWritten) {
    Capture c(100);
    ASSERT_TRUE(c.open_file("/dev/full"));
    c.append(std::string(100'000, 'x'));
    c.flush();
    EXPECT_THAT(c.text(), HasSubstr("[... writing /dev/full failed: No space left on device ...]"));
}

TEST(Utf8, KeepsValidTextAsItIs) {
    std::string text = "plain, caf\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x98\x80, nul\0!";
    EXPECT_EQ(valid_utf8(text), text);
}

TEST(Utf8, ReplacesInvalidSequences) {
    EXPECT_EQ(valid_utf8("a\xFF"
                         "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(valid_utf8("\xC3"), "\xEF\xBF\xBD");                                 // cut short
    EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                 // overlong
    EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // surrogate
    EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80").size(), 12u);                         // above U+10FFFF
}

TEST(Utf8, FindsCharacterBoundariesAtTheCuts) {
    std::string euro = "\xE2\x82\xAC";
    EXPECT_EQ(utf8_complete_end("ab" + euro), 5u);
    EXPECT_EQ(utf8_complete_end("ab" + euro.substr(0, 2)), 2u);
    EXPECT_EQ(utf8_complete_end("ab" + euro.substr(0, 1)), 2u);
    EXPECT_EQ(utf8_complete_start(euro.substr(1) + "ab"), 2u);
    EXPECT_EQ(utf8_complete_start("ab"), 0u);
}

} // namespace
} // namespace gump::process::test
