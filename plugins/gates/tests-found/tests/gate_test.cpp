#include "gate_fixture.hpp"

namespace {

std::string verdict_of(const json::object& v) {
    return std::string(v.at("verdict").as_string());
}

std::string summary_of(const json::object& v) {
    return std::string(v.at("summary").as_string());
}

} // namespace

TEST(Gate, Manifest) {
    EXPECT_STREQ(manifest().id, "tests-found");
    Gate gate;
    EXPECT_EQ(gate.status(), GUMP_OK) << gate.error();
}

TEST(Gate, UnittestFileWithATestPasses) {
    Worktree tree;
    tree.write("tests/test_calc.py",
               "import unittest\n\nclass CalcTest(unittest.TestCase):\n"
               "    def test_adds(self):\n        self.assertEqual(1 + 1, 2)\n");
    tree.write("calc.py", "def add(a, b):\n    return a + b\n");
    Gate gate;
    json::object v = gate.check(request(tree, {"calc.py", "tests/test_calc.py"}));
    EXPECT_EQ(verdict_of(v), "pass") << json::serialize(v);
    EXPECT_EQ(summary_of(v), "tests-found: 1 test in 1 changed file");
}

TEST(Gate, FileWithoutATestFails) {
    Worktree tree;
    tree.write("tests/test_calc.py", "import unittest\n\ndef helper():\n    return 1\n");
    Gate gate;
    json::object v = gate.check(request(tree, {"tests/test_calc.py"}));
    EXPECT_EQ(verdict_of(v), "fail") << json::serialize(v);
    ASSERT_EQ(v.at("findings").as_array().size(), 1u);
    const json::object& f = v.at("findings").as_array()[0].as_object();
    EXPECT_EQ(f.at("path"), "tests/test_calc.py");
    EXPECT_NE(std::string(f.at("detail").as_string()).find("test_*"), std::string::npos);
}

TEST(Gate, NoTestFileChangedFails) {
    Worktree tree;
    tree.write("calc.py", "def add(a, b):\n    return a + b\n");
    Gate gate;
    json::object v = gate.check(request(tree, {"calc.py", "tests/test_gone.py"})); // deleted
    EXPECT_EQ(verdict_of(v), "fail");
    EXPECT_EQ(summary_of(v).rfind("tests-found: the step changed no test file; add a test", 0), 0u)
        << summary_of(v);
}

TEST(Gate, CFileWithTestMacroPasses) {
    Worktree tree;
    tree.write("tests/calc_test.cpp", "#include <gtest/gtest.h>\n\nTEST(Calc, Adds) {}\n"
                                      "TEST(Calc, Subs) {}\n");
    Gate gate;
    json::object v = gate.check(request(tree, {"tests/calc_test.cpp"}));
    EXPECT_EQ(verdict_of(v), "pass") << json::serialize(v);
    EXPECT_EQ(summary_of(v), "tests-found: 2 tests in 1 changed file");
}

TEST(Gate, ListingCommandOverrides) {
    Worktree tree;
    tree.write("tests/calc_test.cpp", "TEST(Calc, Adds) {}\n");
    Gate gate;
    json::object v =
        gate.check(request(tree, {"tests/calc_test.cpp"}, {{"command", "echo other_test.Adds"}}));
    EXPECT_EQ(verdict_of(v), "fail") << json::serialize(v);
    v = gate.check(request(tree, {"tests/calc_test.cpp"}, {{"command", "echo calc_test.Adds"}}));
    EXPECT_EQ(verdict_of(v), "pass") << json::serialize(v);
}

TEST(Gate, MissingListingProgramIsAnError) {
    Worktree tree;
    tree.write("tests/calc_test.cpp", "TEST(Calc, Adds) {}\n");
    Gate gate;
    json::object v = gate.check(
        request(tree, {"tests/calc_test.cpp"}, {{"command", json::array{"no-such-lister-xyz"}}}));
    EXPECT_EQ(verdict_of(v), "error") << json::serialize(v);
}

TEST(Gate, NoChangedFilesSkips) {
    Worktree tree;
    Gate gate;
    json::object r = request(tree, {});
    r.erase("changed_files");
    EXPECT_EQ(verdict_of(gate.check(r)), "skip");
}

TEST(Gate, BadParameterIsAnError) {
    Worktree tree;
    Gate gate;
    json::object v = gate.check(request(tree, {"a_test.go"}, {{"tests", "oops"}}));
    EXPECT_EQ(verdict_of(v), "error");
    EXPECT_NE(summary_of(v).find("tests must be an array of globs"), std::string::npos);
}
