// LineBuffer: lines out of arbitrary chunks, and over-long lines cut without unbounded memory.
#include "process/line_buffer.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace gump::process {
namespace {

std::vector<std::string> drain(LineBuffer& buffer) {
    std::vector<std::string> lines;
    std::string line;
    while (buffer.next(line))
        lines.push_back(line);
    return lines;
}

TEST(LineBuffer, SplitsChunksIntoLines) {
    LineBuffer b(100);
    b.append("one\ntw");
    EXPECT_EQ(drain(b), std::vector<std::string>{"one"});
    b.append("o\n\nthr");
    EXPECT_EQ(drain(b), (std::vector<std::string>{"two", ""}));
    b.append("ee");
    EXPECT_EQ(drain(b), std::vector<std::string>{});
    std::string last;
    EXPECT_TRUE(b.finish(last));
    EXPECT_EQ(last, "three");
    EXPECT_FALSE(b.finish(last));
}

TEST(LineBuffer, CutsALineThatArrivesWhole) {
    LineBuffer b(4);
    b.append("abcdefgh\nok\n");
    EXPECT_EQ(drain(b), (std::vector<std::string>{"abcd", "ok"}));
}

TEST(LineBuffer, CutsALineThatArrivesInPiecesAndDropsItsRest) {
    LineBuffer b(4);
    b.append("abc");
    EXPECT_EQ(drain(b), std::vector<std::string>{});
    b.append("def");
    EXPECT_EQ(drain(b), std::vector<std::string>{"abcd"});
    b.append("ghijkl");
    b.append("mn\nnext\n");
    EXPECT_EQ(drain(b), std::vector<std::string>{"next"});
    std::string last;
    EXPECT_FALSE(b.finish(last));
}

TEST(LineBuffer, ALineOfExactlyTheLimitIsOneLine) {
    LineBuffer b(4);
    b.append("abcd");
    EXPECT_EQ(drain(b), std::vector<std::string>{"abcd"});
    b.append("\nnext\n");
    EXPECT_EQ(drain(b), std::vector<std::string>{"next"});
}

TEST(LineBuffer, TheRestOfACutLineIsNotTheLastLine) {
    LineBuffer b(4);
    b.append("abcdef");
    EXPECT_EQ(drain(b), std::vector<std::string>{"abcd"});
    std::string last;
    EXPECT_FALSE(b.finish(last));
}

TEST(LineBuffer, ManyShortLinesStayCheap) {
    // Erasing after every line would make this quadratic (minutes instead of milliseconds).
    LineBuffer b(1 << 20);
    std::string chunk;
    for (int i = 0; i < 200'000; ++i)
        chunk += "line " + std::to_string(i) + "\n";
    b.append(chunk);
    std::string line;
    size_t n = 0;
    while (b.next(line))
        ++n;
    EXPECT_EQ(n, 200'000u);
    EXPECT_EQ(line, "line 199999");
}

TEST(LineBuffer, ClearForgetsEverything) {
    LineBuffer b(4);
    b.append("abcdef");
    std::string line;
    EXPECT_TRUE(b.next(line));
    b.clear();
    b.append("x\n");
    EXPECT_EQ(drain(b), std::vector<std::string>{"x"});
}

} // namespace
} // namespace gump::process
