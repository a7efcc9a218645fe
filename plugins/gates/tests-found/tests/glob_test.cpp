#include "settings.hpp"

#include <gtest/gtest.h>

using namespace tests_found;

namespace {

bool any_default(const std::string& path) {
    for (const std::string& g : default_test_globs())
        if (Glob(g).matches(path)) return true;
    return false;
}

} // namespace

TEST(Glob, DefaultsMatchTestFiles) {
    EXPECT_TRUE(any_default("pkg/calc_test.go"));
    EXPECT_TRUE(any_default("test_api.py"));
    EXPECT_TRUE(any_default("src/deep/test_api.py"));
    EXPECT_TRUE(any_default("web/app.test.js"));
    EXPECT_TRUE(any_default("web/app.spec.ts"));
    EXPECT_TRUE(any_default("tests/math.cpp"));
    EXPECT_TRUE(any_default("a/test/b/c.rs"));
}

TEST(Glob, DefaultsSkipCode) {
    EXPECT_FALSE(any_default("src/api.py"));
    EXPECT_FALSE(any_default("src/testing.go"));
    EXPECT_FALSE(any_default("tests"));
    EXPECT_FALSE(any_default("contest/x.py"));
}

TEST(Glob, StarStaysInOneSegment) {
    EXPECT_TRUE(Glob("src/*.cpp").matches("src/a.cpp"));
    EXPECT_FALSE(Glob("src/*.cpp").matches("src/x/a.cpp"));
    EXPECT_TRUE(Glob("src/**/*.cpp").matches("src/x/y/a.cpp"));
    EXPECT_THROW(Glob("src/[ab"), BadGlob);
}
