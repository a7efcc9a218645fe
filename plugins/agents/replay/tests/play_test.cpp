#include "play.hpp"

#include "fake_host.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

using namespace replay;
using replay_test::FakeHost;
using replay_test::TempDir;
namespace json = boost::json;

namespace {

const char* const two_turns = R"(
[[step]]
path = "build/*/impl"
text = "Added the handler and its test."
turns = 2
input_tokens = 1200
output_tokens = 301
cache_read_tokens = 10
cost_usd = 0.08
[[step.write]]
path = "src/healthz.c"
content = "int healthz(void) { return 200; }\n"
[[step.edit]]
path = "src/server.c"
find = "route(a);"
replace = "route(a);\nroute(healthz);"
[[step.delete]]
path = "old.c"
)";

struct Fixture : ::testing::Test {
    Fixture() {
        wt.write("src/server.c", "route(a);\n");
        wt.write("old.c", "gone soon\n");
        request.worktree = wt.path();
        request.step = "build/2/impl";
    }

    json::object play(const std::string& text, long long delay_ms = 0) {
        script = parse_script(text, "replay.toml");
        return play_entry(fake.host(), script.steps.at(0), request, delay_ms);
    }

    TempDir wt;
    FakeHost fake;
    RunRequest request;
    Script script;
};

using Play = Fixture;

} // namespace

TEST_F(Play, TurnsCarryTheirShareOfTheWorkAndTheRunningUsage) {
    json::object result = play(two_turns);
    EXPECT_EQ(fake.types(),
              (std::vector<std::string>{"session", "turn", "tool_call", "file_change", "usage",
                                        "turn", "tool_call", "file_change", "tool_call",
                                        "file_change", "usage", "text"}));
    const auto& e = fake.events;
    EXPECT_EQ(e[0].at("id").as_string(), default_session("build/*/impl"));
    EXPECT_EQ(e[1].at("number"), 1);
    EXPECT_EQ(e[2], (json::object{
                        {"type", "tool_call"}, {"name", "write"}, {"summary", "src/healthz.c"}}));
    EXPECT_EQ(e[3], (json::object{
                        {"type", "file_change"}, {"path", "src/healthz.c"}, {"action", "write"}}));
    EXPECT_EQ(e[4].at("input_tokens"), 600);
    EXPECT_EQ(e[4].at("output_tokens"), 150);
    EXPECT_EQ(e[4].at("cache_read_tokens"), 5);
    EXPECT_DOUBLE_EQ(e[4].at("cost_usd").as_double(), 0.04);
    EXPECT_EQ(e[6].at("name"), "edit");
    EXPECT_EQ(e[9].at("action"), "delete");
    EXPECT_EQ(e[10].at("input_tokens"), 1200);
    EXPECT_EQ(e[10].at("output_tokens"), 301);
    EXPECT_EQ(e[10].at("cost_usd"), 0.08);
    EXPECT_EQ(e[11].at("text"), "Added the handler and its test.");

    EXPECT_EQ(wt.read("src/healthz.c"), "int healthz(void) { return 200; }\n");
    EXPECT_EQ(wt.read("src/server.c"), "route(a);\nroute(healthz);\n");
    EXPECT_FALSE(std::filesystem::exists(wt / "old.c"));

    EXPECT_EQ(result.at("success"), true);
    EXPECT_EQ(result.at("session").as_string(), default_session("build/*/impl"));
    EXPECT_EQ(result.at("text"), "Added the handler and its test.");
    EXPECT_EQ(result.at("turns"), 2);
    EXPECT_EQ(result.at("usage"), (json::object{{"input_tokens", 1200},
                                                {"output_tokens", 301},
                                                {"cache_read_tokens", 10},
                                                {"cache_write_tokens", 0}}));
    EXPECT_EQ(result.at("cost_usd"), 0.08);
    EXPECT_EQ(result.at("cost_source"), "reported");
    EXPECT_FALSE(result.contains("failure"));
}

TEST_F(Play, AResumedSessionKeepsItsId) {
    request.session = "qwen-7f3a";
    json::object result = play("[[step]]\npath = \"build/2/impl\"\nsession = \"other\"\n");
    EXPECT_EQ(fake.events.at(0).at("id"), "qwen-7f3a");
    EXPECT_EQ(result.at("session"), "qwen-7f3a");
}

TEST_F(Play, WithoutACostTheCostIsUnknown) {
    json::object result = play("[[step]]\npath = \"build/2/impl\"\ninput_tokens = 5\n");
    EXPECT_FALSE(fake.events.at(2).contains("cost_usd"));
    EXPECT_TRUE(result.at("cost_usd").is_null());
    EXPECT_EQ(result.at("cost_source"), "unknown");
}

TEST_F(Play, CancellationStopsAtOnceAndReturnsWhatWasDone) {
    fake.cancel_after = 5; // session, turn 1, tool_call, file_change, usage: then a guard trips
    json::object result = play(two_turns);
    EXPECT_EQ(fake.types(),
              (std::vector<std::string>{"session", "turn", "tool_call", "file_change", "usage"}));
    EXPECT_TRUE(std::filesystem::exists(wt / "src/healthz.c"));
    EXPECT_EQ(wt.read("src/server.c"), "route(a);\n"); // turn 2 never ran
    EXPECT_TRUE(std::filesystem::exists(wt / "old.c"));
    EXPECT_EQ(result.at("success"), false);
    EXPECT_EQ(result.at("failure"),
              (json::object{{"class", "agent"}, {"message", "stopped by gump"}}));
    EXPECT_EQ(result.at("turns"), 1);
    EXPECT_EQ(result.at("usage").at("input_tokens"), 600);
    EXPECT_DOUBLE_EQ(result.at("cost_usd").as_double(), 0.04);
    EXPECT_EQ(result.at("text"), "");
}

TEST_F(Play, CancellationBeforeTheFirstUsageReportsNothingUsed) {
    fake.cancel_after = 3; // session, turn 1, tool_call
    json::object result = play(two_turns);
    EXPECT_EQ(fake.types(), (std::vector<std::string>{"session", "turn", "tool_call"}));
    EXPECT_FALSE(std::filesystem::exists(wt / "src/healthz.c")); // the guard came first
    EXPECT_EQ(result.at("turns"), 1);
    EXPECT_EQ(result.at("usage").at("input_tokens"), 0);
    EXPECT_EQ(result.at("cost_usd"), 0.0);
    EXPECT_EQ(result.at("cost_source"), "reported");
}

TEST_F(Play, CancelledBeforeStartingDoesNothing) {
    fake.cancel_after = 0;
    json::object result = play(two_turns);
    EXPECT_TRUE(fake.events.empty());
    EXPECT_FALSE(std::filesystem::exists(wt / "src/healthz.c"));
    EXPECT_EQ(result.at("success"), false);
    EXPECT_EQ(result.at("turns"), 0);
}

TEST_F(Play, CancellationCutsATurnDelayShort) {
    fake.cancel_after = 1; // after the session event, during the first pause
    auto start = std::chrono::steady_clock::now();
    json::object result = play(two_turns, 60'000);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
    EXPECT_EQ(fake.types(), (std::vector<std::string>{"session"}));
    EXPECT_EQ(result.at("turns"), 0);
}

TEST_F(Play, AScriptedFailureStillAnswers) {
    json::object result = play(R"([[step]]
path = "build/2/impl"
text = "I cannot find the server."
success = false
failure_class = "agent"
failure_message = "the agent gave up"
)");
    EXPECT_EQ(fake.types().back(), "text");
    EXPECT_EQ(result.at("success"), false);
    EXPECT_EQ(result.at("text"), "I cannot find the server.");
    EXPECT_EQ(result.at("failure"),
              (json::object{{"class", "agent"}, {"message", "the agent gave up"}}));
}

TEST_F(Play, AFailedEditEndsTheAttemptAsTheAgentsFailure) {
    json::object result = play(R"([[step]]
path = "build/2/impl"
text = "never said"
[[step.edit]]
path = "src/server.c"
find = "route(zzz);"
replace = "x"
[[step.delete]]
path = "old.c"
)");
    EXPECT_EQ(fake.types(), (std::vector<std::string>{"session", "turn", "tool_call"}));
    EXPECT_EQ(result.at("success"), false);
    EXPECT_EQ(result.at("failure").at("class"), "agent");
    std::string message(result.at("failure").at("message").as_string());
    EXPECT_NE(message.find("edit of src/server.c failed: its find text occurs 0 times"),
              std::string::npos)
        << message;
    EXPECT_TRUE(std::filesystem::exists(wt / "old.c"));
}

TEST_F(Play, TheStreamGoesToTheArtifactsDirectory) {
    TempDir artifacts;
    request.artifacts_dir = (artifacts / "attempt-1").string(); // created on demand
    play(two_turns);
    std::string stream = artifacts.read("attempt-1/stream.jsonl");
    std::string expected;
    for (const auto& e : fake.events)
        expected += json::serialize(e) + "\n";
    EXPECT_EQ(stream, expected);
}
