// [steps.retry]: the attempt cap and the ladder of rungs.
#include "support.hpp"

using namespace gump;
using namespace gump::workflow;
using namespace gump::workflow::test;

namespace {

// A code step on lines 3-7 whose retry table starts on line 8.
std::string with_retry(std::string_view retry) {
    return with_steps("[[steps]]\nname = \"impl\"\nkind = \"code\"\nagent = \"qwen\"\n"
                      "prompt = \"x\"\n" +
                      std::string(retry));
}

} // namespace

TEST(ParserRetry, AttemptsAloneIsFine) {
    Parsed p = parse(with_retry("[steps.retry]\nattempts = 3\n"));
    EXPECT_TRUE(p.diags.empty()) << p.diags.to_string();
    EXPECT_EQ(p.workflow->steps[0].retry.attempts, 3);
    EXPECT_EQ(p.workflow->steps[0].retry.pos.line, 8);
}

TEST(ParserRetry, AttemptsMustBeAPositiveWholeNumber) {
    Parsed p = parse(with_retry("[steps.retry]\nattempts = 0\n"));
    EXPECT_TRUE(has_diag(p.diags, 9, 12,
                         {"attempts in the retry of step 'impl' is 0; it must be "
                          "between 1 and 100",
                          "fix:attempts = 1"}));
    Parsed q = parse(with_retry("[steps.retry]\nattempts = \"5\"\n"));
    EXPECT_TRUE(has_diag(q.diags, 9, 12, {"must be a whole number, not a string"}));
}

TEST(ParserRetry, ALadderNeedsAnAttemptCap) {
    Parsed p = parse(with_retry("[steps.retry]\n[[steps.retry.ladder]]\nfrom = 2\n"
                                "agent = \"claude-opus\"\n"));
    EXPECT_TRUE(
        has_diag(p.diags, 8, 1,
                 {"the retry ladder of step 'impl' has no attempt cap", "fix:add attempts = N"}));
    EXPECT_EQ(p.diags.items().size(), 1u);
}

TEST(ParserRetry, RungsStartAtAttemptTwoOrLater) {
    Parsed p = parse(with_retry(R"([steps.retry]
attempts = 3
[[steps.retry.ladder]]
from = 1
agent = "claude-opus"
)"));
    EXPECT_TRUE(
        has_diag(p.diags, 11, 8,
                 {"from = 1 in retry rung 1 of step 'impl' is too low", "fix:from = 2 or more"}));
}

TEST(ParserRetry, ARungBeyondTheCapNeverApplies) {
    Parsed p = parse(with_retry(R"([steps.retry]
attempts = 3
[[steps.retry.ladder]]
from = 4
agent = "claude-opus"
)"));
    EXPECT_TRUE(has_diag(p.diags, 11, 8,
                         {"from = 4 in retry rung 1 of step 'impl' never applies: "
                          "the step makes at most 3 attempts",
                          "fix:raise attempts to 4"}));
}

TEST(ParserRetry, RungsMustBeInStrictlyAscendingOrder) {
    Parsed p = parse(with_retry(R"([steps.retry]
attempts = 5
[[steps.retry.ladder]]
from = 3
agent = "a"
[[steps.retry.ladder]]
from = 3
agent = "b"
[[steps.retry.ladder]]
from = 2
agent = "c"
[[steps.retry.ladder]]
from = 4
agent = "d"
)"));
    EXPECT_TRUE(has_diag(p.diags, 14, 8,
                         {"from = 3 in retry rung 2",
                          "comes after a rung with "
                          "from = 3",
                          "strictly ascending"}));
    EXPECT_TRUE(has_diag(p.diags, 17, 8, {"from = 2 in retry rung 3", "from = 3"}));
    EXPECT_EQ(p.diags.error_count(), 2u); // rung 4 follows 3 and is fine
}

TEST(ParserRetry, RungsAsAnInlineArrayAreCheckedTheSameWay) {
    Parsed p = parse(with_retry(
        "[steps.retry]\nattempts = 4\nladder = [{ from = 3, agent = \"a\" }, { from = 2, agent = "
        "\"b\" }, { agent = \"c\" }, 7]\n"));
    EXPECT_TRUE(has_diag(p.diags, 10, 47, {"from = 2 in retry rung 2", "from = 3"}));
    EXPECT_TRUE(
        has_diag(p.diags, 10, 65, {"retry rung 3 of step 'impl' has no from", "fix:add from = N"}));
    EXPECT_TRUE(has_diag(p.diags, 10, 82,
                         {"a rung of the retry ladder of step 'impl' must be a "
                          "table, not an integer"}));
    EXPECT_EQ(p.diags.error_count(), 3u);
}

TEST(ParserRetry, SessionIsNewOrResume) {
    Parsed p = parse(with_retry(R"([steps.retry]
attempts = 3
[[steps.retry.ladder]]
from = 2
session = "fresh"
[[steps.retry.ladder]]
from = 3
session = "new"
)"));
    EXPECT_TRUE(has_diag(p.diags, 12, 11,
                         {"session in retry rung 1 of step 'impl' is \"fresh\"; "
                          "it must be \"new\" or \"resume\"",
                          "fix:session = \"new\""}));
    EXPECT_EQ(p.diags.error_count(), 1u);
    EXPECT_TRUE(p.workflow->steps[0].retry.ladder[1].new_session);
}

TEST(ParserRetry, ResumingWithAnotherAgentIsAWarning) {
    Parsed p = parse(with_retry(R"([steps.retry]
attempts = 3
[[steps.retry.ladder]]
from = 2
agent = "qwen"
session = "resume"
reset = true
[[steps.retry.ladder]]
from = 3
agent = "claude-opus"
session = "resume"
)"));
    EXPECT_TRUE(has_diag(p.diags, 18, 11,
                         {"session = \"resume\" in retry rung 2", "has no effect",
                          "a changed agent always starts a new session"},
                         Severity::warning));
    EXPECT_EQ(p.diags.items().size(), 1u); // rung 1 keeps qwen, so resuming is fine
}

TEST(ParserRetry, ARungThatChangesNothingIsAWarning) {
    Parsed p = parse(with_retry(R"([steps.retry]
attempts = 3
[[steps.retry.ladder]]
from = 2
session = "resume"
)"));
    EXPECT_TRUE(has_diag(p.diags, 10, 1, {"retry rung 1 of step 'impl' changes nothing"},
                         Severity::warning));
    EXPECT_EQ(p.diags.error_count(), 0u);
}

TEST(ParserRetry, RungKeysAreChecked) {
    Parsed p = parse(with_retry(R"([steps.retry]
attempts = 3
exit = 4
[[steps.retry.ladder]]
form = 2
from = 2
attempt = 2
agent = ""
reset = "yes"
)"));
    EXPECT_TRUE(has_diag(p.diags, 10, 1,
                         {"unknown key 'exit' in the retry of step 'impl'", "fix:attempts = N"}));
    EXPECT_TRUE(has_diag(p.diags, 12, 1,
                         {"unknown key 'form' in retry rung 1 of step 'impl' "
                          "(did you mean 'from'?)"}));
    EXPECT_TRUE(has_diag(p.diags, 14, 1, {"unknown key 'attempt'", "fix:from = N"}));
    EXPECT_TRUE(has_diag(p.diags, 15, 9, {"agent in retry rung 1 of step 'impl' is empty"}));
    EXPECT_TRUE(has_diag(p.diags, 16, 9,
                         {"reset in retry rung 1 of step 'impl' must be true or "
                          "false, not a string"}));
    EXPECT_EQ(p.diags.error_count(), 5u);
}

TEST(ParserRetry, RetryMustBeATable) {
    Parsed p = parse(with_retry("retry = [{ attempt = 2 }]\n"));
    EXPECT_TRUE(
        has_diag(p.diags, 8, 9,
                 {"retry in step 'impl' must be a table, not an array", "fix:[steps.retry]"}));
}
