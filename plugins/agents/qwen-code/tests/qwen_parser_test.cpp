// Qwen Code's captured streams (0.24.4 and 0.15.10) to gump's numbers.
#include "qwen_parser.hpp"

#include <agent_stream_harness.hpp>

namespace {

using namespace agent_test;
using gump::sdk::Usage;
using qwen_code::QwenParser;

Parsed run(const std::string& fixture, StreamParser::Start start = {}) {
    QwenParser parser(std::move(start));
    Parsed p = parse(parser, fixture);
    expect_well_formed(p);
    return p;
}

Parsed run_lines(const std::vector<std::string>& lines, StreamParser::Start start = {},
                 Exit exit = {}) {
    QwenParser parser(std::move(start));
    Parsed p = feed_lines(parser, lines, exit);
    expect_well_formed(p);
    return p;
}

const std::string result_ok =
    R"({"type":"result","subtype":"success","is_error":false,"session_id":"s1","num_turns":1,)"
    R"("result":"ok","usage":{"input_tokens":1000,"output_tokens":50,"cache_read_input_tokens":800,"total_tokens":1050}})";

TEST(QwenParser, SuccessIsTwoTurnsWithoutCost) {
    Parsed p = run("qwen/success.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, "61a97a74-62ae-42fc-9f45-13eebfaf2f7c");
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
    EXPECT_EQ(p.outcome.usage.cache_read, 0);
    EXPECT_FALSE(p.outcome.cost_usd); // qwen reports none: gump estimates it
    EXPECT_EQ(p.outcome.failure, Failure::none);
    ASSERT_TRUE(p.outcome.session_usage);
    EXPECT_EQ(p.outcome.session_usage->input, 240);
}

TEST(QwenParser, SuccessEventsComeInTheOrderTheWorkHappened) {
    Parsed p = run("qwen/success.jsonl");
    EXPECT_EQ(p.types(),
              (std::vector<std::string>{"session", "turn", "usage", "tool_call", "file_change",
                                        "turn", "usage", "text", "usage"}));
    const json::object* call = p.last("tool_call");
    ASSERT_TRUE(call);
    EXPECT_EQ(call->at("name").as_string(), "write_file");
    EXPECT_EQ(call->at("summary").as_string(), "/home/dev/work/qwen-repo/hello.txt");
    const json::object* change = p.last("file_change");
    ASSERT_TRUE(change);
    EXPECT_EQ(change->at("path").as_string(), "/home/dev/work/qwen-repo/hello.txt");
    EXPECT_EQ(change->at("action").as_string(), "write");
    EXPECT_EQ(p.last("text")->at("text").as_string(), "done");
    // Live usage is the running sum of the requests: 120 after the first, 240 after the second.
    EXPECT_EQ(p.events[2].at("input_tokens").as_int64(), 120);
    EXPECT_EQ(p.events[6].at("input_tokens").as_int64(), 240);
    EXPECT_FALSE(p.last("usage")->contains("cost_usd"));
}

TEST(QwenParser, ResumeCountsThisInvocationNotTheSession) {
    // result.usage says 360/90 (the session); the one request of this invocation was 120/30.
    Parsed unknown = run("qwen/resume.jsonl", {true, {}, {}, {}});
    Parsed known = run("qwen/resume.jsonl", {true, Usage{240, 60, 0, 0}, {}, {}});
    for (const Parsed* p : {&unknown, &known}) {
        EXPECT_TRUE(p->outcome.success);
        EXPECT_EQ(p->outcome.text, "resumed ok");
        EXPECT_EQ(p->outcome.turns, 1);
        EXPECT_EQ(p->outcome.usage.input, 120);
        EXPECT_EQ(p->outcome.usage.output, 30);
        EXPECT_FALSE(p->outcome.cost_usd);
        ASSERT_TRUE(p->outcome.session_usage);
        EXPECT_EQ(p->outcome.session_usage->input, 360);
        EXPECT_EQ(p->outcome.session_usage->output, 90);
        EXPECT_EQ(p->last("usage")->at("input_tokens").as_int64(), 120);
    }
}

TEST(QwenParser, ResumeWithoutPerRequestNumbersSubtractsThePreviousTotal) {
    auto lines = lines_of(fixture("qwen/resume.jsonl"));
    for (auto& line : lines)
        if (auto at = line.find(R"(,"usage":{"input_tokens":120)"); at != std::string::npos)
            line.erase(at, line.find('}', at) - at + 1);
    Parsed known = run_lines(lines, {true, Usage{240, 60, 0, 0}, {}, {}});
    EXPECT_EQ(known.outcome.usage.input, 120);
    EXPECT_EQ(known.outcome.usage.output, 30);
    // Nothing to subtract and nothing per request: the session total, an over-count on purpose.
    Parsed unknown = run_lines(lines, {true, {}, {}, {}});
    EXPECT_EQ(unknown.outcome.usage.input, 360);
    EXPECT_EQ(unknown.outcome.usage.output, 90);
}

TEST(QwenParser, RetriedServerErrorStillSucceeds) {
    Parsed p = run("qwen/retry.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, "67d0c907-1623-4777-8220-30517148c1a8");
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
    EXPECT_EQ(p.count("file_change"), 1u);
}

TEST(QwenParser, UnauthorizedIsAnAuthFailure) {
    for (const char* f : {"qwen/error-auth.jsonl", "older/qwen-0.15.10-error.jsonl"}) {
        Parsed p = run(f);
        EXPECT_FALSE(p.outcome.success) << f;
        EXPECT_TRUE(p.outcome.finished) << f;
        EXPECT_EQ(p.outcome.failure, Failure::auth) << f;
        EXPECT_EQ(p.outcome.message, "[API Error: 401 mockllm: invalid api key]") << f;
        EXPECT_EQ(p.outcome.turns, 1) << f;
        EXPECT_EQ(p.outcome.usage.input, 0) << f;
        EXPECT_FALSE(p.outcome.cost_usd) << f;
        EXPECT_EQ(p.count("text"), 0u) << f; // the error is not something the agent said
    }
}

TEST(QwenParser, PersistentServerErrorIsTransient) {
    for (const char* f : {"qwen/error-500.jsonl", "older/qwen-0.15.10-error-500.jsonl"}) {
        Parsed p = run(f);
        EXPECT_FALSE(p.outcome.success) << f;
        EXPECT_EQ(p.outcome.failure, Failure::transient) << f;
        EXPECT_EQ(p.outcome.message, "[API Error: 500 mockllm: injected internal server error]")
            << f;
        EXPECT_EQ(p.outcome.turns, 1) << f;
    }
}

TEST(QwenParser, OlderVersionSucceedsTheSameWay) {
    Parsed p = run("older/qwen-0.15.10.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, "ca8d5dde-8828-4522-9257-0201371d9544");
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
    EXPECT_EQ(p.last("file_change")->at("path").as_string(), "/tmp/r/qwen/repo/hello.txt");
}

TEST(QwenParser, OlderVersionExitZeroOnAnApiErrorIsStillAFailure) {
    // 0.15.10: exit 0, is_error false, subtype success; only the text tells.
    EXPECT_EQ(exit_code_of(fixture("older/qwen-0.15.10-error.jsonl")), 0);
    Parsed p = run("older/qwen-0.15.10-error.jsonl");
    EXPECT_FALSE(p.outcome.success);
    EXPECT_TRUE(p.outcome.text.empty());
}

TEST(QwenParser, OneReplySplitIntoMessagesIsOneTurn) {
    // qwen gives each kind of block its own assistant message; the last one carries the usage.
    Parsed p = run_lines({
        R"({"type":"system","subtype":"init","session_id":"s1"})",
        R"({"type":"assistant","session_id":"s1","parent_tool_use_id":null,"message":{"id":"a","content":[{"type":"thinking","thinking":"hmm"}],"usage":{"input_tokens":0,"output_tokens":0}}})",
        R"({"type":"assistant","session_id":"s1","parent_tool_use_id":null,"message":{"id":"b","content":[{"type":"text","text":"I will edit it"}],"usage":{"input_tokens":0,"output_tokens":0}}})",
        R"({"type":"assistant","session_id":"s1","parent_tool_use_id":null,"message":{"id":"c","content":[{"type":"tool_use","id":"t1","name":"edit","input":{"file_path":"/w/a.c","old_string":"x","new_string":"y"}},{"type":"tool_use","id":"t2","name":"run_shell_command","input":{"command":"make"}}],"usage":{"input_tokens":100,"output_tokens":10}}})",
        // A subagent's messages name the tool call that started it: not turns of this session.
        R"({"type":"assistant","session_id":"s1","parent_tool_use_id":"t9","message":{"id":"d","content":[{"type":"tool_use","id":"t3","name":"write_file","input":{"file_path":"/w/b.c"}}],"usage":{"input_tokens":0,"output_tokens":0}}})",
        R"({"type":"user","session_id":"s1","parent_tool_use_id":"t9","message":{"content":[{"type":"tool_result","tool_use_id":"t3"}]}})",
        R"({"type":"user","session_id":"s1","parent_tool_use_id":null,"message":{"content":[{"type":"tool_result","tool_use_id":"t1"}]}})",
        R"({"type":"assistant","session_id":"s1","parent_tool_use_id":null,"message":{"id":"e","content":[{"type":"text","text":"ok"}],"usage":{"input_tokens":200,"output_tokens":20}}})",
        result_ok,
    });
    EXPECT_EQ(p.count("turn"), 2u);
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.count("tool_call"), 3u);
    EXPECT_EQ(p.count("file_change"), 2u);
    EXPECT_EQ(p.events[5].at("action").as_string(), "edit");
    EXPECT_EQ(p.last("file_change")->at("path").as_string(), "/w/b.c");
    EXPECT_EQ(p.last("tool_call")->at("summary").as_string(), "/w/b.c");
    EXPECT_EQ(p.count("text"), 2u);
    // Live usage summed the requests (100 + 200); the result's exact numbers replace it.
    bool saw_300 = false;
    for (const auto& e : p.events)
        saw_300 |= e.at("type").as_string() == "usage" && e.at("input_tokens").as_int64() == 300;
    EXPECT_TRUE(saw_300);
}

TEST(QwenParser, CachedTokensAreTakenOutOfTheInput) {
    // input_tokens counts the whole prompt, cached part included; total_tokens has thinking too.
    Parsed p = run_lines({
        R"({"type":"assistant","message":{"id":"a","content":[{"type":"text","text":"ok"}],"usage":{"input_tokens":1000,"output_tokens":40,"cache_read_input_tokens":800,"total_tokens":1050}}})",
        result_ok,
    });
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.usage.input, 200);
    EXPECT_EQ(p.outcome.usage.cache_read, 800);
    EXPECT_EQ(p.outcome.usage.output, 50);
    EXPECT_EQ(p.events[1].at("output_tokens").as_int64(), 50); // 40 + 10 thinking
}

TEST(QwenParser, ARepeatedMessageCountsOnce) {
    auto lines = lines_of(fixture("qwen/resume.jsonl"));
    lines.insert(lines.begin() + 3, lines[2]);
    Parsed p = run_lines(lines, {true, {}, {}, {}});
    EXPECT_EQ(p.outcome.usage.input, 120);
    EXPECT_EQ(p.count("text"), 1u);
}

TEST(QwenParser, NoResultEventIsACrashWhateverTheExitCode) {
    QwenParser parser;
    Outcome out = without_last_line(parser, "qwen/success.jsonl", {0, 0, false, {}});
    EXPECT_FALSE(out.success);
    EXPECT_EQ(out.failure, Failure::crash);
    EXPECT_EQ(out.turns, 2);
    EXPECT_EQ(out.usage.input, 240);
}

TEST(QwenParser, KilledWithoutResultIsATimeout) {
    QwenParser parser;
    parser.feed(lines_of(fixture("qwen/success.jsonl"))[0]);
    Outcome out = parser.finish({143, 0, true, {}});
    EXPECT_FALSE(out.success);
    EXPECT_EQ(out.failure, Failure::timeout);
    EXPECT_EQ(out.session, "61a97a74-62ae-42fc-9f45-13eebfaf2f7c");
}

TEST(QwenParser, ResumeFromAnotherDirectoryIsAConfigFailure) {
    QwenParser parser({true, {}, {}, {}});
    Outcome out = parser.finish({1, 0, false, "No saved session found with ID abc\n"});
    EXPECT_FALSE(out.success);
    EXPECT_EQ(out.failure, Failure::config); // retrying the same resume cannot help
    EXPECT_NE(out.message.find("No saved session"), std::string::npos);
}

TEST(QwenParser, FieldOrderUnknownEventsAndNoiseDoNotMatter) {
    QwenParser parser;
    parser.feed("Loaded cached credentials.");
    parser.feed(R"({"type":"stream_event","event":{"type":"goal_state","goal_state":{"v":2}}})");
    parser.feed(R"({"session_id":"s1","subtype":"init","type":"system"})");
    parser.feed(R"({"type":"brand_new_event","whatever":[1,2,3]})");
    parser.feed("\xff\xfe{garbage");
    // A cut multi-byte character inside the final text; type in the middle.
    parser.feed(std::string(R"({"num_turns":1,"result":"ok )") + "\xc3" +
                R"(","type":"result","is_error":false,"subtype":"success",)" +
                R"("usage":{"output_tokens":2,"input_tokens":5}})");
    Outcome out = parser.finish({0, 0, false, {}});
    EXPECT_TRUE(out.success);
    EXPECT_EQ(out.session, "s1");
    EXPECT_EQ(out.usage.input, 5);
    EXPECT_EQ(out.usage.output, 2);
    EXPECT_EQ(out.turns, 1);
    EXPECT_EQ(out.text.substr(0, 3), "ok "); // the cut character is the SDK's to keep or mend
    EXPECT_EQ(parser.skipped_lines(), 2u);
}

TEST(QwenParser, SurvivesRandomDamageToEveryFixture) {
    survive_mutations([] { return std::make_unique<QwenParser>(); },
                      {"qwen/success.jsonl", "qwen/resume.jsonl", "qwen/retry.jsonl",
                       "qwen/error-auth.jsonl", "qwen/error-500.jsonl", "older/qwen-0.15.10.jsonl",
                       "older/qwen-0.15.10-error.jsonl", "older/qwen-0.15.10-error-500.jsonl"});
    survive_mutations(
        [] {
            return std::make_unique<QwenParser>(
                StreamParser::Start{true, Usage{240, 60, 0, 0}, {}, {}});
        },
        {"qwen/resume.jsonl"}, 100);
}

} // namespace
