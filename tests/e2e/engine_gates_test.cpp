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

TEST_F(EngineGates, ARealTestRunnersFailingTestAndMessageReachTheNextAttempt) {
    // Python's unittest, for real: the failing test's name and its assertion lead the feedback,
    // ahead of the head and tail of the log.
    agent_config("[gates.test]\nplugin = \"command\"\nrole = \"test\"\n"
                 "command = \"python3 -m unittest -v\"\n");
    write("config.py", "def parse_port(address):\n    return 80\n");
    std::string tests = "import unittest\nfrom config import parse_port\n\n"
                        "class ConfigTest(unittest.TestCase):\n"
                        "    def test_parse_port(self):\n"
                        "        self.assertEqual(parse_port('localhost:8080'), 8080)\n";
    for (int i = 0; i < 300; ++i) // a long, passing log around the failure
        tests += "    def test_ok_" + std::to_string(i) + "(self):\n        pass\n";
    write("test_config.py", tests);
    one_step(R"(["test"])");
    script("cheap", R"([[step]]
path = "work"
attempt = 1
[[step.write]]
path = "notes.txt"
content = "x"
[[step]]
path = "work"
attempt = 2
[[step.write]]
path = "config.py"
content = "def parse_port(address):\n    return int(address.rsplit(':', 1)[1])\n"
)");
    commit();
    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string prompt = artifact(run_id(), "work/attempt-2/prompt.md");
    EXPECT_THAT(prompt, HasSubstr("What failed:\nFAIL: test_parse_port (test_config.ConfigTest"));
    EXPECT_THAT(prompt, HasSubstr("AssertionError: 80 != 8080"));
    EXPECT_THAT(prompt, HasSubstr("lines omitted"));
}

TEST_F(EngineGates, TheDryRunSaysWhichCommandAGateDetectedAndFromWhat) {
    agent_config();
    write("Makefile", "test:\n\ttrue\n");
    one_step(R"(["test", "review"])");
    commit();
    Outcome out = run("w", {"--dry-run"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_THAT(out.out,
                HasSubstr("test → command (role test): `make test` (detected from Makefile)"));
    EXPECT_THAT(out.out, HasSubstr("review → review: runs the review workflow validators/review"));
}

TEST_F(EngineGates, CtestsFailingTestAndItsOutputReachTheNextAttempt) {
    agent_config("[gates.test]\nplugin = \"command\"\nrole = \"test\"\ncommand = "
                 "\"cmake -S . -B build -G 'Unix Makefiles' >/dev/null && cmake --build build "
                 "&& ctest --test-dir build --output-on-failure\"\n");
    write("CMakeLists.txt", "cmake_minimum_required(VERSION 3.16)\nproject(p CXX)\n"
                            "enable_testing()\nadd_executable(test_parse_port test.cpp)\n"
                            "add_test(NAME test_parse_port COMMAND test_parse_port)\n");
    write("port.hpp", "inline int parse_port(const char*) { return 80; }\n");
    write("test.cpp",
          "#include \"port.hpp\"\n#include <cstdio>\nint main() {\n"
          "  int port = parse_port(\"localhost:8080\");\n  if (port == 8080) return 0;\n"
          "  std::fprintf(stderr, \"test_parse_port: expected 8080, got %d\\n\", port);\n"
          "  return 1;\n}\n");
    one_step(R"(["test"])");
    script("cheap", R"([[step]]
path = "work"
attempt = 1
[[step.write]]
path = "notes.txt"
content = "x"
[[step]]
path = "work"
attempt = 2
[[step.write]]
path = "port.hpp"
content = "inline int parse_port(const char*) { return 8080; }\n"
)");
    commit();
    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string prompt = artifact(run_id(), "work/attempt-2/prompt.md");
    EXPECT_THAT(prompt, HasSubstr("1 - test_parse_port (Failed)"));
    EXPECT_THAT(prompt, HasSubstr("test_parse_port: expected 8080, got 80"));
}

} // namespace
} // namespace gump::e2e
