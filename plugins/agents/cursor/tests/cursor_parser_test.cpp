// cursor-agent's streams to gump's numbers. The fixtures are constructed from the documented
// format (tests/fixtures/agents/cursor/README.md); the inline streams below copy the shapes of
// public captures of cursor-agent 2026.09.23 (model_call_id suffixes, parallel tools, the
// concatenated result text).
#include "cursor_parser.hpp"

#include <agent_stream_harness.hpp>

#include <fstream>
#include <sstream>

namespace {

using namespace agent_test;
using cursor::CursorParser;
using gump::sdk::Usage;

constexpr const char* session_a = "5d3f8a21-9c4e-4b7a-8e12-6f0a3c9b7d54";
constexpr const char* hello = "/home/dev/work/cursor-repo/hello.txt";

Parsed run(const std::string& fixture_name, StreamParser::Start start = {}) {
    CursorParser parser(std::move(start));
    Parsed p = parse(parser, fixture_name);
    expect_well_formed(p);
    return p;
}

// Cursor reports its failures on stderr only: those fixtures keep it beside them.
std::string stderr_of(const std::string& name) {
    std::ifstream in(fixture(name), std::ios::binary);
    EXPECT_TRUE(in) << name;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Parsed run_failing(const std::string& name) {
    CursorParser parser;
    Parsed p = parse(parser, "cursor/" + name + ".jsonl",
                     {-1, 0, false, stderr_of("cursor/" + name + ".stderr")});
    expect_well_formed(p);
    return p;
}

Parsed feed(const std::vector<std::string>& lines, Exit exit = {0, 0, false, {}}) {
    CursorParser parser;
    Parsed p = feed_lines(parser, lines, exit);
    expect_well_formed(p);
    return p;
}

std::vector<std::string> values_of(const Parsed& p, const std::string& type,
                                   const std::string& field) {
    std::vector<std::string> out;
    for (const auto& e : p.events)
        if (e.at("type").as_string() == type) out.emplace_back(e.at(field).as_string());
    return out;
}

TEST(CursorParser, SuccessIsTwoTurnsWithoutACost) {
    Parsed p = run("cursor/success.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, session_a);
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
    EXPECT_EQ(p.outcome.usage.cache_read, 0);
    EXPECT_EQ(p.outcome.usage.cache_write, 0);
    EXPECT_FALSE(p.outcome.cost_usd); // gump estimates it
    EXPECT_FALSE(p.outcome.session_usage);
    EXPECT_EQ(p.outcome.failure, Failure::none);
}

TEST(CursorParser, SuccessEventsComeInTheOrderTheWorkHappened) {
    Parsed p = run("cursor/success.jsonl");
    EXPECT_EQ(p.types(), (std::vector<std::string>{"session", "turn", "tool_call", "file_change",
                                                   "turn", "text", "usage"}));
    const json::object* call = p.last("tool_call");
    ASSERT_TRUE(call);
    EXPECT_EQ(call->at("name").as_string(), "edit");
    EXPECT_EQ(call->at("summary").as_string(), hello);
    const json::object* change = p.last("file_change");
    ASSERT_TRUE(change);
    EXPECT_EQ(change->at("path").as_string(), hello);
    EXPECT_EQ(change->at("action").as_string(), "write"); // the edit tool created the file
    const json::object* usage = p.last("usage");
    EXPECT_EQ(usage->at("input_tokens").as_int64(), 240);
    EXPECT_EQ(usage->at("output_tokens").as_int64(), 60);
    EXPECT_FALSE(usage->contains("cost_usd"));
}

TEST(CursorParser, ResumeReportsItsOwnNumbersWhichCursorAlreadyGives) {
    // Even with the session's earlier numbers known, nothing is subtracted: Cursor's usage
    // counts this invocation only.
    Parsed p = run("cursor/resume.jsonl", {true, Usage{240, 60, 0, 0}, std::nullopt, {}});
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, session_a);
    EXPECT_EQ(p.outcome.text, "resumed ok");
    EXPECT_EQ(p.outcome.turns, 1);
    EXPECT_EQ(p.outcome.usage.input, 120);
    EXPECT_EQ(p.outcome.usage.output, 30);
    EXPECT_FALSE(p.outcome.cost_usd);
    EXPECT_FALSE(p.outcome.session_usage);
    EXPECT_EQ(p.types(), (std::vector<std::string>{"session", "turn", "text", "usage"}));
}

TEST(CursorParser, RetriedServerErrorStillSucceeds) {
    Parsed p = run("cursor/retry.jsonl");
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.session, "c81e4b5d-2f07-4a93-b6d8-5e1f9a0c7b32");
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(p.outcome.usage.input, 240);
    EXPECT_EQ(p.outcome.usage.output, 60);
    EXPECT_FALSE(p.outcome.cost_usd);
    EXPECT_EQ(values_of(p, "file_change", "path"), std::vector<std::string>{hello});
}

TEST(CursorParser, RejectedKeyOnStderrIsAnAuthFailure) {
    Parsed p = run_failing("error-auth");
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::auth);
    EXPECT_EQ(p.outcome.message,
              "⚠ Warning: The provided API key is invalid. The API key was loaded from the "
              "CURSOR_API_KEY environment variable. Please check you have the right key, create "
              "a new one, or authenticate without it.");
    EXPECT_EQ(p.outcome.session, "");
    EXPECT_EQ(p.outcome.turns, 0);
    EXPECT_EQ(p.outcome.usage.input, 0);
    EXPECT_EQ(p.outcome.usage.output, 0);
    EXPECT_FALSE(p.outcome.cost_usd);
    EXPECT_TRUE(p.events.empty());
}

TEST(CursorParser, NotLoggedInIsAnAuthFailure) {
    Parsed p = feed({}, {1, 0, false,
                         "Error: Authentication required. Please run 'cursor-agent login' first, "
                         "or set CURSOR_API_KEY environment variable.\n"});
    EXPECT_EQ(p.outcome.failure, Failure::auth);
    EXPECT_NE(p.outcome.message.find("cursor-agent login"), std::string::npos);
}

TEST(CursorParser, ServerErrorOnStderrIsTransientAndKeepsTheSession) {
    Parsed p = run_failing("error-500");
    EXPECT_FALSE(p.outcome.success);
    EXPECT_EQ(p.outcome.failure, Failure::transient);
    EXPECT_EQ(p.outcome.message, "Error: [unavailable] HTTP 500 Internal Server Error");
    EXPECT_EQ(p.outcome.session, "0f7b2c6e-9a14-4d58-8e3b-b1c5d7a9e260");
    EXPECT_EQ(p.outcome.turns, 0);
    EXPECT_EQ(p.outcome.usage.input, 0);
    EXPECT_FALSE(p.outcome.cost_usd);
    EXPECT_EQ(p.types(), std::vector<std::string>{"session"});
}

TEST(CursorParser, AFailedResultIsClassifiedByItsText) {
    Parsed auth = feed({R"({"type":"result","subtype":"error","is_error":true,)"
                        R"("result":"ConnectError: [unauthenticated] Error","session_id":"s1"})"},
                       {1, 0, false, {}});
    EXPECT_EQ(auth.outcome.failure, Failure::auth);
    EXPECT_EQ(auth.outcome.session, "s1");
    EXPECT_EQ(auth.outcome.message, "ConnectError: [unauthenticated] Error");

    Parsed server = feed({R"({"type":"result","is_error":true,"result":"API Error: 500 upstream",)"
                          R"("usage":{"inputTokens":120,"outputTokens":0}})"});
    EXPECT_EQ(server.outcome.failure, Failure::transient);
    EXPECT_EQ(server.outcome.usage.input, 120); // spent before it failed

    Parsed vague = feed({R"({"type":"result","subtype":"error_during_execution"})"});
    EXPECT_FALSE(vague.outcome.success);
    EXPECT_EQ(vague.outcome.failure, Failure::agent);
    EXPECT_EQ(vague.outcome.message, "error_during_execution");
}

TEST(CursorParser, FinalTextIsTheLastMessageNotTheConcatenatedResult) {
    Parsed p = feed({
        R"({"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"I'll create it."}]},"session_id":"s","model_call_id":"r-0-ab12","timestamp_ms":1})",
        R"({"type":"tool_call","subtype":"started","call_id":"c1","tool_call":{"shellToolCall":{"args":{"command":"touch a.txt"}}},"model_call_id":"r-0-ab12","session_id":"s"})",
        R"({"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"done"}]},"session_id":"s"})",
        R"({"type":"result","subtype":"success","is_error":false,"result":"I'll create it.done","session_id":"s","usage":{"inputTokens":10,"outputTokens":2,"cacheReadTokens":7,"cacheWriteTokens":3}})",
    });
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.text, "done");
    EXPECT_EQ(p.outcome.turns, 2);
    EXPECT_EQ(values_of(p, "text", "text"), (std::vector<std::string>{"I'll create it.", "done"}));
    EXPECT_EQ(values_of(p, "tool_call", "summary"), std::vector<std::string>{"touch a.txt"});
    EXPECT_EQ(p.count("file_change"), 0u); // a shell command's files show in the snapshot only
    EXPECT_EQ(p.outcome.usage.cache_read, 7);
    EXPECT_EQ(p.outcome.usage.cache_write, 3);
}

TEST(CursorParser, EachModelCallIsOneTurnWithParallelTools) {
    // Three requests: -0 reads and creates in parallel, -1 edits, the untagged one answers.
    Parsed p = feed({
        R"({"type":"system","subtype":"init","session_id":"s","model":"Auto"})",
        R"({"type":"assistant","message":{"content":[{"type":"text","text":"Editing."}]},"session_id":"s","model_call_id":"r-0-vgxj"})",
        R"({"type":"tool_call","subtype":"started","call_id":"a\nb_0","tool_call":{"readToolCall":{"args":{"path":"/w/notes.md"}},"toolCallId":"a\nb_0"},"model_call_id":"r-0-vgxj","session_id":"s"})",
        R"({"type":"tool_call","subtype":"started","call_id":"a\nb_1","tool_call":{"editToolCall":{"args":{"path":"/w/plan.md","streamContent":"# plan\n"}},"hookAdditionalContexts":[]},"model_call_id":"r-0-vgxj","session_id":"s"})",
        R"({"type":"tool_call","subtype":"completed","call_id":"a\nb_0","tool_call":{"readToolCall":{"args":{"path":"/w/notes.md"},"result":{"success":{"content":"x"}}}},"model_call_id":"r-0-vgxj","session_id":"s"})",
        R"({"type":"tool_call","subtype":"completed","call_id":"a\nb_1","tool_call":{"editToolCall":{"args":{"path":"/w/plan.md"},"result":{"success":{"path":"/w/plan.md","diffString":"--- /dev/null\n+++ b//w/plan.md\n@@ -1,0 +1 @@\n+# plan"}}}},"model_call_id":"r-0-vgxj","session_id":"s"})",
        R"({"type":"thinking","subtype":"delta","text":"now the edit","session_id":"s"})",
        R"({"type":"tool_call","subtype":"started","call_id":"c_0","tool_call":{"editToolCall":{"args":{"path":"/w/notes.md"}}},"model_call_id":"r-1-m3sy","session_id":"s"})",
        R"({"type":"tool_call","subtype":"completed","call_id":"c_0","tool_call":{"editToolCall":{"args":{"path":"/w/notes.md"},"result":{"success":{"path":"/w/notes.md","diffString":"--- a//w/notes.md\n+++ b//w/notes.md","beforeFullFileContent":"x"}}}},"model_call_id":"r-1-m3sy","session_id":"s"})",
        R"({"type":"thinking","subtype":"completed","session_id":"s"})",
        R"({"type":"assistant","message":{"content":[{"type":"text","text":"changed"}]},"session_id":"s"})",
        R"({"type":"result","subtype":"success","is_error":false,"result":"Editing.changed","session_id":"s","usage":{"inputTokens":300,"outputTokens":40}})",
    });
    EXPECT_TRUE(p.outcome.success);
    EXPECT_EQ(p.outcome.turns, 3);
    EXPECT_EQ(p.outcome.text, "changed");
    EXPECT_EQ(values_of(p, "tool_call", "name"),
              (std::vector<std::string>{"read", "edit", "edit"}));
    EXPECT_EQ(values_of(p, "file_change", "path"),
              (std::vector<std::string>{"/w/plan.md", "/w/notes.md"}));
    EXPECT_EQ(values_of(p, "file_change", "action"), (std::vector<std::string>{"write", "edit"}));
    EXPECT_EQ(p.types(), (std::vector<std::string>{"session", "turn", "text", "tool_call",
                                                   "tool_call", "file_change", "turn", "tool_call",
                                                   "file_change", "turn", "text", "usage"}));
}

TEST(CursorParser, WithoutModelCallIdsAMessageAfterAToolIsTheNextTurn) {
    Parsed p = feed({
        R"({"type":"assistant","message":{"content":[{"type":"text","text":"Writing."}]},"session_id":"s"})",
        R"({"type":"tool_call","subtype":"started","tool_call":{"writeToolCall":{"args":{"path":"summary.txt","fileText":"x"}}},"session_id":"s"})",
        R"({"type":"tool_call","subtype":"completed","tool_call":{"writeToolCall":{"args":{"path":"summary.txt"},"result":{"success":{"path":"/p/summary.txt","linesCreated":19,"fileSize":942}}}},"session_id":"s"})",
        R"({"type":"assistant","message":{"content":[{"type":"text","text":"Wrote"}]},"session_id":"s"})",
        R"({"type":"assistant","message":{"content":[{"type":"text","text":" it."}]},"session_id":"s"})",
        R"({"type":"result","subtype":"success","is_error":false,"result":"Writing.Wrote it.","session_id":"s"})",
    });
    EXPECT_EQ(p.outcome.turns, 2); // two messages in a row are one request
    EXPECT_EQ(values_of(p, "file_change", "path"), std::vector<std::string>{"/p/summary.txt"});
    EXPECT_EQ(values_of(p, "file_change", "action"), std::vector<std::string>{"write"});
    EXPECT_EQ(p.count("usage"), 0u); // no usage object, nothing to report
}

TEST(CursorParser, OnlySucceededToolsChangeFiles) {
    Parsed p = feed({
        R"({"type":"tool_call","subtype":"started","tool_call":{"deleteToolCall":{"args":{"path":"/w/old.txt"}}},"model_call_id":"r-0-x"})",
        R"({"type":"tool_call","subtype":"completed","tool_call":{"deleteToolCall":{"args":{"path":"/w/old.txt"},"result":{"success":{}}}},"model_call_id":"r-0-x"})",
        R"({"type":"tool_call","subtype":"started","tool_call":{"editToolCall":{"args":{"path":"/w/ro.txt"}}},"model_call_id":"r-0-x"})",
        R"({"type":"tool_call","subtype":"completed","tool_call":{"editToolCall":{"args":{"path":"/w/ro.txt"},"result":{"error":{"error":"permission denied"}}}},"model_call_id":"r-0-x"})",
        R"({"type":"tool_call","subtype":"started","tool_call":{"toolCallId":"t","grepToolCall":{"args":{"pattern":"TODO","path":"/w"}}},"model_call_id":"r-0-x"})",
        R"({"type":"tool_call","subtype":"started","tool_call":{"newThing":{"args":{"x":1}}},"model_call_id":"r-0-x"})",
        R"({"type":"tool_call","subtype":"started","tool_call":{},"model_call_id":"r-0-x"})",
    });
    EXPECT_EQ(values_of(p, "tool_call", "name"),
              (std::vector<std::string>{"delete", "edit", "grep", "newThing", "unknown"}));
    EXPECT_EQ(values_of(p, "file_change", "path"), std::vector<std::string>{"/w/old.txt"});
    EXPECT_EQ(values_of(p, "file_change", "action"), std::vector<std::string>{"delete"});
    const json::object& grep = p.events.at(4);
    EXPECT_EQ(grep.at("name").as_string(), "grep");
    EXPECT_EQ(grep.at("summary").as_string(), "TODO"); // the pattern, not the directory
    EXPECT_EQ(p.outcome.turns, 1);
    EXPECT_EQ(p.outcome.failure, Failure::crash); // and no result
}

TEST(CursorParser, NoResultEventIsACrashWhateverTheExitCode) {
    CursorParser parser;
    Outcome out = without_last_line(parser, "cursor/success.jsonl", {0, 0, false, {}});
    EXPECT_FALSE(out.success);
    EXPECT_EQ(out.failure, Failure::crash);
    EXPECT_EQ(out.turns, 2);
    EXPECT_EQ(out.session, session_a);
    EXPECT_EQ(out.usage.input, 0); // usage arrives with the result only
}

TEST(CursorParser, ExitOneWithNothingOnStderrIsACrash) {
    Parsed p = run("cursor/error-auth.jsonl");
    EXPECT_EQ(p.outcome.failure, Failure::crash);
}

TEST(CursorParser, KilledWithoutResultIsATimeoutWhateverStderrSays) {
    CursorParser parser;
    parser.feed(lines_of(fixture("cursor/success.jsonl"))[0]);
    Outcome out = parser.finish({143, 0, true, "Error: [unavailable] HTTP 503"});
    EXPECT_EQ(out.failure, Failure::timeout);
    EXPECT_EQ(out.session, session_a);
}

TEST(CursorParser, ErrorWordingsOfCursorAreClassified) {
    EXPECT_EQ(cursor::classify("⚠ Workspace Trust Required"), Failure::config);
    EXPECT_EQ(cursor::classify("error: unknown option '--trust'"), Failure::config);
    EXPECT_EQ(cursor::classify("ConnectError: [resource_exhausted] rate limited"),
              Failure::transient);
    EXPECT_EQ(cursor::classify("ConnectError: [deadline_exceeded]"), Failure::transient);
    EXPECT_EQ(cursor::classify("Error: Not authenticated"), Failure::auth);
    EXPECT_EQ(cursor::classify("something odd"), Failure::agent);
}

TEST(CursorParser, LongStderrIsCutOnACharacterBoundary) {
    std::string text = "Error: [internal] " + std::string(480, 'x') + "ééééééééé";
    Outcome out = feed({}, {1, 0, false, text}).outcome;
    EXPECT_EQ(out.failure, Failure::transient);
    EXPECT_LE(out.message.size(), 500u);
    EXPECT_EQ(gump::sdk::detail::valid_utf8(out.message), out.message);
}

TEST(CursorParser, FieldOrderUnknownEventsAndNoiseDoNotMatter) {
    CursorParser parser;
    parser.feed("Loading models…");
    parser.feed(R"({"type":"connection","subtype":"reconnecting","whatever":[1,2,3]})");
    parser.feed(R"({"session_id":"s1","subtype":"init","type":"system"})");
    parser.feed("\xff\xfe{garbage");
    parser.feed(R"({"message":{"content":[{"text":"hi","type":"text"}]},"type":"assistant"})");
    // A cut multi-byte character inside the final text, `type` in the middle.
    parser.feed(
        std::string(R"({"result":"ok )") + "\xc3" +
        R"(","is_error":false,"type":"result","usage":{"outputTokens":2,"inputTokens":5}})");
    Outcome out = parser.finish({0, 0, false, {}});
    EXPECT_TRUE(out.success);
    EXPECT_EQ(out.session, "s1");
    EXPECT_EQ(out.text, "hi");
    EXPECT_EQ(out.turns, 1);
    EXPECT_EQ(out.usage.input, 5);
    EXPECT_EQ(out.usage.output, 2);
    EXPECT_EQ(parser.skipped_lines(), 2u);
}

TEST(CursorParser, NegativeOrHugeCountsNeverGoNegative) {
    Outcome out = feed({R"({"type":"result","is_error":false,"result":"x",)"
                        R"("usage":{"inputTokens":-5,"outputTokens":1e30,"cacheReadTokens":"7"}})"})
                      .outcome;
    EXPECT_TRUE(out.success);
    EXPECT_EQ(out.usage.input, 0);
    EXPECT_GE(out.usage.output, 0);
    EXPECT_EQ(out.usage.cache_read, 0);
}

TEST(CursorParser, SurvivesRandomDamageToEveryFixture) {
    survive_mutations([] { return std::make_unique<CursorParser>(); },
                      {"cursor/success.jsonl", "cursor/resume.jsonl", "cursor/retry.jsonl",
                       "cursor/error-auth.jsonl", "cursor/error-500.jsonl"});
}

} // namespace
