// The top of a workflow file: TOML syntax, name, description, inputs, budget, the steps list.
#include "support.hpp"

using namespace gump;
using namespace gump::workflow;
using namespace gump::workflow::test;

TEST(ParserRoot, ReadsAFullWorkflow) {
    Parsed p = parse(R"(name = "full"
description = "all of it"
inputs = ["diff", "spec"]
[budget]
max_cost = 2.5
max_time = "1h30m"
max_tokens = 3_000_000

[[steps]]
name = "plan"
kind = "plan"
agent = "claude-opus"
prompt = "split {spec} {input.diff}"
gates = ["schema", { gate = "files", touched = ["**/*.cpp"], strict = true }]
[steps.guards]
max_turns = 5
max_tokens = 200_000
max_time = "20m"
max_cost = 1.5
no_write = false

[[steps]]
name = "build"
kind = "group"
foreach = "plan"
parallel = true
[[steps.steps]]
name = "impl"
kind = "code"
agent = "qwen"
prompt = "{item.name} after {plan.output}"
session_from = "plan"
[steps.steps.retry]
attempts = 3
[[steps.steps.retry.ladder]]
from = 2
prompt = "again: {error}"
session = "new"
reset = true
[[steps.steps.retry.ladder]]
from = 3
agent = "claude-opus"

[[steps]]
name = "check"
kind = "gate"
gates = ["test"]
)");
    ASSERT_TRUE(p.workflow);
    EXPECT_TRUE(p.diags.empty()) << p.diags.to_string();
    const Workflow& wf = *p.workflow;
    EXPECT_EQ(wf.name, "full");
    EXPECT_EQ(wf.description, "all of it");
    EXPECT_EQ(wf.inputs, (std::vector<std::string>{"diff", "spec"}));
    EXPECT_EQ(wf.path, "wf.toml");
    EXPECT_EQ(*wf.budget.max_cost, 2.5);
    EXPECT_EQ(*wf.budget.max_time_ms, 5'400'000);
    EXPECT_EQ(*wf.budget.max_tokens, 3'000'000);
    ASSERT_EQ(wf.steps.size(), 3u);

    const Step& plan = wf.steps[0];
    EXPECT_EQ(plan.kind, StepKind::plan);
    EXPECT_EQ(plan.pos.line, 9);
    EXPECT_EQ(plan.agent, "claude-opus");
    EXPECT_EQ(plan.agent_pos.line, 12);
    EXPECT_EQ(plan.agent_pos.column, 9);
    EXPECT_EQ(plan.prompt.text, "split {spec} {input.diff}");
    EXPECT_EQ(plan.prompt.pos.line, 13);
    ASSERT_EQ(plan.gates.size(), 2u);
    EXPECT_EQ(plan.gates[0].name, "schema");
    EXPECT_TRUE(plan.gates[0].params.empty());
    EXPECT_EQ(plan.gates[1].name, "files");
    EXPECT_EQ(plan.gates[1].params.at("touched").as_array().at(0), "**/*.cpp");
    EXPECT_EQ(plan.gates[1].params.at("strict"), true);
    EXPECT_FALSE(plan.gates[1].params.contains("gate"));
    EXPECT_EQ(plan.gates[1].pos.line, 14);
    EXPECT_EQ(plan.gates[1].pos.column, 20);
    EXPECT_EQ(*plan.guards.max_turns, 5);
    EXPECT_EQ(*plan.guards.max_tokens, 200'000);
    EXPECT_EQ(*plan.guards.max_time_ms, 1'200'000);
    EXPECT_EQ(*plan.guards.max_cost, 1.5);
    EXPECT_EQ(plan.guards.no_write, false);

    const Step& build = wf.steps[1];
    EXPECT_EQ(build.kind, StepKind::group);
    EXPECT_EQ(build.foreach, "plan");
    EXPECT_TRUE(build.parallel);
    ASSERT_EQ(build.steps.size(), 1u);
    const Step& impl = build.steps[0];
    EXPECT_EQ(impl.session_from, "plan");
    EXPECT_EQ(impl.retry.attempts, 3);
    ASSERT_EQ(impl.retry.ladder.size(), 2u);
    const RetryRung& second = impl.retry.ladder[0];
    EXPECT_EQ(second.from, 2);
    EXPECT_FALSE(second.agent);
    EXPECT_TRUE(second.new_session);
    EXPECT_TRUE(second.reset);
    EXPECT_EQ(second.prompt->text, "again: {error}");
    const RetryRung& third = impl.retry.ladder[1];
    EXPECT_EQ(third.from, 3);
    EXPECT_EQ(*third.agent, "claude-opus");
    EXPECT_EQ(third.agent_pos.line, 42);
    EXPECT_FALSE(third.new_session);
    EXPECT_FALSE(third.reset);

    EXPECT_EQ(wf.steps[2].kind, StepKind::gate);
    EXPECT_EQ(wf.steps[2].retry.attempts, 1); // the default
}

TEST(ParserRoot, ASyntaxErrorIsOneDiagnosticAtItsPosition) {
    Parsed p = parse("name = \"w\"\nsteps = [1,\n");
    EXPECT_FALSE(p.workflow);
    ASSERT_EQ(p.diags.items().size(), 1u);
    EXPECT_TRUE(has_diag(p.diags, 2, 13, {"not valid TOML", "fix:TOML syntax"}));
}

TEST(ParserRoot, ARedefinedKeyIsASyntaxError) {
    Parsed p = parse("name = \"w\"\nname = \"v\"\n");
    EXPECT_FALSE(p.workflow);
    ASSERT_EQ(p.diags.items().size(), 1u);
    EXPECT_EQ(p.diags.items()[0].pos.line, 2);
}

TEST(ParserRoot, MissingNameAndStepsAreReportedAtTheTop) {
    Parsed p = parse("description = \"x\"\n");
    ASSERT_TRUE(p.workflow);
    EXPECT_TRUE(has_diag(p.diags, 1, 1, {"the workflow has no name", "fix:add name = "}));
    EXPECT_TRUE(has_diag(p.diags, 1, 1, {"the workflow has no steps", "fix:[[steps]]"}));
    EXPECT_EQ(p.diags.error_count(), 2u);
}

TEST(ParserRoot, NamesMustBeLowerCaseWords) {
    Parsed p =
        parse("name = \"My Flow\"\n[[steps]]\nname = \"q\"\nkind = \"gate\"\ngates = [\"t\"]\n");
    EXPECT_TRUE(has_diag(
        p.diags, 1, 8, {"workflow name 'My Flow' is not valid", "fix:lower-case letters, digits"}));
    EXPECT_EQ(p.diags.items().size(), 1u);
}

TEST(ParserRoot, UnknownRootKeysGetADidYouMeanAtTheKey) {
    Parsed p = parse(with_steps("descripton = \"x\"\n[[steps]]\nname = \"q\"\nkind = \"gate\"\n"
                                "gates = [\"t\"]\n"));
    EXPECT_TRUE(has_diag(p.diags, 3, 1,
                         {"unknown key 'descripton' in the workflow (did you mean 'description'?)",
                          "fix:use one of: name, description, inputs, budget, steps"}));
}

TEST(ParserRoot, KeysFromTheYamlFormatGetTheirNewSpelling) {
    Parsed p = parse(with_steps("max_budget = 3\n[[steps]]\nname = \"q\"\nkind = \"gate\"\n"
                                "gates = [\"t\"]\n"));
    EXPECT_TRUE(has_diag(p.diags, 3, 1,
                         {"unknown key 'max_budget'", "fix:max_cost = 10.0 in a [budget] table"}));
}

TEST(ParserRoot, WrongTypesSayWhatIsExpectedAndWhatWasFound) {
    Parsed p = parse(R"(name = 3
description = ["x"]
inputs = "diff"
budget = 10
steps = "all"
)");
    EXPECT_TRUE(has_diag(p.diags, 1, 8, {"name in the workflow must be a string, not an integer"}));
    EXPECT_TRUE(has_diag(p.diags, 2, 15, {"description", "must be a string, not an array"}));
    EXPECT_TRUE(has_diag(p.diags, 3, 10, {"inputs", "must be an array of strings, not a string"}));
    EXPECT_TRUE(has_diag(p.diags, 4, 10,
                         {"budget", "must be a table, not an integer", "fix:[budget] table"}));
    EXPECT_TRUE(has_diag(p.diags, 5, 9,
                         {"steps", "must be an array, not a string", "fix:[[steps]] tables"}));
    EXPECT_EQ(p.diags.error_count(), 5u);
}

TEST(ParserRoot, BudgetValuesAreChecked) {
    Parsed p = parse(with_steps(R"([budget]
max_cost = 0
max_time = "3 days"
max_tokens = -5
max_costs = 1
[[steps]]
name = "q"
kind = "gate"
gates = ["t"]
)"));
    EXPECT_TRUE(has_diag(p.diags, 4, 12, {"max_cost in [budget] must be more than 0"}));
    EXPECT_TRUE(has_diag(p.diags, 5, 12,
                         {"max_time in [budget] is \"3 days\", which is not a "
                          "duration",
                          "fix:\"1h30m\""}));
    EXPECT_TRUE(has_diag(p.diags, 6, 14, {"max_tokens in [budget] is -5; it must be between 1"}));
    EXPECT_TRUE(has_diag(p.diags, 7, 1,
                         {"unknown key 'max_costs' in [budget] (did you mean "
                          "'max_cost'?)"}));
    EXPECT_EQ(p.diags.error_count(), 4u);
}

TEST(ParserRoot, AnIntegerCostIsFineAndAHugeDurationIsNotACrash) {
    Parsed p = parse(with_steps(R"([budget]
max_cost = 10
max_time = "99999999999999999999999h"
[[steps]]
name = "q"
kind = "gate"
gates = ["t"]
)"));
    ASSERT_TRUE(p.workflow);
    EXPECT_EQ(*p.workflow->budget.max_cost, 10.0);
    EXPECT_TRUE(has_diag(p.diags, 5, 12, {"not a duration"}));
}

TEST(ParserRoot, InputsAreNamesDeclaredOnce) {
    Parsed p = parse(with_steps(R"(inputs = ["diff", "Bad Input", "diff", 3]
[[steps]]
name = "q"
kind = "gate"
gates = ["t"]
)"));
    EXPECT_TRUE(has_diag(p.diags, 3, 40,
                         {"every entry of inputs", "must be a string, not an "
                                                   "integer"}));
    Parsed q = parse(with_steps(R"(inputs = ["diff", "Bad Input", "diff"]
[[steps]]
name = "q"
kind = "gate"
gates = ["t"]
)"));
    EXPECT_TRUE(has_diag(q.diags, 3, 19, {"input name 'Bad Input' is not valid"}));
    EXPECT_TRUE(has_diag(q.diags, 3, 32, {"input 'diff' is declared twice"}));
    EXPECT_EQ(q.workflow->inputs, std::vector<std::string>{"diff"});
}

TEST(ParserRoot, AnEmptyListOfStepsIsAnError) {
    Parsed p = parse("name = \"w\"\nsteps = []\n");
    EXPECT_TRUE(has_diag(p.diags, 2, 9, {"the workflow's list of steps is empty"}));
}

TEST(ParserRoot, AStepMustBeATable) {
    Parsed p = parse("name = \"w\"\nsteps = [\"build\"]\n");
    EXPECT_TRUE(
        has_diag(p.diags, 2, 10, {"a step must be a table, not a string", "fix:[[steps]] table"}));
}
