// The integrity gate on real repositories: each way of weakening tests is caught.
#include "gate_fixture.hpp"

namespace {

TEST(Gate, Manifest) {
    const gump_manifest& m = manifest();
    EXPECT_EQ(m.kind, GUMP_KIND_GATE);
    EXPECT_STREQ(m.id, "integrity");
    json::object schema = json::parse(m.config_schema).as_object();
    const json::object& properties = schema.at("properties").as_object();
    EXPECT_TRUE(properties.contains("tests"));
    EXPECT_TRUE(properties.contains("config"));
    EXPECT_TRUE(properties.contains("allow_skips"));
    EXPECT_EQ(properties.at("tests").at("default").as_array().size(), 7u);
    EXPECT_EQ(properties.at("config").at("default").as_array().size(), 14u);
}

TEST(Gate, PassesABetterCodeAndMoreTests) {
    Repo repo;
    std::string base = seed(repo);
    repo.write("src/api.py", "def get():\n    return 2\n");
    repo.write("tests/test_api.py", api_tests + "\ndef test_put():\n    assert True\n");
    repo.write("tests/test_new.py", "def test_new():\n    assert True\n");
    std::string head = repo.commit();
    Gate gate;
    ASSERT_EQ(gate.status(), GUMP_OK) << gate.error();
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "integrity: no test weakened");
    EXPECT_EQ(v.at("feedback"), "");
    EXPECT_TRUE(v.at("findings").as_array().empty());
}

TEST(Gate, SkipsWhenNothingChanged) {
    Repo repo;
    std::string base = seed(repo);
    Gate gate;
    json::object v = gate.check(request(repo, base, base));
    EXPECT_EQ(v.at("verdict"), "skip");
    EXPECT_EQ(v.at("summary"), "integrity: nothing changed");
    EXPECT_TRUE(gate.host().commands.empty()); // not even git
    v = gate.check(request(repo, base, "HEAD"));
    EXPECT_EQ(v.at("verdict"), "skip");
}

TEST(Gate, DeletedTest) {
    Repo repo;
    std::string base = seed(repo);
    repo.remove("tests/test_util.py");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"), "integrity: 1 finding: deleted tests/test_util.py");
    EXPECT_EQ(v.at("feedback"),
              "restore tests/test_util.py: a step may not delete tests to pass\n");
    EXPECT_EQ(v.at("findings").as_array().at(0),
              json::parse(R"({"kind":"deleted-test","path":"tests/test_util.py",
                              "detail":"tests/test_util.py was deleted"})"));
}

TEST(Gate, TestRenamedAwayFromTheTests) {
    Repo repo;
    std::string base = seed(repo);
    repo.move("tests/test_api.py", "src/api_checks.py");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("summary"),
              "integrity: 1 finding: renamed tests/test_api.py to src/api_checks.py");
    EXPECT_EQ(v.at("feedback"),
              "restore tests/test_api.py (renamed to src/api_checks.py, which is not a test path, "
              "so its tests no longer run): a step may not remove tests to pass\n");
    EXPECT_EQ(v.at("findings").as_array().at(0).at("renamed_to"), "src/api_checks.py");
}

TEST(Gate, RenameWithinTheTestsIsFine) {
    Repo repo;
    std::string base = seed(repo);
    repo.move("tests/test_api.py", "tests/unit/test_api.py");
    std::string head = repo.commit();
    Gate gate;
    EXPECT_EQ(gate.check(request(repo, base, head)).at("verdict"), "pass");
}

TEST(Gate, FewerTestCasesInEachLanguage) {
    Repo repo;
    std::string base = seed(repo);
    repo.write("tests/test_api.py", "import pytest\n\ndef test_get():\n    assert True\n");
    repo.write("pkg/calc_test.go", "package pkg\n\nimport \"testing\"\n\n"
                                   "func TestAdd(t *testing.T) {\n}\n");
    repo.write("web/app.test.js", "describe('app', () => {\n  it('renders', () => {});\n"
                                  "  // it('clicks', () => {});\n});\n");
    repo.write("tests/math_test.cpp", "#include <gtest/gtest.h>\n\nTEST(Math, Add) {}\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(kinds(v), (Kinds{"fewer-tests pkg/calc_test.go", "fewer-tests tests/math_test.cpp",
                               "fewer-tests tests/test_api.py", "fewer-tests web/app.test.js"}));
    EXPECT_EQ(v.at("findings").as_array().at(2),
              json::parse(R"({"kind":"fewer-tests","path":"tests/test_api.py",
                  "detail":"tests/test_api.py: 3 test cases before, 1 after","before":3,"after":1})"));
    std::string feedback(v.at("feedback").as_string());
    EXPECT_NE(feedback.find("tests/test_api.py: 3 test cases before, 1 after; restore the removed "
                            "test cases (renaming or rewriting a test is fine, dropping it is "
                            "not): a step may not remove tests to pass\n"),
              std::string::npos)
        << feedback;
    EXPECT_NE(feedback.find("web/app.test.js: 2 test cases before, 1 after; restore the removed "
                            "test case "),
              std::string::npos)
        << feedback;
}

TEST(Gate, FewerTestCasesInARenamedTestFile) {
    Repo repo;
    std::string base = seed(repo);
    repo.move("tests/test_api.py", "tests/test_http.py");
    repo.write("tests/test_http.py", "import pytest\n\n"
                                     "def test_get():\n    assert True\n\n"
                                     "def test_post():\n    assert True\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("summary"),
              "integrity: 1 finding: fewer test cases in tests/test_http.py (3 before, 2 after)");
    EXPECT_EQ(v.at("findings").as_array().at(0).at("detail"),
              "tests/test_http.py (was tests/test_api.py): 3 test cases before, 2 after");
}

TEST(Gate, AddedSkipMarkersWithTheirLines) {
    Repo repo;
    std::string base = seed(repo);
    repo.write("tests/test_api.py", "import pytest\n\n"
                                    "def test_get():\n    assert True\n\n"
                                    "@pytest.mark.skip(reason=\"flaky\")\n"
                                    "def test_post():\n    assert True\n\n"
                                    "def test_delete():\n    assert True\n");
    repo.write("pkg/calc_test.go", "package pkg\n\nimport \"testing\"\n\n"
                                   "func TestAdd(t *testing.T) {\n\tt.Skip(\"later\")\n}\n\n"
                                   "func TestSub(t *testing.T) {\n}\n");
    repo.write("web/app.test.js", "describe('app', () => {\n  it.only('renders', () => {});\n"
                                  "  it.skip('clicks', () => {});\n});\n");
    repo.write("tests/math_test.cpp", "#include <gtest/gtest.h>\n\nTEST(Math, DISABLED_Add) {}\n\n"
                                      "TEST(Math, Sub) { GTEST_SKIP(); }\n");
    repo.write("src/lib.rs", "#[cfg(test)]\nmod tests {\n    #[test]\n    #[ignore]\n"
                             "    fn slow() {}\n}\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(kinds(v),
              (Kinds{"skip-marker pkg/calc_test.go:6", "skip-marker src/lib.rs:4",
                     "skip-marker tests/math_test.cpp:3", "skip-marker tests/math_test.cpp:5",
                     "skip-marker tests/test_api.py:6", "skip-marker web/app.test.js:2",
                     "skip-marker web/app.test.js:3"}));
    EXPECT_EQ(v.at("summary"),
              "integrity: 7 findings: skip marker at pkg/calc_test.go:6, skip marker at "
              "src/lib.rs:4, skip marker at tests/math_test.cpp:3, skip marker at "
              "tests/math_test.cpp:5, skip marker at tests/test_api.py:6, and 2 more");
    const json::array& findings = v.at("findings").as_array();
    EXPECT_EQ(findings.at(4), json::parse(R"json({"kind":"skip-marker","path":"tests/test_api.py",
        "line":6,"detail":"added @pytest.mark.skip: @pytest.mark.skip(reason=\"flaky\")",
        "marker":"@pytest.mark.skip"})json"));
    EXPECT_EQ(findings.at(2).at("marker"), "DISABLED_Add");
    std::string feedback(v.at("feedback").as_string());
    EXPECT_NE(feedback.find("remove t.Skip at pkg/calc_test.go:6 and make the test pass instead: "
                            "a step may not skip tests to pass\n"),
              std::string::npos);
    EXPECT_NE(feedback.find("remove it.only at web/app.test.js:2: focusing on some tests keeps "
                            "the others from running; a step may not skip tests to pass\n"),
              std::string::npos);

    Gate lenient(R"({"allow_skips": true})");
    EXPECT_EQ(lenient.check(request(repo, base, head)).at("verdict"), "pass");
}

TEST(Gate, EditedGateConfiguration) {
    Repo repo;
    std::string base = seed(repo);
    repo.write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
    repo.write("pytest.ini", "[pytest]\naddopts = -q --deselect tests/test_api.py\n");
    repo.write("tests/conftest.py", "collect_ignore = ['test_api.py']\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(kinds(v), (Kinds{"gate-config .github/workflows/ci.yml", "gate-config pytest.ini",
                               "gate-config tests/conftest.py"}));
    EXPECT_EQ(v.at("summary"),
              "integrity: 3 findings: edited gate configuration .github/workflows/ci.yml, edited "
              "gate configuration pytest.ini, added gate configuration tests/conftest.py");
    EXPECT_EQ(v.at("feedback"),
              "revert the change to .github/workflows/ci.yml: a step may not change how it is "
              "checked (CI scripts, test runner configuration) to pass\n"
              "revert the change to pytest.ini: a step may not change how it is checked (CI "
              "scripts, test runner configuration) to pass\n"
              "remove tests/conftest.py: a step may not change how it is checked (CI scripts, test "
              "runner configuration) to pass\n");
}

TEST(Gate, EveryFindingAtOnce) {
    Repo repo;
    std::string base = seed(repo);
    repo.remove("tests/test_util.py");
    repo.write("tests/test_api.py", "import pytest\n\n"
                                    "def test_get():\n    assert True\n\n"
                                    "def test_post():\n    assert True\n\n"
                                    "@pytest.mark.skip\n"
                                    "def test_delete():\n    assert True\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("summary"), "integrity: 2 findings: deleted tests/test_util.py, skip marker at "
                               "tests/test_api.py:9");
    EXPECT_EQ(v.at("feedback"),
              "restore tests/test_util.py: a step may not delete tests to pass\n"
              "remove @pytest.mark.skip at tests/test_api.py:9 and make the test pass instead: a "
              "step may not skip tests to pass\n");
}

} // namespace
