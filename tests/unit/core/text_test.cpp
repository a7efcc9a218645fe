#include "core/diagnostic.hpp"
#include "core/text.hpp"

#include <gtest/gtest.h>

using namespace gump;

TEST(Text, DidYouMeanSuggestsOnlyCloseWords) {
    EXPECT_EQ(did_you_mean("agnets", {"agents", "gates"}), " (did you mean 'agents'?)");
    EXPECT_EQ(did_you_mean("qwen", {"claude-opus", "codex"}), "");
    EXPECT_EQ(closest_match("COMPILE", {"compile", "test"}), "compile");
}

TEST(Text, Durations) {
    long long ms = 0;
    ASSERT_TRUE(parse_duration("1h30m", ms));
    EXPECT_EQ(ms, 5'400'000);
    ASSERT_TRUE(parse_duration("250ms", ms));
    EXPECT_EQ(ms, 250);
    EXPECT_FALSE(parse_duration("10", ms));
    EXPECT_FALSE(parse_duration("5 m", ms));
    ASSERT_TRUE(parse_duration("7d", ms)); // gc --older-than
    EXPECT_EQ(ms, 7 * 86'400'000LL);
    EXPECT_FALSE(parse_duration("3y", ms));
    EXPECT_FALSE(parse_duration("", ms));
    EXPECT_FALSE(parse_duration("99999999999999999999999s", ms));
    EXPECT_EQ(format_duration(5'400'000), "1h30m");
    EXPECT_EQ(format_duration(45'000), "45s");
    EXPECT_EQ(format_duration(600'000), "10m");
    EXPECT_EQ(format_duration(12), "12ms");
}

TEST(Text, Joining) {
    EXPECT_EQ(join_words({"a", "b", "c"}), "a, b and c");
    EXPECT_EQ(join_words({"a", "b"}, " or "), "a or b");
    EXPECT_EQ(join({"a", "b"}, "/"), "a/b");
}

TEST(Diagnostics, AreSortedAndFormattedWithTheirFix) {
    Diagnostics d;
    d.error({"b.toml", 3, 1}, "second");
    d.warning({"a.toml", 9, 2}, "first", "do this");
    d.error({"b.toml", 1, 5}, "middle");
    EXPECT_EQ(d.error_count(), 2u);
    EXPECT_EQ(d.warning_count(), 1u);
    EXPECT_EQ(d.to_string(), "a.toml:9:2: warning: first\n  fix: do this\n"
                             "b.toml:1:5: error: middle\n"
                             "b.toml:3:1: error: second\n");
}

TEST(VersionNumber, IsTheFirstDottedNumberOfAVersionLine) {
    EXPECT_EQ(gump::version_number("2.1.331 (Claude Code)"), "2.1.331");
    EXPECT_EQ(gump::version_number("codex-cli 0.169.0"), "0.169.0");
    EXPECT_EQ(gump::version_number("v1.18.33"), "1.18.33");
    EXPECT_EQ(gump::version_number("opencode 1.18.33\n"), "1.18.33");
    EXPECT_EQ(gump::version_number("build 42"), "");
    EXPECT_EQ(gump::version_number(""), "");
}

TEST(CompareVersions, ComparesEachNumberNotTheText) {
    EXPECT_LT(gump::compare_versions("2.1.197", "2.1.331"), 0);
    EXPECT_GT(gump::compare_versions("0.24.4", "0.15.10"), 0);
    EXPECT_EQ(gump::compare_versions("1.18.33", "1.18.33"), 0);
    EXPECT_EQ(gump::compare_versions("1.2", "1.2.0"), 0);
    EXPECT_LT(gump::compare_versions("1.2", "1.2.1"), 0);
}
