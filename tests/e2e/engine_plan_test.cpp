// Plans, groups and sessions end to end: a plan's items drive a group's children, the schema
// gate retries a bad plan, and a step can continue another step's session.
#include "engine_fixture.hpp"

namespace gump::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// A plan step `decompose` and a group `build` whose child `impl` runs once per item.
std::string plan_and_group_with(const std::string& gate, int attempts) {
    return R"(name = "w"
[[steps]]
name = "decompose"
kind = "plan"
agent = "cheap"
prompt = "Plan: {spec}"

[[steps]]
name = "build"
kind = "group"
foreach = "decompose"

[[steps.steps]]
name = "impl"
kind = "code"
agent = "cheap"
gates = [")" +
           gate + R"("]
prompt = "Build {item.name} (item {item.index}): {item.description}"

[steps.steps.retry]
attempts = )" +
           std::to_string(attempts) + "\n";
}

const std::string plan_and_group = plan_and_group_with("check", 2);

std::string plan_entry(const std::string& plan_json, int attempt = 0) {
    std::string out = "[[step]]\npath = \"decompose\"\n";
    if (attempt > 0) out += "attempt = " + std::to_string(attempt) + "\n";
    return out + "[[step.write]]\npath = \".gump/out/plan.json\"\ncontent = '" + plan_json + "'\n";
}

const char* const two_items =
    R"({"items":[{"name":"one","description":"ITEM_ONE_DESCRIPTION","files":["one.txt"]},)"
    R"({"name":"two","description":"ITEM_TWO_DESCRIPTION","files":["two.txt"]}]})";

std::vector<std::string> started_steps(const std::vector<json::object>& events) {
    std::vector<std::string> out;
    for (const auto& e : of_type(events, "step_started"))
        out.push_back(str(e, "step"));
    return out;
}

class EnginePlan : public EngineTest {
protected:
    void SetUp() override { standard_config("true"); }
};

TEST_F(EnginePlan, EachItemOfThePlanRunsTheGroupsChildren) {
    script("cheap", plan_entry(two_items) + R"(
[[step]]
path = "build/1/impl"
[[step.write]]
path = "one.txt"
[[step]]
path = "build/2/impl"
[[step.write]]
path = "two.txt"
)");
    commit();
    workflow("w", plan_and_group);

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    EXPECT_THAT(started_steps(evs),
                ElementsAre("decompose", "build", "build/1/impl", "build/2/impl"));
    auto items = of_type(evs, "group_items", "build");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(num(items[0], "items"), 2);
    EXPECT_EQ(str(of_type(evs, "step_started", "build/2/impl").at(0), "item"), "two");

    EXPECT_THAT(artifact(id, "build/1/impl/attempt-1/prompt.md"),
                HasSubstr("Build one (item 1): ITEM_ONE_DESCRIPTION"));
    EXPECT_THAT(artifact(id, "build/2/impl/attempt-1/prompt.md"),
                HasSubstr("Build two (item 2): ITEM_TWO_DESCRIPTION"));
    EXPECT_THAT(artifact(id, "decompose/attempt-1/output.json"), HasSubstr("ITEM_ONE"));
    EXPECT_TRUE(in_tree(branch(id), "one.txt"));
    EXPECT_TRUE(in_tree(branch(id), "two.txt"));
    json::object st = state(id);
    ASSERT_NE(state_step(st, "decompose"), nullptr);
    EXPECT_EQ(num(*state_step(st, "decompose"), "items"), 2);
    EXPECT_EQ(str(st, "status"), "pass");
}

TEST_F(EnginePlan, AnEmptyPlanPassesWithoutRunningTheChildren) {
    script("cheap", plan_entry(R"({"items":[]})") + "[[step]]\npath = \"build/*/impl\"\n");
    commit();
    workflow("w", plan_and_group);

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto evs = events(run_id());
    EXPECT_THAT(started_steps(evs), ElementsAre("decompose", "build"));
    EXPECT_EQ(num(of_type(evs, "group_items", "build").at(0), "items"), 0);
    EXPECT_EQ(of_type(evs, "attempt_started").size(), 1u);
}

TEST_F(EnginePlan, AnItemThatFailsEndsTheGroupBeforeTheNextItem) {
    standard_config("test -f done.txt");
    script("cheap", plan_entry(two_items) + "[[step]]\npath = \"build/*/impl\"\n");
    commit();
    workflow("w", plan_and_group);

    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    EXPECT_THAT(started_steps(evs), ElementsAre("decompose", "build", "build/1/impl"));
    EXPECT_EQ(of_type(evs, "attempt_started", "build/1/impl").size(), 2u);
    EXPECT_TRUE(of_type(evs, "attempt_started", "build/2/impl").empty());
    json::object st = state(id);
    EXPECT_EQ(state_step(st, "build/2/impl"), nullptr);
    EXPECT_EQ(str(st, "status"), "fail");
    ASSERT_NE(state_step(st, "build"), nullptr);
    EXPECT_EQ(str(*state_step(st, "build"), "status"), "fail");
}

TEST_F(EnginePlan, TheSchemaGateRetriesABadPlanAndTheGoodOneDrivesTheGroup) {
    const char* bad = R"({"items":[{"name":"bad-one","files":["x.txt"]}]})";
    const char* good =
        R"({"items":[{"name":"alpha","description":"build the alpha part of the thing"},)"
        R"({"name":"beta","description":"build the beta part of the thing"}]})";
    script("cheap",
           plan_entry(bad, 1) + plan_entry(good, 2) + "[[step]]\npath = \"build/*/impl\"\n");
    commit();
    std::string wf = plan_and_group;
    wf.replace(wf.find("prompt = \"Plan: {spec}\""),
               std::string("prompt = \"Plan: {spec}\"").size(),
               "prompt = \"Plan: {spec}\"\ngates = [\"schema\"]\n[steps.retry]\nattempts = 2");
    workflow("w", wf);

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    auto schema = of_type(evs, "gate_finished", "decompose");
    ASSERT_EQ(schema.size(), 2u);
    EXPECT_EQ(str(schema[0], "verdict"), "fail");
    EXPECT_EQ(str(schema[1], "verdict"), "pass");
    EXPECT_THAT(artifact(id, "decompose/attempt-2/prompt.md"), HasSubstr("description"));
    EXPECT_THAT(started_steps(evs),
                ElementsAre("decompose", "build", "build/1/impl", "build/2/impl"));
    EXPECT_EQ(str(of_type(evs, "step_started", "build/1/impl").at(0), "item"), "alpha");
    std::string prompt = artifact(id, "build/1/impl/attempt-1/prompt.md");
    EXPECT_THAT(prompt, HasSubstr("Build alpha (item 1): build the alpha part"));
    EXPECT_THAT(prompt, Not(HasSubstr("bad-one")));
}

TEST_F(EnginePlan, SessionFromContinuesAnEarlierStepsSession) {
    script("cheap", R"([[step]]
path = "one"
session = "sess-one"
[[step]]
path = "two"
session = "sess-two"
)");
    commit();
    workflow("w", R"(name = "w"
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
prompt = "Write the tests."
[[steps]]
name = "two"
kind = "code"
agent = "cheap"
session_from = "one"
prompt = "Now make them pass."
)");

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto evs = events(run_id());
    auto one = of_type(evs, "attempt_started", "one");
    auto two = of_type(evs, "attempt_started", "two");
    ASSERT_EQ(one.size(), 1u);
    ASSERT_EQ(two.size(), 1u);
    EXPECT_FALSE(one[0].at("resumed").as_bool());
    EXPECT_TRUE(two[0].at("resumed").as_bool());
    EXPECT_EQ(str(two[0], "session"), "sess-one");
    EXPECT_EQ(str(of_type(evs, "agent_finished", "two").at(0), "session"), "sess-one");
}

TEST_F(EnginePlan, SessionFromInsideAGroupContinuesTheSameItemsStep) {
    script("cheap", plan_entry(two_items) + R"(
[[step]]
path = "build/1/red"
session = "red-1"
[[step]]
path = "build/2/red"
session = "red-2"
[[step]]
path = "build/*/green"
session = "green"
)");
    commit();
    workflow("w", R"(name = "w"
[[steps]]
name = "decompose"
kind = "plan"
agent = "cheap"
prompt = "Plan."
[[steps]]
name = "build"
kind = "group"
foreach = "decompose"
[[steps.steps]]
name = "red"
kind = "code"
agent = "cheap"
prompt = "Tests for {item.name}."
[[steps.steps]]
name = "green"
kind = "code"
agent = "cheap"
session_from = "red"
prompt = "Make {item.name} pass; red ran in {red.session}."
)");

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    EXPECT_EQ(str(of_type(evs, "attempt_started", "build/1/green").at(0), "session"), "red-1");
    EXPECT_EQ(str(of_type(evs, "attempt_started", "build/2/green").at(0), "session"), "red-2");
    EXPECT_THAT(artifact(id, "build/2/green/attempt-1/prompt.md"),
                HasSubstr("Make two pass; red ran in red-2."));
}

TEST_F(EnginePlan, AReviewThatDoesNotPassIsRetriedWithItsComments) {
    script("cheap", R"([[step]]
path = "one"
[[step.write]]
path = "feature.txt"
[[step]]
path = "review"
attempt = 1
[[step.write]]
path = ".gump/out/verdict.json"
content = '{"pass": false, "comments": "REVIEW_SAYS_NO: feature.txt is empty"}'
[[step]]
path = "review"
attempt = 2
[[step.write]]
path = ".gump/out/verdict.json"
content = '{"pass": true, "comments": "fine now"}'
)");
    commit();
    workflow("w", R"(name = "w"
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
prompt = "Write feature.txt."
[[steps]]
name = "review"
kind = "review"
agent = "cheap"
prompt = "Review these files: {one.files}"
[steps.retry]
attempts = 2
)");

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    EXPECT_THAT(artifact(id, "review/attempt-1/prompt.md"), HasSubstr("feature.txt"));
    auto finished = of_type(events(id), "attempt_finished", "review");
    ASSERT_EQ(finished.size(), 2u);
    EXPECT_EQ(str(finished[0], "status"), "fail");
    EXPECT_EQ(str(finished[1], "status"), "pass");
    EXPECT_THAT(artifact(id, "review/attempt-2/prompt.md"), HasSubstr("REVIEW_SAYS_NO"));
    EXPECT_EQ(run_commits(id).size(), 1u); // the review changed nothing
}

// The old engine judged scope on the last attempt's commit only, so a file an earlier attempt
// put out of scope slipped through once the next attempt left it alone.
TEST_F(EnginePlan, ScopeIsJudgedOnTheWholeStepNotTheLastAttempt) {
    config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n"
           "[gates.scope]\nplugin = \"test-scope\"\n");
    workflow("w", plan_and_group_with("scope", 3));
    script("cheap",
           plan_entry(R"({"items":[{"name":"one","description":"d","files":["one.txt"]}]})") + R"(
[[step]]
path = "build/1/impl"
attempt = 1
[[step.write]]
path = "one.txt"
content = "1"
[[step.write]]
path = "stray.txt"
content = "out of scope"

[[step]]
path = "build/1/impl"
attempt = 2
[[step.write]]
path = "one.txt"
content = "2"

[[step]]
path = "build/1/impl"
attempt = 3
[[step.delete]]
path = "stray.txt"
)");
    commit();
    Outcome out = project.gump({"--plugin-dir", (binary_dir() / "test-plugins/engine").string(),
                                "run", "spec.md", "--workflow", "w"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    json::object run_state = state(id);
    const json::object* step = state_step(run_state, "build/1/impl");
    ASSERT_NE(step, nullptr);
    const auto& attempts = attempts_of(*step);
    ASSERT_EQ(attempts.size(), 3u);
    // Attempt 2 did not touch stray.txt, and still failed for it.
    EXPECT_EQ(str(attempts[1].as_object(), "status"), "fail");
    EXPECT_THAT(str(attempts[1].as_object(), "reason"), HasSubstr("scope"));
    EXPECT_THAT(artifact(id, "build/1/impl/attempt-2/error.txt"), HasSubstr("stray.txt"));
    EXPECT_EQ(str(attempts[2].as_object(), "status"), "pass");
    EXPECT_FALSE(in_tree(branch(id), "stray.txt"));
}

} // namespace
} // namespace gump::e2e
