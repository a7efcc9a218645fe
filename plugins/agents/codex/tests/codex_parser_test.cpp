// Codex 0.169.0's captured streams to gump's numbers.
#include "codex_parser.hpp"

#include <agent_stream_harness.hpp>

namespace {

using namespace agent_test;
using codex::CodexParser;
using gump::sdk::Usage;

const char* const thread_id = "01a20d65-698b-7e31-b82f-77be6a1db923";

Parsed run(const std::string& fixture, StreamParser::Start start = {}) {
    CodexParser parser(std::move(start));
    Parsed p = parse(parser, fixture);
    expect_well_formed(p);
    return p;
}

TEST(CodexParser, SuccessIsTwoModelActionsAndNoCost) {
    Parsed p = run("codex/success.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, thread_id);
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
    EXPECT_EQ(p.outcome.usage.cache_read, 0);
    EXPECT_EQ(p.outcome.usage.cache_write, 0);
    EXPECT_FALSE(p.outcome.cost_usd); // codex reports none: gump estimates it
    ASSERT_TRUE(p.outcome.session_usage);
    EXPECT_EQ(p.outcome.session_usage->input, 240);
    EXPECT_EQ(p.outcome.failure, Failure::none);
}

TEST(CodexParser, SuccessEventsComeInTheOrderTheWorkHappened) {
    Parsed p = run("codex/success.jsonl");
    EXPECT_EQ(p.types(), (std::vector<std::string>{"session", "turn", "tool_call", "file_change",
                                                   "turn", "text", "usage"}));
    const json::object* call = p.last("tool_call");
    ASSERT_TRUE(call);
    EXPECT_EQ(call->at("name").as_string(), "apply_patch");
    const json::object* change = p.last("file_change");
    ASSERT_TRUE(change);
    EXPECT_EQ(change->at("path").as_string(), "/home/dev/work/codex-repo/hello.txt");
    EXPECT_EQ(change->at("action").as_string(), "write"); // kind "add"
    EXPECT_FALSE(p.last("usage")->contains("cost_usd"));
}

// success.jsonl and resume.jsonl are one thread: resume's turn.completed says 360/90, the
// thread's total, of which 240/60 were the first invocation's.
TEST(CodexParser, ResumeSubtractsWhatTheThreadHadBefore) {
    Parsed first = run("codex/success.jsonl");
    ASSERT_TRUE(first.outcome.session_usage);
    Parsed p = run("codex/resume.jsonl", {true, first.outcome.session_usage, {}, {}});
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, thread_id);
    EXPECT_EQ(p.outcome.text, "resumed ok");
    EXPECT_EQ(p.outcome.turns, 1);
    EXPECT_EQ(p.outcome.usage.input, 120);
    EXPECT_EQ(p.outcome.usage.output, 30);
    EXPECT_FALSE(p.outcome.cost_usd);
    ASSERT_TRUE(p.outcome.session_usage);
    EXPECT_EQ(p.outcome.session_usage->input, 360); // what the next resume subtracts
    EXPECT_EQ(p.outcome.session_usage->output, 90);
}

TEST(CodexParser, ResumeWithoutThePreviousTotalOverCounts) {
    Parsed p = run("codex/resume.jsonl", {true, {}, {}, {}});
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.usage.input, 360);
    EXPECT_EQ(p.outcome.usage.output, 90);
}

TEST(CodexParser, CachedInputIsNotCountedTwice) {
    CodexParser parser({true, Usage{100, 10, 50, 0}, {}, {}});
    parser.feed(R"({"type":"thread.started","thread_id":"t"})");
    parser.feed(R"({"type":"turn.completed","usage":{"input_tokens":400,"cached_input_tokens":150,)"
                R"("cache_write_input_tokens":20,"output_tokens":25}})");
    Outcome out = parser.finish({0, 0, false, {}});
    EXPECT_TRUE(out.success);
    EXPECT_EQ(out.session_usage->input, 230); // 400 - 150 cached - 20 written
    EXPECT_EQ(out.usage.input, 130);
    EXPECT_EQ(out.usage.output, 15);
    EXPECT_EQ(out.usage.cache_read, 100);
    EXPECT_EQ(out.usage.cache_write, 20);
}

TEST(CodexParser, RetriedServerErrorStillSucceeds) {
    Parsed p = run("codex/retry.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, "01a20d65-73db-7423-a0e2-c44ba5c8e823");
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
    EXPECT_FALSE(p.outcome.cost_usd);
}

TEST(CodexParser, UnauthorizedIsAnAuthFailure) {
    Parsed p = run("codex/error-auth.jsonl");
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::auth);
    EXPECT_EQ(p.outcome.session, "01a20d65-6ecd-7970-8898-0002533cef21");
    EXPECT_NE(p.outcome.message.find("401"), std::string::npos);
    EXPECT_EQ(p.outcome.message.find("Reconnecting"), std::string::npos);
    EXPECT_EQ(p.outcome.turns, 0);
    EXPECT_EQ(p.outcome.usage.input, 0);
    EXPECT_FALSE(p.outcome.cost_usd);
}

// 5xx reaches codex's user as a generic "high demand" text with no status in it.
TEST(CodexParser, PersistentServerErrorIsTransient) {
    Parsed p = run("codex/error-500.jsonl");
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::transient);
    EXPECT_NE(p.outcome.message.find("high demand"), std::string::npos);
    EXPECT_EQ(p.outcome.turns, 0);
}

TEST(CodexParser, ReconnectingNoticesAreNotFailures) {
    CodexParser parser;
    for (const auto& line : lines_of(fixture("codex/error-auth.jsonl")))
        if (line.find("Reconnecting") != std::string::npos) parser.feed(line);
    for (const auto& line : lines_of(fixture("codex/success.jsonl")))
        parser.feed(line);
    Outcome out = parser.finish({0, 0, false, {}});
    EXPECT_TRUE(out.success);
    EXPECT_EQ(out.failure, Failure::none);
}

TEST(CodexParser, FatalErrorWithoutTurnFailedStillSaysWhy) {
    CodexParser parser;
    Outcome out = without_last_line(parser, "codex/error-auth.jsonl", {1, 0, false, {}});
    EXPECT_FALSE(out.success);
    EXPECT_EQ(out.failure, Failure::auth);
}

TEST(CodexParser, NoTurnCompletedIsACrashWhateverTheExitCode) {
    CodexParser parser;
    Outcome out = without_last_line(parser, "codex/success.jsonl", {0, 0, false, {}});
    EXPECT_FALSE(out.success);
    EXPECT_EQ(out.failure, Failure::crash);
    EXPECT_EQ(out.turns, 2);
}

TEST(CodexParser, KilledWithoutTurnCompletedIsATimeout) {
    CodexParser parser;
    parser.feed(lines_of(fixture("codex/error-auth.jsonl"))[2]); // a Reconnecting notice
    Outcome out = parser.finish({143, 0, true, {}});
    EXPECT_EQ(out.failure, Failure::timeout);
}

TEST(CodexParser, CommandsPatchesAndFailedPatches) {
    CodexParser parser;
    parser.feed(R"({"type":"item.completed","item":{"id":"i0","type":"reasoning","text":"hm"}})");
    parser.feed(
        R"({"type":"item.completed","item":{"id":"i1","type":"command_execution",)"
        R"("command":"bash -lc ls","aggregated_output":"","exit_code":0,"status":"completed"}})");
    parser.feed(
        R"({"type":"item.completed","item":{"id":"i2","type":"file_change","status":"completed",)"
        R"("changes":[{"path":"a.c","kind":"update"},{"path":"b.c","kind":"delete"}]}})");
    parser.feed(
        R"({"type":"item.completed","item":{"id":"i3","type":"file_change","status":"failed",)"
        R"("changes":[{"path":"c.c","kind":"add"}]}})");
    parser.feed(R"({"type":"item.completed","item":{"id":"i4","type":"todo_list","items":[]}})");
    parser.feed(R"({"type":"turn.completed","usage":{"input_tokens":5,"output_tokens":1}})");
    Parsed p;
    p.events = parser.take_events();
    p.outcome = parser.finish({0, 0, false, {}});
    expect_well_formed(p);
    EXPECT_EQ(p.outcome.turns, 3);
    EXPECT_EQ(p.count("file_change"), 2u);
    EXPECT_EQ(p.events[1].at("name").as_string(), "shell");
    EXPECT_EQ(p.events[1].at("summary").as_string(), "bash -lc ls");
    EXPECT_EQ(p.events[4].at("action").as_string(), "edit");
    EXPECT_EQ(p.events[5].at("action").as_string(), "delete");
    EXPECT_TRUE(p.outcome.text.empty());
}

TEST(CodexParser, FieldOrderUnknownEventsAndNoiseDoNotMatter) {
    CodexParser parser;
    parser.feed("Reading additional input from stdin...");
    parser.feed(R"({"thread_id":"t1","type":"thread.started"})");
    parser.feed(R"({"type":"item.plan.delta","item_id":"x","delta":"..."})");
    parser.feed("\xff\xfe{garbage");
    parser.feed(std::string(R"({"item":{"text":"ok )") + "\xc3" +
                R"(","type":"agent_message","id":"i"},"type":"item.completed"})");
    parser.feed(
        R"({"usage":{"output_tokens":2,"input_tokens":5,"future_tokens":9},"type":"turn.completed"})");
    Outcome out = parser.finish({0, 0, false, {}});
    EXPECT_TRUE(out.success);
    EXPECT_EQ(out.session, "t1");
    EXPECT_EQ(out.text.substr(0, 3), "ok ");
    EXPECT_EQ(out.usage.input, 5);
    EXPECT_EQ(parser.skipped_lines(), 2u);
}

TEST(CodexParser, SurvivesRandomDamageToEveryFixture) {
    survive_mutations([] { return std::make_unique<CodexParser>(); },
                      {"codex/success.jsonl", "codex/resume.jsonl", "codex/retry.jsonl",
                       "codex/error-auth.jsonl", "codex/error-500.jsonl"});
    survive_mutations(
        [] {
            return std::make_unique<CodexParser>(
                StreamParser::Start{true, Usage{240, 60, 0, 0}, {}, {}});
        },
        {"codex/resume.jsonl"}, 100);
}

} // namespace
