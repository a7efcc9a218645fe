// One step: its name, its kind and what each kind must and must not have, gates and guards.
#include "support.hpp"

using namespace gump;
using namespace gump::workflow;
using namespace gump::workflow::test;

TEST(ParserStep, AStepNeedsANameAndAKind) {
    Parsed p = parse(with_steps("[[steps]]\nagent = \"qwen\"\n"));
    EXPECT_TRUE(has_diag(p.diags, 3, 1, {"a step has no name", "fix:add name = \"build\""}));
    EXPECT_TRUE(
        has_diag(p.diags, 3, 1, {"a step has no kind", "fix:plan, code, review, gate or group"}));
}

TEST(ParserStep, AnUnknownKindGetsADidYouMean) {
    Parsed p = parse(with_steps("[[steps]]\nname = \"e\"\nkind = \"codez\"\n"));
    EXPECT_TRUE(has_diag(p.diags, 5, 8,
                         {"kind in step 'e' is \"codez\", which is not a kind of "
                          "step (did you mean 'code'?)"}));
    EXPECT_EQ(p.diags.error_count(), 1u); // nothing else is judged without a kind
}

TEST(ParserStep, StepNamesAreLowerCaseWordsAndNotReserved) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "Build It"
kind = "gate"
gates = ["t"]
[[steps]]
name = "item"
kind = "gate"
gates = ["t"]
)"));
    EXPECT_TRUE(
        has_diag(p.diags, 4, 8, {"step name 'Build It' is not valid", "fix:build/1/Build It"}));
    EXPECT_TRUE(has_diag(p.diags, 8, 8, {"a step cannot be named 'item'", "{item.<field>}"}));
}

TEST(ParserStep, DuplicateNamesInOneScopeNameTheLineOfTheFirst) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "impl"
kind = "gate"
gates = ["t"]
[[steps]]
name = "impl"
kind = "gate"
gates = ["t"]
)"));
    EXPECT_TRUE(
        has_diag(p.diags, 7, 1,
                 {"a second step named 'impl' at the top level", "fix:the first is at line 3"}));
    EXPECT_EQ(p.diags.items().size(), 1u);
}

TEST(ParserStep, DuplicateNamesInsideAGroup) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "g"
kind = "group"
[[steps.steps]]
name = "a"
kind = "gate"
gates = ["t"]
[[steps.steps]]
name = "a"
kind = "gate"
gates = ["t"]
)"));
    EXPECT_TRUE(has_diag(p.diags, 10, 1,
                         {"a second step named 'a' in group 'g'", "fix:the first is at line 6"}));
}

TEST(ParserStep, TheSameNameInAnotherScopeIsFine) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "plan"
kind = "plan"
agent = "a"
prompt = "x"
[[steps]]
name = "g"
kind = "group"
foreach = "plan"
[[steps.steps]]
name = "plan"
kind = "code"
agent = "a"
prompt = "x"
)"));
    EXPECT_TRUE(p.diags.empty()) << p.diags.to_string();
}

TEST(ParserStep, AgentStepsNeedAnAgentAndAPrompt) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "a"
kind = "plan"
[[steps]]
name = "b"
kind = "review"
agent = "claude"
prompt = """
   
"""
)"));
    EXPECT_TRUE(has_diag(p.diags, 3, 1,
                         {"step 'a' (kind plan) has no agent", "fix:agent = \"claude-sonnet\""}));
    EXPECT_TRUE(has_diag(p.diags, 3, 1, {"step 'a' (kind plan) has no prompt", "fix:{spec}"}));
    EXPECT_TRUE(has_diag(p.diags, 10, 10, {"the prompt of step 'b' (kind review) is empty"}));
    EXPECT_EQ(p.diags.error_count(), 3u);
}

TEST(ParserStep, GateStepsHaveGatesAndNothingOfAnAgent) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "a"
kind = "code"
agent = "qwen"
prompt = "x"
[[steps]]
name = "b"
kind = "gate"
agent = "qwen"
prompt = "x"
session_from = "a"
[steps.guards]
max_turns = 3
[steps.retry]
attempts = 2
[[steps]]
name = "c"
kind = "gate"
[[steps]]
name = "d"
kind = "gate"
gates = []
)"));
    EXPECT_TRUE(has_diag(p.diags, 11, 1,
                         {"agent does not belong in step 'b' (kind gate): a gate "
                          "step runs no agent"}));
    EXPECT_TRUE(has_diag(p.diags, 12, 1, {"prompt does not belong in step 'b'"}));
    EXPECT_TRUE(has_diag(p.diags, 13, 1, {"session_from does not belong in step 'b'"}));
    EXPECT_TRUE(has_diag(p.diags, 14, 8, {"guards does not belong in step 'b'"}));
    EXPECT_TRUE(has_diag(
        p.diags, 16, 8, {"retry does not belong in step 'b'", "nothing changes between attempts"}));
    EXPECT_TRUE(
        has_diag(p.diags, 18, 1,
                 {"step 'c' (kind gate) has no gates", "fix:gates = [\"compile\", \"test\"]"}));
    EXPECT_TRUE(has_diag(p.diags, 24, 9, {"step 'd' (kind gate) has an empty list of gates"}));
    EXPECT_TRUE(has_diag(p.diags, 8, 1, {"step 'b' (kind gate) has no gates"}));
    EXPECT_EQ(p.diags.error_count(), 8u);
}

TEST(ParserStep, GroupStepsHaveStepsAndNoAgentOrGates) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "g"
kind = "group"
agent = "qwen"
prompt = "x"
gates = ["test"]
[[steps]]
name = "h"
kind = "group"
steps = []
[[steps]]
name = "i"
kind = "group"
parallel = true
[[steps.steps]]
name = "x"
kind = "gate"
gates = ["t"]
)"));
    EXPECT_TRUE(
        has_diag(p.diags, 3, 1, {"step 'g' (kind group) has no steps", "fix:[[steps.steps]]"}));
    EXPECT_TRUE(has_diag(p.diags, 6, 1, {"agent does not belong in step 'g' (kind group)"}));
    EXPECT_TRUE(has_diag(p.diags, 7, 1, {"prompt does not belong in step 'g'"}));
    EXPECT_TRUE(has_diag(p.diags, 8, 1, {"gates does not belong in step 'g'"}));
    EXPECT_TRUE(has_diag(p.diags, 9, 1, {"step 'h' (kind group) has no steps"}));
    EXPECT_TRUE(has_diag(p.diags, 16, 1, {"parallel in step 'i' (kind group) needs foreach"}));
    EXPECT_EQ(p.diags.error_count(), 6u);
}

TEST(ParserStep, OnlyGroupsHaveStepsForeachAndParallel) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "p"
kind = "plan"
agent = "qwen"
prompt = "x"
[[steps]]
name = "d"
kind = "code"
agent = "qwen"
prompt = "x"
foreach = "p"
parallel = false
[[steps.steps]]
name = "x"
kind = "gate"
gates = ["t"]
)"));
    EXPECT_TRUE(has_diag(
        p.diags, 13, 1, {"foreach does not belong in step 'd' (kind code)", "fix:inside a group"}));
    EXPECT_TRUE(has_diag(p.diags, 14, 1, {"parallel does not belong in step 'd'"}));
    EXPECT_TRUE(
        has_diag(p.diags, 15, 9, {"steps does not belong in step 'd'", "fix:kind = \"group\""}));
    EXPECT_EQ(p.diags.error_count(), 3u);
}

TEST(ParserStep, UnknownStepKeysGetADidYouMeanOrAHint) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "impl"
kind = "code"
agnet = "qwen"
agent = "qwen"
prompt = "x"
type = "code"
each = []
max_turns = 30
)"));
    EXPECT_TRUE(has_diag(p.diags, 6, 1,
                         {"unknown key 'agnet' in step 'impl' (did you mean "
                          "'agent'?)",
                          "fix:use one of: name, kind, agent"}));
    EXPECT_TRUE(has_diag(p.diags, 9, 1, {"unknown key 'type'", "fix:write kind = \"code\""}));
    EXPECT_TRUE(has_diag(p.diags, 10, 1, {"unknown key 'each'", "fix:foreach"}));
    EXPECT_TRUE(has_diag(p.diags, 11, 1, {"unknown key 'max_turns'", "fix:[steps.guards]"}));
    EXPECT_EQ(p.diags.error_count(), 4u);
}

TEST(ParserStep, GatesAreNamesOrInlineTables) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "q"
kind = "gate"
gates = ["", 3, { touched = ["a"] }, { gate = 5 }, "test", "test"]
[[steps]]
name = "r"
kind = "gate"
gates = "test"
)"));
    EXPECT_TRUE(has_diag(p.diags, 6, 10, {"an empty gate name in step 'q'"}));
    EXPECT_TRUE(has_diag(p.diags, 6, 14,
                         {"a gate in step 'q' must be a gate name or an inline "
                          "table, not an integer"}));
    EXPECT_TRUE(has_diag(
        p.diags, 6, 17,
        {"an inline gate in step 'q' has no gate = \"<name>\"", "fix:{ gate = \"files\""}));
    EXPECT_TRUE(has_diag(p.diags, 6, 47,
                         {"gate in an inline gate of step 'q' must be a gate "
                          "name, not an integer"}));
    EXPECT_TRUE(has_diag(p.diags, 6, 60, {"gate 'test' is listed twice"}, Severity::warning));
    EXPECT_TRUE(has_diag(p.diags, 10, 9, {"gates in step 'r' must be an array, not a string"}));
    EXPECT_EQ(p.diags.error_count(), 5u);
    ASSERT_TRUE(p.workflow);
    EXPECT_EQ(p.workflow->steps[0].gates.size(), 2u);
}

TEST(ParserStep, GuardsAreCheckedOneByOne) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "impl"
kind = "code"
agent = 7
prompt = "x"
[steps.guards]
max_turns = "ten"
max_time = "forever"
no_write = "yes"
max_cost = -1
max_tokens = 0
max_turn = 3
timeout = "1m"
)"));
    EXPECT_TRUE(has_diag(p.diags, 6, 9, {"agent in step 'impl' must be a string, not an integer"}));
    EXPECT_TRUE(has_diag(p.diags, 9, 13,
                         {"max_turns in the guards of step 'impl' must be a whole "
                          "number, not a string"}));
    EXPECT_TRUE(has_diag(p.diags, 10, 12,
                         {"max_time in the guards of step 'impl' is \"forever\", "
                          "which is not a duration"}));
    EXPECT_TRUE(has_diag(p.diags, 11, 12,
                         {"no_write in the guards of step 'impl' must be true or "
                          "false, not a string"}));
    EXPECT_TRUE(has_diag(p.diags, 12, 12,
                         {"max_cost in the guards of step 'impl' must be more "
                          "than 0"}));
    EXPECT_TRUE(has_diag(p.diags, 13, 14, {"max_tokens in the guards of step 'impl' is 0"}));
    EXPECT_TRUE(has_diag(p.diags, 14, 1,
                         {"unknown key 'max_turn' in the guards of step 'impl' "
                          "(did you mean 'max_turns'?)"}));
    EXPECT_TRUE(has_diag(p.diags, 15, 1, {"unknown key 'timeout'", "fix:max_time = \"20m\""}));
    EXPECT_EQ(p.diags.error_count(), 8u);
}

TEST(ParserStep, GuardsMayBeAnInlineTableButNotAString) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "a"
kind = "code"
agent = "q"
prompt = "x"
guards = { max_turns = 3 }
[[steps]]
name = "b"
kind = "code"
agent = "q"
prompt = "x"
guards = "strict"
)"));
    EXPECT_TRUE(has_diag(p.diags, 14, 10, {"guards in step 'b' must be a table, not a string"}));
    EXPECT_EQ(p.diags.items().size(), 1u);
    EXPECT_EQ(*p.workflow->steps[0].guards.max_turns, 3);
}
