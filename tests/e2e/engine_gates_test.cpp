// The gate plugins through `gump run` with a replay agent: what each one catches reaches the
// next attempt's prompt, and a project's own commands are found without configuration.
#include "engine_fixture.hpp"

namespace gump::e2e {
namespace {

using ::testing::HasSubstr;

class EngineGates : public EngineTest {
protected:
    // One code step with the given gates (a TOML array) and two attempts.
    void one_step(const std::string& gates) {
        workflow("w", R"(name = "w"
[[steps]]
name = "work"
kind = "code"
agent = "cheap"
gates = )" + gates + R"(
prompt = "Do the work."

[steps.retry]
attempts = 2
)");
    }
    void agent_config(const std::string& extra = "") {
        config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n" + extra);
    }
};

TEST_F(EngineGates, TheFilesGateKeepsTestsUntouchedAndSaysWhichFileToUndo) {
    agent_config();
    write("calc_test.go", "package calc\n");
    one_step(R"([{ gate = "files", untouched = ["**/*_test.*"] }])");
    script("cheap", R"([[step]]
path = "work"
attempt = 1
[[step.write]]
path = "calc_test.go"
content = "package calc // weakened\n"
[[step]]
path = "work"
attempt = 2
[[step.write]]
path = "calc_test.go"
content = "package calc\n"
[[step.write]]
path = "calc.go"
content = "package calc\n"
)");
    commit();
    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    EXPECT_THAT(artifact(id, "work/attempt-2/prompt.md"),
                HasSubstr("undo your changes to calc_test.go"));
}

TEST_F(EngineGates, TheIntegrityGateCatchesADeletedTest) {
    agent_config();
    write("tests/test_calc.py", "def test_add():\n    assert 1 + 1 == 2\n");
    one_step(R"(["integrity"])");
    script("cheap", R"([[step]]
path = "work"
[[step.delete]]
path = "tests/test_calc.py"
)");
    commit();
    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    std::string id = run_id();
    EXPECT_THAT(artifact(id, "work/attempt-1/error.txt"), HasSubstr("restore tests/test_calc.py"));
    EXPECT_THAT(out.err, HasSubstr("✗ gate failed — integrity"));
}

TEST_F(EngineGates, TheTestsFoundGateWantsATestTheStepAdded) {
    agent_config();
    one_step(R"(["tests-found"])");
    script("cheap", R"([[step]]
path = "work"
attempt = 1
[[step.write]]
path = "calc.c"
content = "int add(int a, int b) { return a + b; }\n"
[[step]]
path = "work"
attempt = 2
[[step.write]]
path = "tests/calc_test.cpp"
content = "TEST(Calc, Adds) { EXPECT_EQ(add(1, 2), 3); }\n"
)");
    commit();
    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    EXPECT_THAT(artifact(id, "work/attempt-2/prompt.md"), HasSubstr("changed no test file"));
    auto finished = of_type(events(id), "gate_finished");
    ASSERT_EQ(finished.size(), 2u);
    EXPECT_EQ(str(finished[1], "verdict"), "pass");
}

TEST_F(EngineGates, ACommandGateFindsTheProjectsOwnTestCommand) {
    // No command configured: the Makefile's test target is found and run.
    agent_config();
    write("Makefile", "test:\n\ttest -f done.txt\n");
    one_step(R"(["test"])");
    script("cheap", R"([[step]]
path = "work"
attempt = 1
[[step.write]]
path = "started.txt"
content = "x"
[[step]]
path = "work"
attempt = 2
[[step.write]]
path = "done.txt"
content = "x"
)");
    commit();
    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    auto finished = of_type(events(id), "gate_finished");
    ASSERT_EQ(finished.size(), 2u);
    EXPECT_EQ(str(finished[0], "verdict"), "fail");
    EXPECT_THAT(str(finished[1], "summary"), HasSubstr("detected from Makefile"));
}

} // namespace
} // namespace gump::e2e
