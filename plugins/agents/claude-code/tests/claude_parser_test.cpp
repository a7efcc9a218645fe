// Claude Code's captured streams (2.1.331 and 2.1.197) to gump's numbers.
#include "claude_parser.hpp"

#include <agent_stream_harness.hpp>

namespace {

using namespace agent_test;
using claude_code::ClaudeParser;

Parsed run(const std::string& fixture, StreamParser::Start start = {}) {
    ClaudeParser parser(std::move(start));
    Parsed p = parse(parser, fixture);
    expect_well_formed(p);
    return p;
}

TEST(ClaudeParser, SuccessIsTwoTurnsAndTheReportedCost) {
    Parsed p = run("claude/success.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, "8c9da96b-b368-4c7a-ac9c-50a42f83e8d0");
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
    ASSERT_TRUE(p.outcome.cost_usd);
    EXPECT_DOUBLE_EQ(*p.outcome.cost_usd, 0.00162);
    EXPECT_EQ(p.outcome.failure, Failure::none);
}

TEST(ClaudeParser, SuccessEventsComeInTheOrderTheWorkHappened) {
    Parsed p = run("claude/success.jsonl");
    EXPECT_EQ(p.types(),
              (std::vector<std::string>{"session", "turn", "usage", "tool_call", "file_change",
                                        "turn", "usage", "text", "usage"}));
    const json::object* change = p.last("file_change");
    ASSERT_TRUE(change);
    EXPECT_EQ(change->at("path").as_string(), "/home/dev/work/claude-repo/hello.txt");
    EXPECT_EQ(change->at("action").as_string(), "write");
    // Live usage counts each API message once, never its per-block repeats.
    EXPECT_EQ(p.last("usage")->at("input_tokens").as_int64(), 240);
    EXPECT_DOUBLE_EQ(p.last("usage")->at("cost_usd").as_double(), 0.00162);
}

TEST(ClaudeParser, FileChangesUnderTheWorktreeAreRelativeToIt) {
    Parsed p = run("claude/success.jsonl", {false, {}, {}, "/home/dev/work/claude-repo"});
    ASSERT_TRUE(p.last("file_change"));
    EXPECT_EQ(p.last("file_change")->at("path").as_string(), "hello.txt");
    // A path elsewhere, or one that only starts with the same letters, stays as it is.
    Parsed other = run("claude/success.jsonl", {false, {}, {}, "/home/dev/work/claude"});
    EXPECT_EQ(other.last("file_change")->at("path").as_string(),
              "/home/dev/work/claude-repo/hello.txt");
}

TEST(ClaudeParser, ResumeCountsThisInvocationNotTheSession) {
    Parsed p = run("claude/resume.jsonl", {true, {}, {}, {}});
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.turns, 1);
    EXPECT_EQ(p.outcome.usage.input, 120);
    EXPECT_EQ(p.outcome.usage.output, 30);
    ASSERT_TRUE(p.outcome.cost_usd);
    EXPECT_DOUBLE_EQ(*p.outcome.cost_usd, 0.00081); // not the session's 0.00243
    ASSERT_TRUE(p.outcome.session_cost);
    EXPECT_DOUBLE_EQ(*p.outcome.session_cost, 0.00243);
}

TEST(ClaudeParser, OlderVersionReportsTheInvocationCostDirectly) {
    Parsed first = run("older/claude-2.1.197.jsonl");
    EXPECT_TRUE(first.outcome.success);
    EXPECT_EQ(first.outcome.turns, 2);
    EXPECT_DOUBLE_EQ(*first.outcome.cost_usd, 0.00162);
    Parsed resumed = run("older/claude-2.1.197-resume.jsonl", {true, {}, {}, {}});
    EXPECT_EQ(resumed.outcome.usage.input, 120);
    EXPECT_DOUBLE_EQ(*resumed.outcome.cost_usd, 0.00081);
}

TEST(ClaudeParser, RetriedServerErrorStillSucceeds) {
    Parsed p = run("claude/retry.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
}

TEST(ClaudeParser, UnauthorizedIsAnAuthFailureDespiteSubtypeSuccess) {
    for (const char* f : {"claude/error-auth.jsonl", "older/claude-2.1.197-error.jsonl"}) {
        Parsed p = run(f);
        EXPECT_FALSE(p.outcome.success) << f;
        EXPECT_EQ(p.outcome.failure, Failure::auth) << f;
        EXPECT_NE(p.outcome.message.find("401"), std::string::npos) << f;
        EXPECT_DOUBLE_EQ(p.outcome.cost_usd.value_or(-1), 0.0) << f;
    }
}

TEST(ClaudeParser, PersistentServerErrorIsTransient) {
    Parsed p = run("claude/error-500.jsonl");
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::transient);
}

TEST(ClaudeParser, NoResultEventIsACrashWhateverTheExitCode) {
    ClaudeParser parser;
    Outcome out = without_last_line(parser, "claude/success.jsonl", {0, 0, false, {}});
    EXPECT_FALSE(out.success);
    EXPECT_EQ(out.failure, Failure::crash);
    EXPECT_EQ(out.turns, 2);
}

TEST(ClaudeParser, KilledWithoutResultIsATimeout) {
    ClaudeParser parser;
    parser.feed(lines_of(fixture("claude/success.jsonl"))[0]);
    Outcome out = parser.finish({143, 0, true, {}});
    EXPECT_EQ(out.failure, Failure::timeout);
}

TEST(ClaudeParser, FieldOrderUnknownEventsAndNoiseDoNotMatter) {
    ClaudeParser parser;
    parser.feed("Warning: no stdin data received in 3s");
    parser.feed(R"({"type":"rate_limit_event","whatever":[1,2,3]})");
    parser.feed(R"({"subtype":"init","session_id":"s1","type":"system"})");
    parser.feed("\xff\xfe{garbage");
    // A cut multi-byte character inside the final text.
    parser.feed(std::string(R"({"num_turns":1,"result":"ok )") + "\xc3" +
                R"(","type":"result","is_error":false,"subtype":"success",)" +
                R"("usage":{"input_tokens":5,"output_tokens":2},"total_cost_usd":0.5})");
    Outcome out = parser.finish({0, 0, false, {}});
    EXPECT_TRUE(out.success);
    EXPECT_EQ(out.session, "s1");
    EXPECT_EQ(out.usage.input, 5);
    EXPECT_EQ(parser.skipped_lines(), 2u);
}

TEST(ClaudeParser, SurvivesRandomDamageToEveryFixture) {
    survive_mutations([] { return std::make_unique<ClaudeParser>(); },
                      {"claude/success.jsonl", "claude/resume.jsonl", "claude/retry.jsonl",
                       "claude/error-auth.jsonl", "claude/error-500.jsonl",
                       "older/claude-2.1.197.jsonl", "older/claude-2.1.197-error.jsonl"});
}

} // namespace
