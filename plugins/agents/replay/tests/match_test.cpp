#include "match.hpp"

#include <gtest/gtest.h>

using namespace replay;

namespace {

Script script_of(const std::string& text) {
    return parse_script(text, "replay.toml");
}

std::string text_for(const Script& s, std::string_view path, long long attempt) {
    const Entry* e = find_entry(s, path, attempt);
    return e ? e->text : "<none>";
}

} // namespace

TEST(Match, StarMatchesExactlyOneWholeSegment) {
    EXPECT_TRUE(path_matches("build/*/impl", "build/2/impl"));
    EXPECT_TRUE(path_matches("build/*/impl", "build/task-a/impl"));
    EXPECT_TRUE(path_matches("*", "plan"));
    EXPECT_TRUE(path_matches("*/*", "build/plan"));
    EXPECT_FALSE(path_matches("build/*/impl", "build/impl"));
    EXPECT_FALSE(path_matches("build/*/impl", "build/2/3/impl"));
    EXPECT_FALSE(path_matches("build/*", "build/2/impl"));
    EXPECT_FALSE(path_matches("*", "build/2"));
    EXPECT_FALSE(
        path_matches("build/2*/impl", "build/23/impl")); // "*" is a segment, not a wildcard
    EXPECT_FALSE(path_matches("build/2", "build/2/impl"));
    EXPECT_TRUE(path_matches("build/2/impl", "build/2/impl"));
}

TEST(Match, PrecedenceIsExactAttemptThenExactThenGlobAttemptThenGlob) {
    // In file order from the weakest class to the strongest, so the order cannot decide.
    Script s = script_of(R"(
[[step]]
path = "build/*/impl"
text = "glob"
[[step]]
path = "build/*/impl"
attempt = 2
text = "glob attempt 2"
[[step]]
path = "build/2/impl"
text = "exact"
[[step]]
path = "build/2/impl"
attempt = 3
text = "exact attempt 3"
)");
    EXPECT_EQ(text_for(s, "build/2/impl", 3), "exact attempt 3");
    EXPECT_EQ(text_for(s, "build/2/impl", 2), "exact");
    EXPECT_EQ(text_for(s, "build/2/impl", 1), "exact");
    EXPECT_EQ(text_for(s, "build/5/impl", 2), "glob attempt 2");
    EXPECT_EQ(text_for(s, "build/5/impl", 1), "glob");
    EXPECT_EQ(text_for(s, "build/5/impl", 3), "glob");
}

TEST(Match, GlobWithAttemptBeatsExactWithAnotherAttempt) {
    Script s = script_of(R"(
[[step]]
path = "build/2/impl"
attempt = 1
text = "exact attempt 1"
[[step]]
path = "build/*/impl"
attempt = 2
text = "glob attempt 2"
)");
    EXPECT_EQ(text_for(s, "build/2/impl", 2), "glob attempt 2");
    EXPECT_EQ(text_for(s, "build/2/impl", 1), "exact attempt 1");
}

TEST(Match, FirstInFileOrderWinsWithinAClass) {
    Script s = script_of(R"(
[[step]]
path = "*/impl"
text = "first"
[[step]]
path = "build/*"
text = "second"
[[step]]
path = "plan"
text = "plan one"
[[step]]
path = "plan"
text = "plan two"
)");
    EXPECT_EQ(text_for(s, "build/impl", 1), "first");
    EXPECT_EQ(text_for(s, "plan", 4), "plan one");
}

TEST(Match, NoEntryIsReportedWithTheEntryToAdd) {
    Script s = script_of("[[step]]\npath = \"plan\"\nattempt = 1\n");
    s.file = "/p/replay.toml";
    EXPECT_EQ(find_entry(s, "plan", 2), nullptr);
    EXPECT_EQ(find_entry(s, "build", 1), nullptr);
    EXPECT_EQ(missing_entry_message(s, "build/2/impl", 3),
              "the replay script /p/replay.toml has no entry for step build/2/impl attempt 3; add "
              "a [[step]] with path = \"build/2/impl\"");
}
