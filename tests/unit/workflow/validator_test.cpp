// Agent aliases and gate names against the configuration.
#include "support.hpp"

using namespace gump;
using namespace gump::workflow;
using namespace gump::workflow::test;

TEST(Validator, UnknownAgentsAndGatesAreReportedWhereTheyAreWritten) {
    Parsed p = parse(R"(name = "w"
[[steps]]
name = "impl"
kind = "code"
agent = "qwenn"
prompt = "x"
gates = ["compille", "test", { gate = "filez", touched = ["a"] }]
[steps.retry]
attempts = 2
[[steps.retry.ladder]]
from = 2
agent = "claude-opsu"
)");
    ASSERT_TRUE(p.workflow);
    ASSERT_TRUE(p.diags.empty()) << p.diags.to_string();
    validate_references(*p.workflow, default_context(), p.diags);
    EXPECT_TRUE(has_diag(
        p.diags, 5, 9,
        {"unknown agent 'qwenn' (did you mean 'qwen'?)", "fix:[agents.qwenn]", "fix:gump.toml"}));
    EXPECT_TRUE(has_diag(p.diags, 7, 10,
                         {"unknown gate 'compille' (did you mean 'compile'?)",
                          "fix:[gates.compille]", "fix:gump.toml"}));
    EXPECT_TRUE(has_diag(p.diags, 7, 30, {"unknown gate 'filez' (did you mean 'files'?)"}));
    EXPECT_TRUE(has_diag(p.diags, 12, 9,
                         {"unknown agent 'claude-opsu' (did you mean "
                          "'claude-opus'?)"}));
    EXPECT_EQ(p.diags.error_count(), 4u);
}

TEST(Validator, LooksIntoGroupsAtAnyDepth) {
    Parsed p = parse(R"(name = "w"
[[steps]]
name = "g"
kind = "group"
[[steps.steps]]
name = "h"
kind = "group"
[[steps.steps.steps]]
name = "impl"
kind = "code"
agent = "my-agent"
prompt = "x"
gates = ["team-check"]
)");
    ASSERT_TRUE(p.diags.empty()) << p.diags.to_string();
    validate_references(*p.workflow, default_context(), p.diags);
    EXPECT_TRUE(has_diag(p.diags, 11, 9, {"unknown agent 'my-agent'", "fix:[agents.my-agent]"}));
    EXPECT_TRUE(has_diag(p.diags, 13, 10, {"unknown gate 'team-check'", "fix:[gates.team-check]"}));

    // Once the configuration defines them, the same workflow is fine.
    Diagnostics diags;
    ValidationContext context = default_context();
    context.agents.push_back("my-agent");
    context.gates.push_back("team-check");
    validate_references(*p.workflow, context, diags);
    EXPECT_TRUE(diags.empty()) << diags.to_string();
}

TEST(Validator, TheDefaultConfigurationHasTheNamesTheBuiltInsUse) {
    ValidationContext context = default_context();
    for (const char* agent : {"claude", "claude-opus", "claude-sonnet", "claude-haiku", "qwen"})
        EXPECT_NE(std::find(context.agents.begin(), context.agents.end(), agent),
                  context.agents.end())
            << agent;
    for (const char* gate : {"compile", "test", "lint", "schema", "files", "tests-found", "review"})
        EXPECT_NE(std::find(context.gates.begin(), context.gates.end(), gate), context.gates.end())
            << gate;
}
