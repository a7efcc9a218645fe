#include "workflow/string_position.hpp"

#include <gtest/gtest.h>
#include <toml++/toml.h>

using namespace gump;
using namespace gump::workflow;

namespace {

// Where toml++ says `key`'s string starts, and the line:col of the first `needle` in its value.
std::pair<int, int> locate(std::string_view file, const char* key, std::string_view needle) {
    toml::table t = toml::parse(file);
    const toml::node* n = t.get(key);
    SourcePos start{"f", static_cast<int>(n->source().begin.line),
                    static_cast<int>(n->source().begin.column)};
    size_t offset = n->as_string()->get().find(needle);
    SourcePos pos = position_in_string(file, start, offset);
    return {pos.line, pos.column};
}

using LineCol = std::pair<int, int>;

} // namespace

TEST(StringPosition, BasicString) {
    EXPECT_EQ(locate("a = 1\np = \"see {spec}\"\n", "p", "{spec}"), (LineCol{2, 10}));
}

TEST(StringPosition, LiteralString) {
    EXPECT_EQ(locate("p = 'x \\n {spec}'", "p", "{spec}"), (LineCol{1, 11}));
}

TEST(StringPosition, MultiLineBasicStringTrimsTheFirstNewline) {
    std::string file = "p = \"\"\"\nfirst line\n  then {item.name}\n\"\"\"\n";
    EXPECT_EQ(locate(file, "p", "first"), (LineCol{2, 1}));
    EXPECT_EQ(locate(file, "p", "{item.name}"), (LineCol{3, 8}));
}

TEST(StringPosition, MultiLineBasicStringWithTextOnTheFirstLine) {
    EXPECT_EQ(locate("p = \"\"\"go {spec}\n\"\"\"", "p", "{spec}"), (LineCol{1, 11}));
}

TEST(StringPosition, MultiLineLiteralString) {
    std::string file = "\n\np = '''\nraw \\n stays\n{x}'''\n";
    EXPECT_EQ(locate(file, "p", "{x}"), (LineCol{5, 1}));
}

TEST(StringPosition, EscapesCountAsOneCharacterOfTheValue) {
    EXPECT_EQ(locate("p = \"a\\tb\\\"c {spec}\"", "p", "{spec}"), (LineCol{1, 14}));
}

TEST(StringPosition, LineEndingBackslashProducesNothing) {
    std::string file = "p = \"\"\"one \\\n     two {x}\"\"\"";
    EXPECT_EQ(locate(file, "p", "{x}"), (LineCol{2, 10}));
}

TEST(StringPosition, ColumnsCountCodePoints) {
    EXPECT_EQ(locate("p = \"héllo wörld {x}\"", "p", "{x}"), (LineCol{1, 18}));
    EXPECT_EQ(locate("a = \"é\"\np = \"\"\"\nçà {x}\"\"\"", "p", "{x}"), (LineCol{3, 4}));
}

TEST(StringPosition, WindowsLineEndings) {
    std::string file = "a = 1\r\np = \"\"\"\r\nline one\r\nline {x}\r\n\"\"\"\r\n";
    EXPECT_EQ(locate(file, "p", "{x}"), (LineCol{4, 6}));
}

TEST(StringPosition, NotAStringGivesTheValuePositionBack) {
    SourcePos value{"f", 1, 5};
    SourcePos pos = position_in_string("p = 12", value, 3);
    EXPECT_EQ(pos.line, 1);
    EXPECT_EQ(pos.column, 5);
}
