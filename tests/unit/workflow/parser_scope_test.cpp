// What a step may refer to: foreach, session_from and template variables, by scope.
#include "support.hpp"

using namespace gump;
using namespace gump::workflow;
using namespace gump::workflow::test;

TEST(ParserScope, ForeachNamesAnEarlierPlanStep) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "early"
kind = "code"
agent = "q"
prompt = "x"
[[steps]]
name = "a"
kind = "group"
foreach = "early"
[[steps.steps]]
name = "x"
kind = "gate"
gates = ["t"]
[[steps]]
name = "b"
kind = "group"
foreach = "decompose"
[[steps.steps]]
name = "y"
kind = "gate"
gates = ["t"]
[[steps]]
name = "c"
kind = "group"
foreach = "decompos"
[[steps.steps]]
name = "z"
kind = "gate"
gates = ["t"]
[[steps]]
name = "decompose"
kind = "plan"
agent = "q"
prompt = "x"
)"));
    EXPECT_TRUE(has_diag(p.diags, 11, 11,
                         {"foreach in step 'a' names 'early', a code step; it "
                          "needs a plan step",
                          "fix:add a plan step before this step"}));
    EXPECT_TRUE(has_diag(p.diags, 19, 11,
                         {"foreach in step 'b' names 'decompose', which does not "
                          "run before it"}));
    EXPECT_TRUE(has_diag(p.diags, 27, 11,
                         {"foreach in step 'c' names 'decompos', but no step has "
                          "that name"}));
    EXPECT_EQ(p.diags.error_count(), 3u);
}

TEST(ParserScope, ForeachMayNameAPlanStepOfAnEnclosingScope) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "plan"
kind = "plan"
agent = "q"
prompt = "x"
[[steps]]
name = "outer"
kind = "group"
[[steps.steps]]
name = "inner"
kind = "group"
foreach = "plan"
[[steps.steps.steps]]
name = "x"
kind = "gate"
gates = ["t"]
)"));
    EXPECT_TRUE(p.diags.empty()) << p.diags.to_string();
}

TEST(ParserScope, ForeachSuggestsTheClosePlanStep) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "decompose"
kind = "plan"
agent = "q"
prompt = "x"
[[steps]]
name = "build"
kind = "group"
foreach = "decompse"
[[steps.steps]]
name = "x"
kind = "gate"
gates = ["t"]
)"));
    EXPECT_TRUE(has_diag(p.diags, 11, 11,
                         {"names 'decompse', but no step has that name (did you "
                          "mean 'decompose'?)",
                          "fix:name a plan step that runs before it: 'decompose'"}));
}

TEST(ParserScope, SessionFromNamesAnEarlierStepWithAnAgent) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "check"
kind = "gate"
gates = ["t"]
[[steps]]
name = "red"
kind = "code"
agent = "q"
prompt = "x"
[[steps]]
name = "a"
kind = "code"
agent = "q"
prompt = "x"
session_from = "check"
[[steps]]
name = "b"
kind = "code"
agent = "q"
prompt = "x"
session_from = "b"
[[steps]]
name = "c"
kind = "code"
agent = "q"
prompt = "x"
session_from = "later"
[[steps]]
name = "d"
kind = "code"
agent = "q"
prompt = "x"
session_from = "red"
[[steps]]
name = "later"
kind = "code"
agent = "q"
prompt = "x"
)"));
    EXPECT_TRUE(has_diag(p.diags, 17, 16,
                         {"session_from in step 'a' names 'check', a gate step; "
                          "it needs a plan, code or review step",
                          "fix:'red'"}));
    EXPECT_TRUE(has_diag(p.diags, 23, 16, {"names 'b', the step itself"}));
    EXPECT_TRUE(has_diag(p.diags, 29, 16, {"names 'later', which does not run before it"}));
    EXPECT_EQ(p.diags.error_count(), 3u);
}

TEST(ParserScope, AStepInsideAnotherGroupIsNotVisible) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "g"
kind = "group"
[[steps.steps]]
name = "red"
kind = "code"
agent = "q"
prompt = "x"
[[steps]]
name = "green"
kind = "code"
agent = "q"
prompt = "{red.output}"
session_from = "red"
)"));
    EXPECT_TRUE(has_diag(p.diags, 16, 16,
                         {"names 'red', which does not run before it in its "
                          "group or an enclosing one"}));
    EXPECT_TRUE(has_diag(p.diags, 15, 11,
                         {"prompt of step 'green': {red.output}: step 'red' does "
                          "not run before this step"}));
}

TEST(ParserScope, TemplateVariablesAreCheckedAtTheirOwnPosition) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "impl"
kind = "code"
agent = "q"
prompt = """
Do this: {spec} (attempt {attempt} of {max_attempts})
Item: {item.name} and {sepc}
Also {later.output} and {{literal}} and {error} {diff}
"""
[[steps]]
name = "later"
kind = "code"
agent = "q"
prompt = "x {impl.output} {impl.verdict} {impl} {input.diff} { broken"
)"));
    EXPECT_TRUE(has_diag(p.diags, 9, 7,
                         {"prompt of step 'impl': {item.name} is only set inside a "
                          "group with foreach"}));
    EXPECT_TRUE(has_diag(p.diags, 9, 23,
                         {"unknown template variable {sepc} (did you mean "
                          "'spec'?)",
                          "fix:{spec}, {attempt}"}));
    EXPECT_TRUE(has_diag(p.diags, 10, 6, {"{later.output}: step 'later' does not run before"}));
    EXPECT_TRUE(has_diag(p.diags, 16, 27,
                         {"prompt of step 'later': step 'impl' (kind code) has "
                          "no 'verdict'",
                          "fix:{impl.output}"}));
    EXPECT_TRUE(has_diag(p.diags, 16, 42, {"unknown template variable {impl}"}));
    EXPECT_TRUE(has_diag(p.diags, 16, 49,
                         {"{input.diff} names an input the workflow does not "
                          "declare",
                          "fix:add \"diff\" to inputs"}));
    EXPECT_TRUE(has_diag(p.diags, 16, 62, {"'{' is not closed on its line", "fix:{{"}));
    EXPECT_EQ(p.diags.error_count(), 7u);
}

TEST(ParserScope, ItemVariablesAreKnownInsideAGroupWithForeachAtAnyDepth) {
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
name = "inner"
kind = "group"
[[steps.steps.steps]]
name = "impl"
kind = "code"
agent = "a"
prompt = "{item.name} {item.files} {item.index} {item.description} {plan.output} {spec}"
[[steps.steps.steps]]
name = "fix"
kind = "code"
agent = "a"
prompt = "{impl.diff} {impl.session} {item.title}"
)"));
    EXPECT_TRUE(has_diag(p.diags, 24, 38,
                         {"items have no field 'title'", "fix:{item.name}, {item.description}"}));
    EXPECT_EQ(p.diags.items().size(), 1u);
}

TEST(ParserScope, FieldsDependOnTheKindOfTheEarlierStep) {
    Parsed p = parse(with_steps(R"(inputs = ["diff"]
[[steps]]
name = "r"
kind = "review"
agent = "a"
prompt = "{input.diff}"
[[steps]]
name = "g"
kind = "gate"
gates = ["t"]
[[steps]]
name = "grp"
kind = "group"
[[steps.steps]]
name = "c"
kind = "gate"
gates = ["t"]
[[steps]]
name = "last"
kind = "code"
agent = "a"
prompt = "{r.verdict} {r.comments} {r.session} {g.output} {g.summary} {grp.diff} {g.session} {grp.output}"
)"));
    EXPECT_TRUE(has_diag(p.diags, 24, 82, {"step 'g' (kind gate) has no 'session'"}));
    EXPECT_TRUE(
        has_diag(p.diags, 24, 94,
                 {"step 'grp' (kind group) has no 'output'", "fix:{grp.diff} or {grp.files}"}));
    EXPECT_EQ(p.diags.items().size(), 2u);
}

TEST(ParserScope, AStepCannotReferToItself) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "impl"
kind = "code"
agent = "a"
prompt = "{impl.diff}"
)"));
    EXPECT_TRUE(has_diag(p.diags, 7, 11,
                         {"{impl.diff} refers to this step itself", "fix:{diff} and {error}"}));
}

TEST(ParserScope, RungPromptsAreCheckedToo) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "impl"
kind = "code"
agent = "a"
prompt = "x"
[steps.retry]
attempts = 2
[[steps.retry.ladder]]
from = 2
prompt = '''
Still failing:
  {eror}
'''
)"));
    EXPECT_TRUE(has_diag(p.diags, 14, 3,
                         {"prompt of retry rung 1 of step 'impl': unknown "
                          "template variable {eror} (did you mean 'error'?)"}));
}

TEST(ParserScope, MalformedPlaceholdersAreReportedWhereTheyAre) {
    Parsed p = parse(with_steps(R"([[steps]]
name = "impl"
kind = "code"
agent = "a"
prompt = """
Return {"pass": true}
Then {} and } and {spec}
"""
)"));
    EXPECT_TRUE(has_diag(p.diags, 8, 8, {"'{\"pass\": true}' is not a placeholder"}));
    EXPECT_TRUE(has_diag(p.diags, 9, 6, {"an empty placeholder '{}'"}));
    EXPECT_TRUE(has_diag(p.diags, 9, 13, {"'}' closes no placeholder"}));
    EXPECT_EQ(p.diags.error_count(), 3u);
}
