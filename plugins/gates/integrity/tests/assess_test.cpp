#include "assess.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace json = boost::json;
using namespace integrity;
using Scope = std::vector<std::string>;

Change change(char status, std::string path, std::string old_path = {}) {
    if (old_path.empty()) old_path = path;
    return Change{status, std::move(old_path), std::move(path)};
}

FileDiff file_diff(std::string path, std::vector<AddedLine> added,
                   std::vector<std::string> removed = {}) {
    return FileDiff{path, path, std::move(added), std::move(removed)};
}

std::vector<std::string> kinds(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const Finding& f : findings) {
        std::string k = f.kind + " " + f.path;
        if (f.line) k.append(":").append(std::to_string(*f.line));
        out.push_back(std::move(k));
    }
    return out;
}

TEST(Assess, TestAndConfigPaths) {
    Settings s;
    for (const char* p : {"tests/test_a.py", "pkg/x_test.go", "test_a.py", "web/a.test.ts",
                          "web/a.spec.js", "src/__tests__/a.js", "test/unit/a.cpp"})
        EXPECT_TRUE(is_test_path(s, p)) << p;
    for (const char* p : {"src/a.py", "src/testing.py", "contest.py", "src/attest/a.go"})
        EXPECT_FALSE(is_test_path(s, p)) << p;
    for (const char* p :
         {".github/workflows/ci.yml", ".gitlab-ci.yml", "pytest.ini", "setup.cfg", "conftest.py",
          "tests/conftest.py", "jest.config.js", ".mocharc.json", "gump.toml", ".ci/run.sh"})
        EXPECT_TRUE(is_config_path(s, p)) << p;
    for (const char* p : {"Makefile", "src/setup.cfg", ".github/CODEOWNERS", "web/jest.config.js",
                          "CMakeLists.txt"})
        EXPECT_FALSE(is_config_path(s, p)) << p;
}

TEST(Assess, DeletedAndRenamedAwayTests) {
    Settings s;
    std::vector<Change> changes{change('D', "tests/test_a.py"),
                                change('R', "src/b_helpers.py", "tests/test_b.py"),
                                change('R', "tests/unit/test_c.py", "tests/test_c.py"),
                                change('D', "src/old.py"), change('A', "tests/test_new.py")};
    Assessment a = assess(changes, {}, {}, s, {});
    EXPECT_EQ(kinds(a.findings), (std::vector<std::string>{"deleted-test tests/test_a.py",
                                                           "deleted-test tests/test_b.py"}));
    EXPECT_EQ(a.findings[0].fix, "restore tests/test_a.py: a step may not delete tests to pass");
    EXPECT_EQ(a.findings[1].detail,
              "tests/test_b.py was renamed to src/b_helpers.py, which is not a test path");
    EXPECT_EQ(a.findings[1].label, "renamed tests/test_b.py to src/b_helpers.py");
    EXPECT_EQ(a.findings[1].extra.at("renamed_to"), "src/b_helpers.py");
}

TEST(Assess, FilesToCount) {
    Settings s;
    std::vector<Change> changes{change('M', "tests/test_a.py"),
                                change('M', "src/a.py"),
                                change('M', "tests/data.json"),
                                change('A', "tests/test_n.py"),
                                change('R', "tests/u/test_b.py", "tests/test_b.py"),
                                change('R', "src/c.py", "tests/test_c.py"),
                                change('M', "tests/conftest.py"),
                                change('T', "x_test.go")};
    std::vector<Change> counted = files_to_count(changes, s);
    ASSERT_EQ(counted.size(), 3u);
    EXPECT_EQ(counted[0].path, "tests/test_a.py");
    EXPECT_EQ(counted[1].old_path, "tests/test_b.py");
    EXPECT_EQ(counted[2].path, "x_test.go");
}

TEST(Assess, FewerTestCases) {
    Settings s;
    std::vector<TestCount> counts{{"tests/test_api.py", "tests/test_api.py", 7, 5},
                                  {"tests/test_ok.py", "tests/test_ok.py", 2, 3},
                                  {"tests/old.test.js", "tests/new.test.js", 1, 0}};
    Assessment a = assess({}, counts, {}, s, {});
    ASSERT_EQ(a.findings.size(), 2u);
    EXPECT_EQ(a.findings[0].detail, "tests/test_api.py: 7 test cases before, 5 after");
    EXPECT_EQ(a.findings[0].label, "fewer test cases in tests/test_api.py (7 before, 5 after)");
    EXPECT_EQ(a.findings[0].fix,
              "tests/test_api.py: 7 test cases before, 5 after; restore the removed test cases "
              "(renaming or rewriting a test is fine, dropping it is not): a step may not remove "
              "tests to pass");
    EXPECT_EQ(a.findings[0].extra.at("before"), 7);
    EXPECT_EQ(a.findings[1].detail,
              "tests/new.test.js (was tests/old.test.js): 1 test case before, 0 after");
}

TEST(Assess, SkipMarkersOnAddedLines) {
    Settings s;
    std::vector<FileDiff> diffs{
        file_diff("tests/test_b.py", {{12, "@pytest.mark.skip(reason=\"flaky\")"}}),
        file_diff("web/a.test.ts", {{3, "  it.only('works', () => {"}}),
        file_diff("README.md", {{1, "use @pytest.mark.skip sparingly"}}),
        file_diff("src/lib.rs", {{40, "    #[ignore]"}})};
    Assessment a = assess({}, {}, diffs, s, {});
    EXPECT_EQ(kinds(a.findings), (std::vector<std::string>{"skip-marker tests/test_b.py:12",
                                                           "skip-marker web/a.test.ts:3",
                                                           "skip-marker src/lib.rs:40"}));
    EXPECT_EQ(a.findings[0].label, "skip marker at tests/test_b.py:12");
    EXPECT_EQ(a.findings[0].detail, "added @pytest.mark.skip: @pytest.mark.skip(reason=\"flaky\")");
    EXPECT_EQ(a.findings[0].fix, "remove @pytest.mark.skip at tests/test_b.py:12 and make the "
                                 "test pass instead: a step may not skip tests to pass");
    EXPECT_EQ(a.findings[1].label, "focus marker at web/a.test.ts:3");
    EXPECT_EQ(a.findings[1].fix,
              "remove it.only at web/a.test.ts:3: focusing on some tests keeps the others from "
              "running; a step may not skip tests to pass");
    s.allow_skips = true;
    EXPECT_TRUE(assess({}, {}, diffs, s, {}).findings.empty());
}

TEST(Assess, MovedOrRewordedSkipsAreNotNew) {
    Settings s;
    // Re-indented, and a new reason for the same marker: no new skip.
    std::vector<FileDiff> diffs{file_diff(
        "tests/test_b.py",
        {{5, "    @pytest.mark.skip(reason='a')"}, {9, "@pytest.mark.skip(reason='now b')"}},
        {"@pytest.mark.skip(reason='a')", "@pytest.mark.skip(reason='b')"})};
    EXPECT_TRUE(assess({}, {}, diffs, s, {}).findings.empty());
    // One skip replaced by two: the second is new.
    diffs[0].added.push_back({20, "@pytest.mark.skip(reason='c')"});
    EXPECT_EQ(kinds(assess({}, {}, diffs, s, {}).findings),
              (std::vector<std::string>{"skip-marker tests/test_b.py:20"}));
    // A different marker is not the same skip.
    std::vector<FileDiff> other{
        file_diff("tests/test_c.py", {{3, "@pytest.mark.xfail"}}, {"@pytest.mark.skip"})};
    EXPECT_EQ(assess({}, {}, other, s, {}).findings.size(), 1u);
}

TEST(Assess, GateConfiguration) {
    Settings s;
    std::vector<Change> changes{change('M', ".github/workflows/ci.yml"), change('A', "pytest.ini"),
                                change('D', "tests/conftest.py"),
                                change('R', "ci/jest.config.js", "jest.config.js"),
                                change('M', "Makefile")};
    Assessment a = assess(changes, {}, {}, s, {});
    EXPECT_EQ(
        kinds(a.findings),
        (std::vector<std::string>{"gate-config .github/workflows/ci.yml", "gate-config pytest.ini",
                                  "gate-config tests/conftest.py", "gate-config jest.config.js"}));
    EXPECT_EQ(a.findings[0].label, "edited gate configuration .github/workflows/ci.yml");
    EXPECT_EQ(a.findings[0].fix,
              "revert the change to .github/workflows/ci.yml: a step may not change how it is "
              "checked (CI scripts, test runner configuration) to pass");
    EXPECT_EQ(a.findings[1].label, "added gate configuration pytest.ini");
    EXPECT_EQ(a.findings[2].label, "deleted gate configuration tests/conftest.py");
    EXPECT_EQ(a.findings[3].label,
              "renamed gate configuration jest.config.js to ci/jest.config.js");
    EXPECT_EQ(a.findings[3].fix, "rename ci/jest.config.js back to jest.config.js: a step may not "
                                 "change how it is checked (CI scripts, test runner configuration) "
                                 "to pass");
    EXPECT_EQ(a.findings[3].extra.at("change"), "renamed");
}

TEST(Assess, ParamsReplaceTheGlobs) {
    Settings s;
    s.tests = {"spec/**"};
    s.config = {"Makefile"};
    std::vector<Change> changes{change('D', "tests/test_a.py"), change('D', "spec/a_spec.rb"),
                                change('M', "Makefile"), change('M', "pytest.ini")};
    EXPECT_EQ(kinds(assess(changes, {}, {}, s, {}).findings),
              (std::vector<std::string>{"deleted-test spec/a_spec.rb", "gate-config Makefile"}));
    s.config = {};
    EXPECT_EQ(assess(changes, {}, {}, s, {}).findings.size(), 1u);
}

TEST(Assess, TheItemsOwnScopeExcuses) {
    Settings s;
    std::vector<Change> changes{change('D', "tests/test_a.py"), change('M', "pytest.ini"),
                                change('R', "src/b.py", "tests/test_b.py")};
    std::vector<TestCount> counts{{"tests/test_c.py", "tests/test_c.py", 3, 1}};
    std::vector<FileDiff> diffs{file_diff("tests/test_d.py", {{2, "@pytest.mark.skip"}})};

    Assessment all = assess(changes, counts, diffs, s, {});
    EXPECT_EQ(all.findings.size(), 5u);

    Assessment scoped = assess(changes, counts, diffs, s, Scope{"tests/test_a.py", "pytest.ini"});
    EXPECT_EQ(kinds(scoped.findings), (std::vector<std::string>{"deleted-test tests/test_b.py",
                                                                "fewer-tests tests/test_c.py",
                                                                "skip-marker tests/test_d.py:2"}));
    EXPECT_EQ(kinds(scoped.excused),
              (std::vector<std::string>{"deleted-test tests/test_a.py", "gate-config pytest.ini"}));

    // Everything but the skip, which no scope excuses (allow_skips does).
    EXPECT_EQ(kinds(assess(changes, counts, diffs, s, Scope{"tests/**", "pytest.ini"}).findings),
              (std::vector<std::string>{"skip-marker tests/test_d.py:2"}));
    EXPECT_EQ(kinds(assess(changes, counts, diffs, s, Scope{"tests", "*.ini"}).findings),
              (std::vector<std::string>{"skip-marker tests/test_d.py:2"}));
    // A pattern that names nothing in particular is no explicit scope.
    EXPECT_EQ(assess(changes, counts, diffs, s, Scope{"**"}).findings.size(), 5u);
    EXPECT_EQ(assess(changes, counts, diffs, s, Scope{"**/*", "*"}).findings.size(), 5u);
}

TEST(Assess, VerdictPass) {
    json::object v = verdict_of({}, "integrity");
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "integrity: no test weakened");
    EXPECT_EQ(v.at("feedback"), "");
    EXPECT_TRUE(v.at("findings").as_array().empty());
}

TEST(Assess, VerdictFailNamesEachFinding) {
    Settings s;
    Assessment a = assess({change('D', "tests/test_a.py")}, {},
                          {file_diff("tests/test_b.py", {{12, "    @pytest.mark.skip"}})}, s, {});
    json::object v = verdict_of(a, "integrity");
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"),
              "integrity: 2 findings: deleted tests/test_a.py, skip marker at tests/test_b.py:12");
    EXPECT_EQ(v.at("feedback"),
              "restore tests/test_a.py: a step may not delete tests to pass\n"
              "remove @pytest.mark.skip at tests/test_b.py:12 and make the test pass instead: a "
              "step may not skip tests to pass\n");
    const json::array& findings = v.at("findings").as_array();
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[0], json::parse(R"({"kind":"deleted-test","path":"tests/test_a.py",
        "detail":"tests/test_a.py was deleted"})"));
    EXPECT_EQ(findings[1], json::parse(R"({"kind":"skip-marker","path":"tests/test_b.py",
        "line":12,"detail":"added @pytest.mark.skip: @pytest.mark.skip",
        "marker":"@pytest.mark.skip"})"));
}

TEST(Assess, LongVerdictsAreCut) {
    Settings s;
    std::vector<Change> changes;
    for (int i = 0; i < 120; ++i)
        changes.push_back(change('D', "tests/test_" + std::to_string(100 + i) + ".py"));
    json::object v = verdict_of(assess(changes, {}, {}, s, {}), "strict");
    EXPECT_EQ(v.at("summary"),
              "strict: 120 findings: deleted tests/test_100.py, deleted tests/test_101.py, "
              "deleted tests/test_102.py, deleted tests/test_103.py, deleted tests/test_104.py, "
              "and 115 more");
    std::string feedback(v.at("feedback").as_string());
    EXPECT_TRUE(feedback.ends_with("[... and 20 more findings ...]\n"));
    EXPECT_EQ(v.at("findings").as_array().size(), 120u);
}

} // namespace
