#include "glob.hpp"

#include <gtest/gtest.h>

namespace {

using namespace integrity;

TEST(Glob, StarStaysInOneSegment) {
    EXPECT_TRUE(glob_matches("*.py", "a.py"));
    EXPECT_FALSE(glob_matches("*.py", "tests/a.py"));
    EXPECT_TRUE(glob_matches("src/*.cpp", "src/a.cpp"));
    EXPECT_FALSE(glob_matches("src/*.cpp", "src/x/a.cpp"));
    EXPECT_TRUE(glob_matches("jest.config.*", "jest.config.ts"));
    EXPECT_TRUE(glob_matches(".mocharc*", ".mocharc.yml"));
    EXPECT_TRUE(glob_matches(".mocharc*", ".mocharc"));
    EXPECT_FALSE(glob_matches("jest.config.*", "web/jest.config.ts"));
}

TEST(Glob, DoubleStarSpansWholeSegments) {
    EXPECT_TRUE(glob_matches("**/tests/**", "tests/test_a.py"));
    EXPECT_TRUE(glob_matches("**/tests/**", "pkg/tests/unit/test_a.py"));
    EXPECT_FALSE(glob_matches("**/tests/**", "pkg/tests"));
    EXPECT_FALSE(glob_matches("**/tests/**", "pkg/mytests/a.py"));
    EXPECT_TRUE(glob_matches("**/*_test.*", "x_test.go"));
    EXPECT_TRUE(glob_matches("**/*_test.*", "a/b/c/x_test.go"));
    EXPECT_TRUE(glob_matches("**/test_*.py", "test_a.py"));
    EXPECT_FALSE(glob_matches("**/test_*.py", "test_a.pyc"));
    EXPECT_TRUE(glob_matches(".github/workflows/**", ".github/workflows/ci.yml"));
    EXPECT_FALSE(glob_matches(".github/workflows/**", ".github/CODEOWNERS"));
    EXPECT_TRUE(glob_matches("a/**/b/**/c", "a/b/c"));
    EXPECT_TRUE(glob_matches("a/**/b/**/c", "a/x/b/y/b/z/c"));
    EXPECT_FALSE(glob_matches("a/**/b/**/c", "a/x/c"));
    EXPECT_TRUE(glob_matches("**", "anything/at/all"));
    EXPECT_TRUE(glob_matches("src/**", "src/a.cpp"));
    EXPECT_TRUE(glob_matches("a**b", "axxb")); // not a whole segment: like '*'
    EXPECT_FALSE(glob_matches("a**b", "ax/xb"));
}

TEST(Glob, QuestionMarkClassesAndEscapes) {
    EXPECT_TRUE(glob_matches("test?.py", "test1.py"));
    EXPECT_FALSE(glob_matches("test?.py", "test.py"));
    EXPECT_FALSE(glob_matches("a?b", "a/b"));
    EXPECT_TRUE(glob_matches("caf?.py", "caf\xc3\xa9.py")); // one character, two bytes
    EXPECT_TRUE(glob_matches("v[^0-9].txt", "vx.txt"));
    EXPECT_TRUE(glob_matches("v[0-9].txt", "v7.txt"));
    EXPECT_FALSE(glob_matches("v[0-9].txt", "vx.txt"));
    EXPECT_TRUE(glob_matches("v[!0-9].txt", "vx.txt"));
    EXPECT_TRUE(glob_matches("[]]", "]"));
    EXPECT_TRUE(glob_matches("a[b", "a[b")); // unclosed: an ordinary '['
    EXPECT_TRUE(glob_matches("a\\*b", "a*b"));
    EXPECT_FALSE(glob_matches("a\\*b", "axb"));
}

TEST(Glob, LeadingDotSlashAndDirectories) {
    EXPECT_EQ(normalized_pattern("./tests/"), "tests/**");
    EXPECT_EQ(normalized_pattern("/src/a.cpp"), "src/a.cpp");
    EXPECT_TRUE(glob_matches("src/a.cpp", "./src/a.cpp"));
    EXPECT_TRUE(glob_matches("src//a.cpp", "src/a.cpp"));
}

TEST(Glob, CatchAllPatterns) {
    for (const char* p : {"**", "**/*", "*", "./**", "/**/*", "**/", "**/**", ""})
        EXPECT_TRUE(is_catch_all(p)) << p;
    for (const char* p : {"tests/**", "**/*.py", "*.py", "tests"})
        EXPECT_FALSE(is_catch_all(p)) << p;
}

TEST(Glob, CoversExplicitly) {
    EXPECT_TRUE(covers("tests/test_a.py", "tests/test_a.py"));
    EXPECT_TRUE(covers("tests/*.py", "tests/test_a.py"));
    EXPECT_TRUE(covers("tests/**", "tests/unit/test_a.py"));
    EXPECT_TRUE(covers("tests", "tests/unit/test_a.py")); // a directory
    EXPECT_TRUE(covers("tests/", "tests/unit/test_a.py"));
    EXPECT_TRUE(covers("./tests/test_a.py", "tests/test_a.py"));
    EXPECT_FALSE(covers("tests", "tests2/test_a.py"));
    EXPECT_TRUE(covers("app/[id]/page.test.tsx", "app/[id]/page.test.tsx")); // literally
    EXPECT_TRUE(covers("app/[id]", "app/[id]/page.test.tsx"));
    EXPECT_FALSE(covers("src/**", "tests/test_a.py"));
    EXPECT_FALSE(covers("tests/*.cpp", "tests/test_a.py"));
    // Patterns that name nothing in particular cover nothing.
    EXPECT_FALSE(covers("**", "tests/test_a.py"));
    EXPECT_FALSE(covers("**/*", "tests/test_a.py"));
    EXPECT_FALSE(covers("*", "pytest.ini"));
    EXPECT_FALSE(covers(".", "tests/test_a.py"));
    EXPECT_FALSE(covers("", "tests/test_a.py"));
}

} // namespace
