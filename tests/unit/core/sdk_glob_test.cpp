// <gump/glob.hpp>: the path globs the SDK gives plugins (the files and tests-found gates use them).
#include <gump/glob.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using gump::sdk::BadGlob;
using gump::sdk::Glob;
using gump::sdk::normalized_path;

bool match(const char* pattern, const char* path) {
    return Glob(pattern).matches(path);
}

std::string why(const char* pattern) {
    try {
        Glob g(pattern);
    } catch (const BadGlob& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(SdkGlob, LiteralPathMatchesOnlyItself) {
    EXPECT_TRUE(match("src/main.cpp", "src/main.cpp"));
    EXPECT_FALSE(match("src/main.cpp", "src/main.cpp.orig"));
    EXPECT_FALSE(match("src/main.cpp", "x/src/main.cpp"));
    EXPECT_FALSE(match("main.cpp", "src/main.cpp")); // the full path, not the base name
    EXPECT_FALSE(match("src/main.cpp", "src/Main.cpp"));
}

TEST(SdkGlob, StarStaysWithinASegment) {
    EXPECT_TRUE(match("*.go", "main.go"));
    EXPECT_FALSE(match("*.go", "cmd/main.go"));
    EXPECT_TRUE(match("src/*.cpp", "src/a.cpp"));
    EXPECT_FALSE(match("src/*.cpp", "src/x/a.cpp"));
    EXPECT_FALSE(match("src/*", "src/x/a.cpp"));
    EXPECT_TRUE(match("src/*", "src/x"));
    EXPECT_TRUE(match("*", "README.md"));
    EXPECT_FALSE(match("*", "docs/README.md"));
    EXPECT_TRUE(match("*/*", "docs/README.md"));
    EXPECT_TRUE(match("*_test.*", "a_test.go"));
    EXPECT_TRUE(match("*_test.*", "a_test.")); // '*' matches nothing too
    EXPECT_FALSE(match("*_test.*", "a_test"));
    EXPECT_TRUE(match("a*b*c", "abc"));
    EXPECT_TRUE(match("a*b*c", "aXbYbZc"));
    EXPECT_FALSE(match("a*b*c", "aXbYbZ"));
    EXPECT_TRUE(match("**.go", "main.go")); // '**' inside a segment is a '*'
    EXPECT_FALSE(match("**.go", "cmd/main.go"));
    EXPECT_TRUE(match("a**b", "aXXb"));
    EXPECT_FALSE(match("a**b", "a/b"));
}

TEST(SdkGlob, QuestionMarkIsOneCharacter) {
    EXPECT_TRUE(match("?.c", "a.c"));
    EXPECT_FALSE(match("?.c", ".c"));
    EXPECT_FALSE(match("?.c", "ab.c"));
    EXPECT_FALSE(match("a?b", "a/b"));
    EXPECT_TRUE(match("caf?.txt", "café.txt")); // one character, not one byte
    EXPECT_TRUE(match("??", "é!"));
}

TEST(SdkGlob, DotfilesAreNotSpecial) {
    EXPECT_TRUE(match("*", ".env"));
    EXPECT_TRUE(match("*.yml", ".travis.yml"));
    EXPECT_TRUE(match("**/*.yml", ".github/workflows/ci.yml"));
    EXPECT_TRUE(match("?env", ".env"));
    EXPECT_TRUE(match(".github/**", ".github/workflows/ci.yml"));
}

TEST(SdkGlob, LeadingGlobstarMatchesAnyDepthIncludingNone) {
    EXPECT_TRUE(match("**/*_test.go", "a_test.go"));
    EXPECT_TRUE(match("**/*_test.go", "x/a_test.go"));
    EXPECT_TRUE(match("**/*_test.go", "x/y/a_test.go"));
    EXPECT_FALSE(match("**/*_test.go", "x/y/a_test.py"));
    EXPECT_FALSE(match("**/*_test.go", "x/a_test.go/y"));
    EXPECT_TRUE(match("**/tests/**", "tests/a.py"));
    EXPECT_TRUE(match("**/tests/**", "pkg/tests/unit/a.py"));
    EXPECT_FALSE(match("**/tests/**", "pkg/tests"));
    EXPECT_FALSE(match("**/tests/**", "pkg/mytests/a.py"));
    EXPECT_TRUE(match("**/test_*.py", "test_a.py"));
    EXPECT_TRUE(match("**/test_*.py", "pkg/test_a.py"));
}

TEST(SdkGlob, TrailingGlobstarMatchesEverythingBelow) {
    EXPECT_TRUE(match("src/**", "src/a.cpp"));
    EXPECT_TRUE(match("src/**", "src/x/y/z.cpp"));
    EXPECT_FALSE(match("src/**", "src")); // what is below src, not src itself
    EXPECT_FALSE(match("src/**", "srcs/a.cpp"));
    EXPECT_FALSE(match("src/**", "lib/src/a.cpp"));
    EXPECT_TRUE(match("**", "a"));
    EXPECT_TRUE(match("**", "a/b/c"));
    EXPECT_TRUE(match("src/**/", "src/a/b"));
}

TEST(SdkGlob, GlobstarInTheMiddleMatchesZeroOrMoreSegments) {
    EXPECT_TRUE(match("a/**/b", "a/b"));
    EXPECT_TRUE(match("a/**/b", "a/x/b"));
    EXPECT_TRUE(match("a/**/b", "a/x/y/b"));
    EXPECT_FALSE(match("a/**/b", "a/x/y/c"));
    EXPECT_FALSE(match("a/**/b", "ab"));
    EXPECT_TRUE(match("src/**/*.cpp", "src/a.cpp"));
    EXPECT_TRUE(match("src/**/*.cpp", "src/x/y/a.cpp"));
    EXPECT_FALSE(match("src/**/*.cpp", "lib/a.cpp"));
    EXPECT_TRUE(match("**/a/**/b/**", "x/a/y/b/z"));
    EXPECT_TRUE(match("**/a/**/b/**", "a/b/z"));
    EXPECT_FALSE(match("**/a/**/b/**", "a/b"));
    EXPECT_TRUE(match("a/**/**/b", "a/b"));
}

TEST(SdkGlob, TrailingSlashMeansEverythingUnderADirectory) {
    EXPECT_TRUE(match("vendor/", "vendor/a.go"));
    EXPECT_TRUE(match("vendor/", "vendor/x/y/a.go"));
    EXPECT_FALSE(match("vendor/", "vendor"));
    EXPECT_FALSE(match("vendor/", "myvendor/a.go"));
    EXPECT_FALSE(match("vendor/", "x/vendor/a.go"));
    EXPECT_TRUE(match("**/node_modules/", "web/node_modules/x/index.js"));
}

TEST(SdkGlob, CharacterClasses) {
    EXPECT_TRUE(match("[abc].txt", "a.txt"));
    EXPECT_TRUE(match("[abc].txt", "c.txt"));
    EXPECT_FALSE(match("[abc].txt", "d.txt"));
    EXPECT_FALSE(match("[abc].txt", "ab.txt"));
    EXPECT_TRUE(match("file[0-9].log", "file7.log"));
    EXPECT_FALSE(match("file[0-9].log", "fileX.log"));
    EXPECT_TRUE(match("[a-cx-z]", "y"));
    EXPECT_FALSE(match("[a-cx-z]", "m"));
    EXPECT_TRUE(match("[!a]*", "b.txt"));
    EXPECT_FALSE(match("[!a]*", "a.txt"));
    EXPECT_TRUE(match("[^a]*", "b.txt"));
    EXPECT_FALSE(match("[^a]*", "a.txt"));
    EXPECT_TRUE(match("[]]", "]")); // ']' first is a member
    EXPECT_TRUE(match("[!]]", "a"));
    EXPECT_FALSE(match("[!]]", "]"));
    EXPECT_TRUE(match("[a-]", "-")); // '-' last is a member
    EXPECT_TRUE(match("[\\]x]", "]"));
    EXPECT_TRUE(match("[é]", "é"));
    EXPECT_FALSE(match("a[!b]c", "a/c")); // a class never matches '/'
    EXPECT_TRUE(match("[Mm]akefile", "Makefile"));
}

TEST(SdkGlob, BackslashEscapes) {
    EXPECT_TRUE(match("a\\*b", "a*b"));
    EXPECT_FALSE(match("a\\*b", "aXb"));
    EXPECT_TRUE(match("\\[id\\].tsx", "[id].tsx"));
    EXPECT_FALSE(match("\\[id\\].tsx", "i.tsx"));
    EXPECT_TRUE(match("what\\?", "what?"));
    EXPECT_FALSE(match("what\\?", "whats"));
}

TEST(SdkGlob, PathsAndPatternsAreNormalized) {
    EXPECT_TRUE(match("./src/*.cpp", "src/a.cpp"));
    EXPECT_TRUE(match("/src/*.cpp", "src/a.cpp")); // anchored at the root, as every pattern is
    EXPECT_TRUE(match("src//*.cpp", "src/a.cpp"));
    EXPECT_TRUE(match("src/*.cpp", "./src//a.cpp"));
    EXPECT_FALSE(match("**", ""));
    EXPECT_EQ(normalized_path("./src//a.cpp/"), "src/a.cpp");
    EXPECT_EQ(normalized_path("a/./b"), "a/b");
    EXPECT_EQ(normalized_path("./"), "");
}

TEST(SdkGlob, KeepsItsPattern) {
    EXPECT_EQ(Glob("**/*_test.*").pattern(), "**/*_test.*");
}

TEST(SdkGlob, MalformedPatternsSayWhy) {
    EXPECT_EQ(why(""), "it is empty");
    EXPECT_EQ(why("src/[ab"), "'[' at character 5 is never closed; end the class with ']' or "
                              "write '\\[' for a literal '['");
    EXPECT_EQ(why("["), "'[' at character 1 is never closed; end the class with ']' or write "
                        "'\\[' for a literal '['");
    EXPECT_EQ(why("[]"), "'[' at character 1 is never closed; end the class with ']' or write "
                         "'\\[' for a literal '['");
    EXPECT_EQ(why("é[a\\"), "'[' at character 2 is never closed; end the class with ']' or write "
                            "'\\[' for a literal '['");
    EXPECT_EQ(why("a[b/c]"), "the class at character 2 contains '/', which no class matches; a "
                             "class stands for one character of a segment");
    EXPECT_EQ(why("[z-a]"), "the range 'z-a' in the class at character 1 is reversed; write 'a-z'");
    EXPECT_EQ(why("a\\"), "it ends with a lone '\\'; write '\\\\' for a literal '\\'");
    EXPECT_EQ(why("../lib/*.c"), "'..' cannot be a segment: a pattern is relative to the "
                                 "repository root and cannot lead out of it");
    EXPECT_EQ(why("src/../x"), "'..' cannot be a segment: a pattern is relative to the "
                               "repository root and cannot lead out of it");
    EXPECT_EQ(why("/"), "it names no path; write a glob like \"src/**\"");
    EXPECT_EQ(why("./"), "it names no path; write a glob like \"src/**\"");
    EXPECT_EQ(why("[a-z]"), "(no error)");
    EXPECT_EQ(why("]"), "(no error)"); // a lone ']' is a literal
    EXPECT_EQ(why("..."), "(no error)");
}

} // namespace
