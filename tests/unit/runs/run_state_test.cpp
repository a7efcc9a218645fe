// state.json: what the engine writes after every change, and what report and status read.
#include "runs/run_state.hpp"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace gump::runs {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

RunState full_state() {
    RunState s;
    s.run = "20261125-104207-ab12";
    s.workflow = "cheap2sota";
    s.spec = "spec.md";
    s.status = "fail";
    s.reason = "build/2/impl: all 5 attempts failed";
    s.started_at = "2026-11-25T10:42:07Z";
    s.updated_at = "2026-11-25T10:43:00Z";
    s.duration_ms = 52345;
    s.cost_usd = 0.83;
    s.cost_partial = true;
    s.turns = 8;
    s.tokens = {12400, 980, 50000, 1200};
    s.budget_usd = 10.0;
    s.current_step = "build/2/impl";
    s.current_attempt = 2;

    StepRecord plan;
    plan.path = "decompose";
    plan.kind = "plan";
    plan.status = "pass";
    plan.items = 2;
    plan.duration_ms = 10000;
    AttemptRecord a;
    a.number = 1;
    a.agent = "claude-sonnet";
    a.plugin = "replay";
    a.model = "claude-sonnet-4";
    a.replay = true;
    a.session = "s-1";
    a.status = "pass";
    a.turns = 3;
    a.tokens = {100, 200, 300, 400};
    a.cost_usd = 0.2;
    a.cost_source = "reported";
    a.duration_ms = 9000;
    a.started_at = "2026-11-25T10:42:08Z";
    a.commit = "0123456789abcdef";
    a.files = {".gump/out/plan.json"};
    a.gates = {{"schema", "plan-schema", "pass", "2 items", 12}};
    plan.attempts.push_back(a);

    StepRecord impl;
    impl.path = "build/2/impl";
    impl.kind = "code";
    impl.status = "fail";
    impl.reason = "test did not pass";
    impl.duration_ms = 30000;
    AttemptRecord b;
    b.number = 1;
    b.agent = "qwen";
    b.plugin = "qwen-code";
    b.status = "fail";
    b.reason = "test did not pass";
    b.error = "test failed (exit 2)\nexpected 200";
    b.guard = "max_turns";
    b.turns = 61;
    b.cost_usd = 0.05;
    b.cost_source = "unknown";
    b.files = {"src/a.c", "src/b.c"};
    b.gates = {{"compile", "command", "pass", "compiled", 800},
               {"test", "command", "fail", "test failed (exit 2)", 2100}};
    AttemptRecord c = b;
    c.number = 2;
    c.agent = "claude-haiku";
    c.how = "claude-haiku";
    c.resumed = true;
    c.status = "running";
    impl.attempts = {b, c};

    StepRecord group;
    group.path = "build";
    group.kind = "group";
    group.status = "running";

    s.steps = {plan, group, impl};
    return s;
}

TEST(RunState, AFullStateRoundTrips) {
    RunState s = full_state();
    json::object written = to_json(s);
    // Through text, as state.json is.
    auto read = state_from_json(json::parse(json::serialize(written)));
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(json::serialize(to_json(*read)), json::serialize(written));

    // And field by field, so a field both sides forget is still noticed.
    EXPECT_EQ(read->run, s.run);
    EXPECT_EQ(read->reason, s.reason);
    EXPECT_EQ(read->duration_ms, 52345);
    EXPECT_DOUBLE_EQ(read->cost_usd, 0.83);
    EXPECT_TRUE(read->cost_partial);
    EXPECT_EQ(read->turns, 8);
    EXPECT_EQ(read->tokens.input, 12400);
    EXPECT_EQ(read->tokens.output, 980);
    EXPECT_EQ(read->tokens.cache_read, 50000);
    EXPECT_EQ(read->tokens.cache_write, 1200);
    ASSERT_TRUE(read->budget_usd);
    EXPECT_DOUBLE_EQ(*read->budget_usd, 10.0);
    EXPECT_EQ(read->current_step, "build/2/impl");
    EXPECT_EQ(read->current_attempt, 2);
    ASSERT_EQ(read->steps.size(), 3u);
    const StepRecord& plan = read->steps[0];
    EXPECT_EQ(plan.items, 2);
    ASSERT_EQ(plan.attempts.size(), 1u);
    EXPECT_TRUE(plan.attempts[0].replay);
    EXPECT_EQ(plan.attempts[0].model, "claude-sonnet-4");
    EXPECT_EQ(plan.attempts[0].tokens.cache_write, 400);
    EXPECT_EQ(plan.attempts[0].commit, "0123456789abcdef");
    const StepRecord& impl = read->steps[2];
    EXPECT_EQ(impl.path, "build/2/impl");
    ASSERT_EQ(impl.attempts.size(), 2u);
    EXPECT_EQ(impl.attempts[0].error, "test failed (exit 2)\nexpected 200");
    EXPECT_EQ(impl.attempts[0].guard, "max_turns");
    EXPECT_EQ(impl.attempts[0].cost_source, "unknown");
    EXPECT_THAT(impl.attempts[0].files, ElementsAre("src/a.c", "src/b.c"));
    ASSERT_EQ(impl.attempts[0].gates.size(), 2u);
    EXPECT_EQ(impl.attempts[0].gates[1].name, "test");
    EXPECT_EQ(impl.attempts[0].gates[1].plugin, "command");
    EXPECT_EQ(impl.attempts[0].gates[1].verdict, "fail");
    EXPECT_EQ(impl.attempts[0].gates[1].summary, "test failed (exit 2)");
    EXPECT_EQ(impl.attempts[0].gates[1].duration_ms, 2100);
    EXPECT_EQ(impl.attempts[1].how, "claude-haiku");
    EXPECT_TRUE(impl.attempts[1].resumed);
    EXPECT_EQ(impl.attempts[1].number, 2);
}

TEST(RunState, NoBudgetIsNoKey) {
    RunState s;
    s.run = "r";
    s.status = "pass";
    json::object o = to_json(s);
    EXPECT_FALSE(o.contains("budget_usd"));
    auto read = state_from_json(o);
    ASSERT_TRUE(read);
    EXPECT_FALSE(read->budget_usd);
}

TEST(RunState, AMissingRunOrStatusIsAnError) {
    auto no_run = state_from_json(json::parse(R"({"status": "pass"})"));
    ASSERT_FALSE(no_run);
    EXPECT_THAT(no_run.error().message, HasSubstr("\"run\""));
    auto no_status = state_from_json(json::parse(R"({"run": "r1"})"));
    ASSERT_FALSE(no_status);
    EXPECT_THAT(no_status.error().message, HasSubstr("\"status\""));
    EXPECT_FALSE(state_from_json(json::parse(R"({"run": 1, "status": "pass"})")));
    EXPECT_FALSE(state_from_json(json::parse("[1, 2]")));
    EXPECT_FALSE(state_from_json(json::parse("\"text\"")));
}

TEST(RunState, FieldsOfTheWrongTypeReadAsAbsent) {
    auto read = state_from_json(json::parse(R"({
        "run": "r1", "status": "pass", "workflow": 3, "turns": "eight", "cost_usd": "0.5",
        "cost_partial": "yes", "tokens": [1, 2], "budget_usd": "10", "current_attempt": null,
        "steps": [
            "not a step",
            {"path": "impl", "kind": 4, "items": "2", "attempts": {"number": 1}},
            {"path": "x", "attempts": [
                7,
                {"number": "2", "agent": "qwen", "replay": 1, "tokens": {"input": "9"},
                 "files": ["a.c", 5], "gates": ["x", {"name": "test", "duration_ms": "3"}]}
            ]}
        ]})"));
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->workflow, "");
    EXPECT_EQ(read->turns, 0);
    EXPECT_EQ(read->cost_usd, 0.0);
    EXPECT_FALSE(read->cost_partial);
    EXPECT_EQ(read->tokens.total(), 0);
    EXPECT_FALSE(read->budget_usd);
    EXPECT_EQ(read->current_attempt, 0);
    ASSERT_EQ(read->steps.size(), 2u);
    EXPECT_EQ(read->steps[0].path, "impl");
    EXPECT_EQ(read->steps[0].kind, "");
    EXPECT_EQ(read->steps[0].items, 0);
    EXPECT_TRUE(read->steps[0].attempts.empty());
    ASSERT_EQ(read->steps[1].attempts.size(), 1u);
    const AttemptRecord& a = read->steps[1].attempts[0];
    EXPECT_EQ(a.number, 0);
    EXPECT_EQ(a.agent, "qwen");
    EXPECT_FALSE(a.replay);
    EXPECT_EQ(a.tokens.input, 0);
    EXPECT_THAT(a.files, ElementsAre("a.c"));
    ASSERT_EQ(a.gates.size(), 1u);
    EXPECT_EQ(a.gates[0].name, "test");
    EXPECT_EQ(a.gates[0].duration_ms, 0);
}

// The tolerant readers use to_number<long long>(), which throws for a number that is not exactly an
// integer (1.5, 1e30): a state.json with "duration_ms": 1500.5 makes state_from_json throw instead
// of reading the field as absent, and `gump report` / `gump status` die on it. The same reader
// (runs/json_fields.hpp integer()) reads agent plugins' events ("turn" number, "usage" tokens) in
// engine/agent_runner.cpp, where the exception would cross the plugin's C emit() call.
TEST(RunState, ANumberThatIsNotAnIntegerDoesNotThrow) {
    json::value v = json::parse(
        R"({"run": "r1", "status": "pass", "duration_ms": 1500.5, "turns": 1e30,
            "steps": [{"path": "impl", "attempts": [{"number": 1.5}]}]})");
    EXPECT_NO_THROW({
        auto read = state_from_json(v);
        EXPECT_TRUE(read);
    });
}

TEST(RunState, UnknownKeysAreIgnored) {
    auto read = state_from_json(json::parse(R"({"run": "r", "status": "pass", "future": {}})"));
    ASSERT_TRUE(read);
    EXPECT_EQ(read->status, "pass");
}

TEST(RunState, TokensAddUpAndFindLocatesAStep) {
    Tokens t{1, 2, 3, 4};
    t += Tokens{10, 20, 30, 40};
    EXPECT_EQ(t.input, 11);
    EXPECT_EQ(t.output, 22);
    EXPECT_EQ(t.cache_read, 33);
    EXPECT_EQ(t.cache_write, 44);
    EXPECT_EQ(t.total(), 110);

    RunState s = full_state();
    ASSERT_NE(s.find("build/2/impl"), nullptr);
    EXPECT_EQ(s.find("build/2/impl")->kind, "code");
    EXPECT_EQ(s.find("impl"), nullptr);
}

} // namespace
} // namespace gump::runs
