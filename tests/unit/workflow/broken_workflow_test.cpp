// A workflow with many different mistakes: every one is reported, none hides another.
#include "support.hpp"

using namespace gump;
using namespace gump::workflow;
using namespace gump::workflow::test;

TEST(BrokenWorkflow, ReportsEveryProblemAtItsPlace) {
    Parsed p = parse(R"(name = "Bad Name"
colour = "red"
[budget]
max_time = "3 days"

[[steps]]
kind = "code"
agent = "qwen"
prompt = "{nope}"

[[steps]]
name = "x"
kind = "gate"

[[steps]]
name = "x"
kind = "review"
agent = "qwen"
prompt = "ok"
[steps.retry]
ladder = [{ from = 2, agent = "claude-opus" }]

[[steps]]
name = "build"
kind = "group"
foreach = "x"
[[steps.steps]]
name = "impl"
kind = "code"
agent = "qwen"
prompt = "{item.name} {decompose.output}" # item.* is known: the group has a foreach
[steps.steps.guards]
max_turns = 0
[steps.steps.retry]
attempts = 3
[[steps.steps.retry.ladder]]
from = 5
session = "again"
)");
    ASSERT_TRUE(p.workflow); // the TOML parsed, so what was read comes back
    EXPECT_TRUE(has_diag(p.diags, 1, 8, {"workflow name 'Bad Name' is not valid"}));
    EXPECT_TRUE(has_diag(p.diags, 2, 1, {"unknown key 'colour' in the workflow"}));
    EXPECT_TRUE(has_diag(p.diags, 4, 12, {"max_time in [budget]", "not a duration"}));
    EXPECT_TRUE(has_diag(p.diags, 6, 1, {"a step has no name"}));
    EXPECT_TRUE(has_diag(p.diags, 9, 11, {"unknown template variable {nope}"}));
    EXPECT_TRUE(has_diag(p.diags, 11, 1, {"step 'x' (kind gate) has no gates"}));
    EXPECT_TRUE(has_diag(p.diags, 15, 1, {"a second step named 'x'", "fix:line 11"}));
    EXPECT_TRUE(has_diag(p.diags, 20, 1, {"the retry ladder of step 'x' has no attempt cap"}));
    EXPECT_TRUE(has_diag(p.diags, 26, 11, {"foreach in step 'build' names 'x', a review step"}));
    EXPECT_TRUE(has_diag(p.diags, 31, 23, {"step 'build/impl'", "there is no step 'decompose'"}));
    EXPECT_TRUE(has_diag(p.diags, 33, 13, {"max_turns in the guards of step 'build/impl' is 0"}));
    EXPECT_TRUE(has_diag(p.diags, 37, 8,
                         {"from = 5 in retry rung 1 of step 'build/impl' never "
                          "applies"}));
    EXPECT_TRUE(has_diag(p.diags, 38, 11,
                         {"session in retry rung 1 of step 'build/impl' is "
                          "\"again\""}));
    EXPECT_EQ(p.diags.error_count(), 13u) << p.diags.to_string();
}

TEST(BrokenWorkflow, DiagnosticsPrintAsFileLineColumnWithTheFix) {
    Parsed p = parse(with_steps("[[steps]]\nname = \"q\"\nkind = \"gate\"\ngates = [\"t\"]\n"
                                "gatess = 1\n"));
    EXPECT_EQ(p.diags.to_string(),
              "wf.toml:7:1: error: unknown key 'gatess' in step 'q' (did you mean 'gates'?)\n"
              "  fix: use one of: name, kind, agent, prompt, gates, session_from, guards, retry, "
              "foreach, parallel, steps\n");
}
