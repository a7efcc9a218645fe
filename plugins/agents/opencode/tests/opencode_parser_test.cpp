// opencode 1.18.33's captured streams to gump's numbers.
#include "opencode_parser.hpp"

#include <agent_stream_harness.hpp>

namespace {

using namespace agent_test;
using opencode::OpencodeParser;

const char* const session_id = "ses_df29a839effeXuAX7hUk1tcexo";

Parsed run(const std::string& fixture, StreamParser::Start start = {}) {
    OpencodeParser parser(std::move(start));
    Parsed p = parse(parser, fixture);
    expect_well_formed(p);
    return p;
}

Parsed run_lines(const std::vector<std::string>& lines, Exit exit = {0, 0, false, {}}) {
    OpencodeParser parser;
    Parsed p = feed_lines(parser, lines, exit);
    expect_well_formed(p);
    return p;
}

std::string step_finish(const std::string& reason, const std::string& tokens,
                        const std::string& cost) {
    return R"({"type":"step_finish","sessionID":"s","part":{"type":"step-finish","reason":")" +
           reason + R"(","tokens":)" + tokens + R"(,"cost":)" + cost + "}}";
}
const std::string step_start =
    R"({"type":"step_start","sessionID":"s","part":{"type":"step-start"}})";

TEST(OpencodeParser, SuccessSumsTheStepsAndTheirCost) {
    Parsed p = run("opencode/success.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, session_id);
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
    EXPECT_EQ(p.outcome.usage.cache_read, 0);
    EXPECT_EQ(p.outcome.usage.cache_write, 0);
    // The capture's config prices the model at 3/15 USD per million: 2 x 0.00081.
    ASSERT_TRUE(p.outcome.cost_usd);
    EXPECT_DOUBLE_EQ(*p.outcome.cost_usd, 0.00162);
    EXPECT_FALSE(p.outcome.session_usage); // per invocation already: nothing to subtract later
    EXPECT_EQ(p.outcome.failure, Failure::none);
}

TEST(OpencodeParser, SuccessEventsComeInTheOrderTheWorkHappened) {
    Parsed p = run("opencode/success.jsonl");
    EXPECT_EQ(p.types(), (std::vector<std::string>{"session", "turn", "tool_call", "file_change",
                                                   "usage", "turn", "text", "usage"}));
    const json::object* call = p.last("tool_call");
    ASSERT_TRUE(call);
    EXPECT_EQ(call->at("name").as_string(), "write");
    EXPECT_EQ(call->at("summary").as_string(), "/home/dev/work/opencode-repo/hello.txt");
    const json::object* change = p.last("file_change");
    ASSERT_TRUE(change);
    EXPECT_EQ(change->at("path").as_string(), "/home/dev/work/opencode-repo/hello.txt");
    EXPECT_EQ(change->at("action").as_string(), "write");
    // Live usage is the invocation's total so far, not the step's.
    EXPECT_EQ(p.events[4].at("input_tokens").as_int64(), 120);
    EXPECT_EQ(p.last("usage")->at("input_tokens").as_int64(), 240);
    EXPECT_DOUBLE_EQ(p.last("usage")->at("cost_usd").as_double(), 0.00162);
}

TEST(OpencodeParser, ResumeReportsOnlyThisInvocation) {
    Parsed p = run("opencode/resume.jsonl", {true, {}, {}, {}});
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, session_id);
    EXPECT_EQ(p.outcome.text, "resumed ok");
    EXPECT_EQ(p.outcome.turns, 1);
    EXPECT_EQ(p.outcome.usage.input, 120);
    EXPECT_EQ(p.outcome.usage.output, 30);
    ASSERT_TRUE(p.outcome.cost_usd);
    EXPECT_DOUBLE_EQ(*p.outcome.cost_usd, 0.00081);
}

TEST(OpencodeParser, RetriedServerErrorStillSucceeds) {
    Parsed p = run("opencode/retry.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, "ses_df29a5d3affeL1klEfJQ613Mjc");
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
    EXPECT_DOUBLE_EQ(p.outcome.cost_usd.value_or(-1), 0.00162);
}

TEST(OpencodeParser, UnauthorizedIsAnAuthFailure) {
    Parsed p = run("opencode/error-auth.jsonl");
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::auth);
    EXPECT_EQ(p.outcome.session, "ses_df29a6a31ffeIzCRoVm9gI2d64");
    EXPECT_EQ(p.outcome.message, "mockllm: invalid api key");
    EXPECT_EQ(p.outcome.turns, 0);
    EXPECT_EQ(p.outcome.usage.input, 0);
    EXPECT_FALSE(p.outcome.cost_usd);
}

TEST(OpencodeParser, PersistentServerErrorIsTransient) {
    Parsed p = run("opencode/error-500.jsonl");
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::transient);
    EXPECT_EQ(p.outcome.session, "ses_df29a053cffeR6S7BSikhqm268");
    EXPECT_EQ(p.outcome.message, "mockllm: injected internal server error");
    EXPECT_EQ(p.outcome.turns, 0);
}

TEST(OpencodeParser, ZeroCostMeansNoPricesNotFree) {
    Parsed p = run_lines({step_start, step_finish("stop", R"({"input":7,"output":3})", "0")});
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.usage.input, 7);
    EXPECT_FALSE(p.outcome.cost_usd);
    EXPECT_FALSE(p.last("usage")->contains("cost_usd"));
}

TEST(OpencodeParser, ReasoningIsBilledAsOutputOnce) {
    // 1.18: output excludes reasoning (total = input + cache + output + reasoning).
    Parsed split = run_lines(
        {step_start,
         step_finish(
             "stop",
             R"({"total":190,"input":100,"output":30,"reasoning":20,"cache":{"read":40,"write":0}})",
             "0")});
    EXPECT_EQ(split.outcome.usage.input, 100);
    EXPECT_EQ(split.outcome.usage.output, 50);
    EXPECT_EQ(split.outcome.usage.cache_read, 40);
    // Older: output already holds it (total = input + cache + output).
    Parsed inside = run_lines(
        {step_start,
         step_finish(
             "stop",
             R"({"total":170,"input":100,"output":30,"reasoning":20,"cache":{"read":40,"write":0}})",
             "0")});
    EXPECT_EQ(inside.outcome.usage.output, 30);
}

TEST(OpencodeParser, ApplyPatchNamesItsFilesInTheMetadata) {
    Parsed p = run_lines(
        {step_start,
         R"({"type":"tool_use","sessionID":"s","part":{"type":"tool","tool":"apply_patch","state":{)"
         R"("status":"completed","input":{"patchText":"*** Begin Patch"},"metadata":{"files":[)"
         R"({"filePath":"/w/a.c","type":"update"},{"filePath":"/w/b.c","type":"add"},)"
         R"({"filePath":"/w/c.c","type":"delete"},{"filePath":"/w/d.c","type":"move","movePath":"/w/e.c"}]}}}})",
         R"({"type":"tool_use","sessionID":"s","part":{"type":"tool","tool":"edit","state":{)"
         R"("status":"error","input":{"filePath":"/w/f.c"},"error":"oldString not found"}}})",
         R"({"type":"tool_use","sessionID":"s","part":{"type":"tool","tool":"bash","state":{)"
         R"("status":"completed","input":{"command":"make test","description":"run tests"}}}})",
         step_finish("stop", R"({"input":1,"output":1})", "0")});
    std::vector<std::pair<std::string, std::string>> changes;
    std::vector<std::string> calls;
    for (const auto& e : p.events) {
        if (e.at("type") == "file_change")
            changes.emplace_back(e.at("path").as_string(), e.at("action").as_string());
        if (e.at("type") == "tool_call")
            calls.emplace_back(std::string(e.at("name").as_string()) + " " +
                               std::string(e.at("summary").as_string()));
    }
    EXPECT_EQ(changes, (std::vector<std::pair<std::string, std::string>>{{"/w/a.c", "edit"},
                                                                         {"/w/b.c", "write"},
                                                                         {"/w/c.c", "delete"},
                                                                         {"/w/d.c", "delete"},
                                                                         {"/w/e.c", "write"}}));
    EXPECT_EQ(calls,
              (std::vector<std::string>{"apply_patch /w/a.c", "edit /w/f.c", "bash make test"}));
}

TEST(OpencodeParser, AnErrorAfterTheStopStillFails) {
    auto lines = lines_of(fixture("opencode/success.jsonl"));
    lines.push_back(lines_of(fixture("opencode/error-500.jsonl"))[0]);
    Parsed p = run_lines(lines, {1, 0, false, {}});
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::transient);
    EXPECT_EQ(p.outcome.usage.input, 240); // what the work cost is kept
}

TEST(OpencodeParser, AStepAfterTheStopMustFinishToo) {
    auto lines = lines_of(fixture("opencode/success.jsonl"));
    lines.push_back(step_start);
    Parsed p = run_lines(lines);
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::crash);
    EXPECT_EQ(p.outcome.turns, 3);
}

TEST(OpencodeParser, ALastStepCutShortIsTheAgentsFailure) {
    Parsed p = run_lines({step_start, step_finish("length", R"({"input":9,"output":8000})", "0")});
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::agent);
    EXPECT_NE(p.outcome.message.find("length"), std::string::npos);
    EXPECT_EQ(p.outcome.usage.output, 8000);
}

TEST(OpencodeParser, ProviderAuthErrorWithoutStatusIsAuth) {
    Parsed p = run_lines({R"({"type":"error","sessionID":"s","error":{"name":"ProviderAuthError",)"
                          R"("data":{"providerID":"anthropic","message":"no key"}}})"},
                         {1, 0, false, {}});
    EXPECT_EQ(p.outcome.failure, Failure::auth);
    EXPECT_EQ(p.outcome.message, "no key");
}

TEST(OpencodeParser, NoStopIsACrashWhateverTheExitCode) {
    auto lines = lines_of(fixture("opencode/success.jsonl"));
    lines.pop_back();
    Parsed p = run_lines(lines);
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::crash);
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 120);
}

TEST(OpencodeParser, KilledWithoutStopIsATimeout) {
    Parsed p = run_lines({lines_of(fixture("opencode/success.jsonl"))[0]}, {143, 0, true, {}});
    EXPECT_EQ(p.outcome.failure, Failure::timeout);
}

TEST(OpencodeParser, FieldOrderUnknownEventsAndNoiseDoNotMatter) {
    OpencodeParser parser;
    parser.feed("\x1b[0m> build · test-model");
    parser.feed(R"({"part":{"type":"step-start"},"sessionID":"s1","type":"step_start"})");
    parser.feed(R"({"type":"reasoning","sessionID":"s1","part":{"text":"hmm"}})");
    parser.feed("\xff\xfe{garbage");
    parser.feed(std::string(R"({"part":{"text":"ok )") + "\xc3" +
                R"(","type":"text"},"type":"text","sessionID":"s1"})");
    parser.feed(
        R"({"sessionID":"s1","part":{"cost":0.5,"tokens":{"output":2,"input":5},"reason":"stop"},"type":"step_finish"})");
    parser.feed(R"({"type":"done","sessionID":"s1","reason":"idle"})");
    Outcome out = parser.finish({0, 0, false, {}});
    EXPECT_TRUE(out.success);
    EXPECT_EQ(out.session, "s1");
    EXPECT_EQ(out.text.substr(0, 3), "ok ");
    EXPECT_EQ(out.usage.input, 5);
    EXPECT_DOUBLE_EQ(out.cost_usd.value_or(0), 0.5);
    EXPECT_EQ(parser.skipped_lines(), 2u);
}

TEST(OpencodeParser, PromptWordsJoinBackToThePromptByteForByte) {
    for (std::string prompt :
         {"create hello.txt", "  two  spaces ", "say \"hi\"\nthen -x --help", "", "one"}) {
        auto words = opencode::prompt_words(prompt);
        std::string joined;
        for (size_t i = 0; i < words.size(); ++i) {
            EXPECT_EQ(words[i].find(' '), std::string::npos) << prompt;
            joined += (i ? " " : "") + words[i];
        }
        EXPECT_EQ(joined, prompt);
    }
    EXPECT_EQ(opencode::prompt_words("create hello.txt"),
              (std::vector<std::string>{"create", "hello.txt"}));
}

TEST(OpencodeParser, SurvivesRandomDamageToEveryFixture) {
    survive_mutations([] { return std::make_unique<OpencodeParser>(); },
                      {"opencode/success.jsonl", "opencode/resume.jsonl", "opencode/retry.jsonl",
                       "opencode/error-auth.jsonl", "opencode/error-500.jsonl"});
}

} // namespace
