// Gemini CLI's captured streams (0.61.0) to gump's numbers.
#include "gemini_parser.hpp"

#include <agent_stream_harness.hpp>

namespace {

using namespace agent_test;
using gemini_cli::GeminiParser;

Parsed run(const std::string& fixture, StreamParser::Start start = {}) {
    GeminiParser parser(std::move(start));
    Parsed p = parse(parser, fixture);
    expect_well_formed(p);
    return p;
}

Parsed run_lines(const std::vector<std::string>& lines, Exit exit = {}) {
    GeminiParser parser;
    Parsed p = feed_lines(parser, lines, exit);
    expect_well_formed(p);
    return p;
}

const std::string init = R"({"type":"init","session_id":"g1","model":"gemini-2.5-pro"})";
const std::string prompt = R"({"type":"message","role":"user","content":"Create hello.txt"})";
std::string chunk(const std::string& text) {
    return R"({"type":"message","role":"assistant","content":")" + text + R"(","delta":true})";
}
std::string result_error(const std::string& message) {
    return R"({"type":"result","status":"error","error":{"type":"unknown","message":")" + message +
           R"("},"stats":{"total_tokens":0,"input_tokens":0,"output_tokens":0,"cached":0,"input":0}})";
}
const std::string result_ok =
    R"({"type":"result","status":"success","stats":{"total_tokens":300,"input_tokens":240,"output_tokens":60,"cached":0,"input":240}})";

TEST(GeminiParser, SuccessIsTwoTurnsWithoutCost) {
    Parsed p = run("gemini/success.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, "3917f450-f5a0-40b7-94ab-09231fe5a090");
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
    EXPECT_EQ(p.outcome.usage.cache_read, 0);
    EXPECT_FALSE(p.outcome.cost_usd);      // gemini reports none: gump estimates it
    EXPECT_FALSE(p.outcome.session_usage); // its numbers are per invocation already
    EXPECT_EQ(p.outcome.failure, Failure::none);
}

TEST(GeminiParser, SuccessEventsComeInTheOrderTheWorkHappened) {
    Parsed p = run("gemini/success.jsonl");
    EXPECT_EQ(p.types(), (std::vector<std::string>{"session", "turn", "tool_call", "file_change",
                                                   "turn", "text", "usage"}));
    const json::object* call = p.last("tool_call");
    ASSERT_TRUE(call);
    EXPECT_EQ(call->at("name").as_string(), "write_file");
    EXPECT_EQ(call->at("summary").as_string(), "/home/dev/work/gemini-repo/hello.txt");
    const json::object* change = p.last("file_change");
    EXPECT_EQ(change->at("path").as_string(), "/home/dev/work/gemini-repo/hello.txt");
    EXPECT_EQ(change->at("action").as_string(), "write");
    EXPECT_EQ(p.last("text")->at("text").as_string(), "done");
    EXPECT_EQ(p.last("usage")->at("input_tokens").as_int64(), 240);
    EXPECT_FALSE(p.last("usage")->contains("cost_usd"));
}

TEST(GeminiParser, ResumeIsOneTurnAndItsOwnNumbers) {
    Parsed p = run("gemini/resume.jsonl", {true, {}, {}, {}});
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, "3917f450-f5a0-40b7-94ab-09231fe5a090");
    EXPECT_EQ(p.outcome.text, "resumed ok");
    EXPECT_EQ(p.outcome.turns, 1);
    EXPECT_EQ(p.outcome.usage.input, 120);
    EXPECT_EQ(p.outcome.usage.output, 30);
    EXPECT_FALSE(p.outcome.cost_usd);
}

TEST(GeminiParser, RetriedServerErrorStillSucceeds) {
    Parsed p = run("gemini/retry.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, "a7be004d-4095-46fa-89b6-65fd637f0434");
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
}

TEST(GeminiParser, UnauthorizedIsAnAuthFailure) {
    EXPECT_EQ(exit_code_of(fixture("gemini/error-auth.jsonl")), 145); // 401 truncated to a byte
    Parsed p = run("gemini/error-auth.jsonl");
    EXPECT_FALSE(p.outcome.success);
    EXPECT_TRUE(p.outcome.finished);
    EXPECT_EQ(p.outcome.failure, Failure::auth);
    EXPECT_NE(p.outcome.message.find("\"code\":401"), std::string::npos);
    EXPECT_EQ(p.outcome.turns, 0);
    EXPECT_EQ(p.outcome.usage.input, 0);
    EXPECT_FALSE(p.outcome.cost_usd);
    EXPECT_EQ(p.outcome.session, "16728962-1311-4f67-9e81-c1e717c81e60");
}

TEST(GeminiParser, PersistentServerErrorIsTransient) {
    EXPECT_EQ(exit_code_of(fixture("gemini/error-500.jsonl")), 244);
    Parsed p = run("gemini/error-500.jsonl");
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::transient);
    EXPECT_NE(p.outcome.message.find("injected internal server error"), std::string::npos);
    EXPECT_EQ(p.outcome.turns, 0);
    EXPECT_EQ(p.outcome.session, "6c2df408-9f98-4599-b453-e97ca6e7e4b4");
}

TEST(GeminiParser, TheAnswerIsEveryChunkNotTheLastOne) {
    Parsed p = run_lines(
        {init, prompt, chunk("I will "), chunk("write it."),
         R"({"type":"tool_use","tool_name":"replace","tool_id":"r1","parameters":{"file_path":"/w/a.c","old_string":"x","new_string":"y"}})",
         R"({"type":"tool_result","tool_id":"r1","status":"success"})", chunk("Hel"), chunk("lo"),
         chunk(" world"), result_ok});
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.text, "Hello world");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.types(), (std::vector<std::string>{"session", "turn", "text", "tool_call",
                                                   "file_change", "turn", "text", "usage"}));
    EXPECT_EQ(p.events[2].at("text").as_string(), "I will write it.");
    EXPECT_EQ(p.events[4].at("action").as_string(), "edit");
}

TEST(GeminiParser, ParallelToolCallsAreOneTurn) {
    Parsed p = run_lines(
        {init, prompt,
         R"({"type":"tool_use","tool_name":"read_file","tool_id":"a","parameters":{"absolute_path":"/w/a"}})",
         R"({"type":"tool_use","tool_name":"run_shell_command","tool_id":"b","parameters":{"command":"ls"}})",
         R"({"type":"tool_result","tool_id":"a","status":"success"})",
         R"({"type":"tool_result","tool_id":"b","status":"error"})", chunk("done"), result_ok});
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.count("tool_call"), 2u);
    EXPECT_EQ(p.count("file_change"), 0u);
    EXPECT_EQ(p.events[3].at("summary").as_string(), "ls");
}

TEST(GeminiParser, CachedAndThinkingTokensLandInTheirOwnBuckets) {
    // input_tokens is the whole prompt (cached + input); thinking shows only in total_tokens.
    Parsed p = run_lines(
        {init, chunk("ok"),
         R"({"type":"result","status":"success","stats":{"total_tokens":1100,"input_tokens":1000,"output_tokens":40,"cached":800,"input":200}})"});
    EXPECT_EQ(p.outcome.usage.input, 200);
    EXPECT_EQ(p.outcome.usage.cache_read, 800);
    EXPECT_EQ(p.outcome.usage.output, 100);
}

TEST(GeminiParser, ABadApiKeyIsAuthThoughGoogleSays400) {
    Parsed p = run_lines(
        {init, prompt,
         result_error(
             R"([API Error: {\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\"}}])")},
        {144, 0, false, {}});
    EXPECT_EQ(p.outcome.failure, Failure::auth);
}

TEST(GeminiParser, AnUnknownModelIsAConfigFailure) {
    Parsed p = run_lines(
        {init, prompt,
         result_error(
             R"([API Error: {\"error\":{\"code\":404,\"message\":\"models/nope is not found\",\"status\":\"NOT_FOUND\"}}])")},
        {148, 0, false, {}});
    EXPECT_EQ(p.outcome.failure, Failure::config);
}

TEST(GeminiParser, AnErrorTextNamingNoCauseFallsBackToTheExitCode) {
    Parsed p = run_lines({init, prompt, result_error("something went wrong")}, {173, 0, false, {}});
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::transient); // 173 = 429 truncated to a byte
    EXPECT_EQ(p.outcome.message, "something went wrong");
    Parsed turns =
        run_lines({init, prompt, result_error("something went wrong")}, {53, 0, false, {}});
    EXPECT_EQ(turns.outcome.failure, Failure::agent);
    Parsed plain =
        run_lines({init, prompt, result_error("something went wrong")}, {1, 0, false, {}});
    EXPECT_EQ(plain.outcome.failure, Failure::agent);
}

TEST(GeminiParser, WithoutAResultTheExitCodeNamesTheCause) {
    struct Case {
        int code;
        Failure expected;
    };
    for (Case c :
         {Case{41, Failure::auth}, Case{42, Failure::config}, Case{44, Failure::config},
          Case{52, Failure::config}, Case{53, Failure::agent}, Case{145, Failure::auth},
          Case{147, Failure::auth}, Case{173, Failure::transient}, Case{244, Failure::transient},
          Case{1, Failure::crash}, Case{130, Failure::crash}}) {
        Parsed p = run_lines({init, prompt}, {c.code, 0, false, "Error: something\n"});
        EXPECT_FALSE(p.outcome.success) << c.code;
        EXPECT_EQ(p.outcome.failure, c.expected) << c.code;
        EXPECT_EQ(p.outcome.message, "Error: something") << c.code;
    }
}

TEST(GeminiParser, ExitZeroWithoutAResultIsNeverSuccess) {
    // gemini exits 0 when its process group gets SIGTERM, final event or not.
    auto lines = lines_of(fixture("gemini/success.jsonl"));
    lines.pop_back();
    Parsed crashed = run_lines(lines, {0, 0, false, {}});
    EXPECT_FALSE(crashed.outcome.success);
    EXPECT_EQ(crashed.outcome.failure, Failure::crash);
    EXPECT_EQ(crashed.outcome.turns, 2);
    EXPECT_EQ(crashed.count("text"), 1u); // what it said before it stopped is still shown
    Parsed killed = run_lines(lines, {0, 0, true, {}});
    EXPECT_EQ(killed.outcome.failure, Failure::timeout);
    Parsed signalled = run_lines(lines, {0, 15, false, {}});
    EXPECT_EQ(signalled.outcome.failure, Failure::crash);
}

TEST(GeminiParser, KilledWithoutResultIsATimeoutWhateverTheCode) {
    Parsed p = run_lines({init}, {145, 0, true, {}});
    EXPECT_EQ(p.outcome.failure, Failure::timeout);
    EXPECT_EQ(p.outcome.session, "g1");
}

TEST(GeminiParser, FieldOrderUnknownEventsAndNoiseDoNotMatter) {
    GeminiParser parser;
    parser.feed("Loaded cached credentials.");
    parser.feed(R"({"model":"m","session_id":"s1","type":"init"})");
    parser.feed(R"({"type":"brand_new_event","whatever":[1,2,3]})");
    parser.feed(R"({"type":"error","severity":"warning","message":"Loop detected"})");
    parser.feed("\xff\xfe{garbage");
    parser.feed(std::string(R"({"delta":true,"content":"ok )") + "\xc3" +
                R"(","role":"assistant","type":"message"})");
    parser.feed(
        R"({"stats":{"output_tokens":2,"input_tokens":5},"status":"success","type":"result"})");
    Outcome out = parser.finish({0, 0, false, {}});
    EXPECT_TRUE(out.success);
    EXPECT_EQ(out.session, "s1");
    EXPECT_EQ(out.text.substr(0, 3), "ok "); // the cut character is the SDK's to keep or mend
    EXPECT_EQ(out.usage.input, 5);
    EXPECT_EQ(out.usage.output, 2);
    EXPECT_EQ(out.turns, 1);
    EXPECT_EQ(parser.skipped_lines(), 2u);
}

TEST(GeminiParser, SurvivesRandomDamageToEveryFixture) {
    survive_mutations([] { return std::make_unique<GeminiParser>(); },
                      {"gemini/success.jsonl", "gemini/resume.jsonl", "gemini/retry.jsonl",
                       "gemini/error-auth.jsonl", "gemini/error-500.jsonl"});
}

} // namespace
