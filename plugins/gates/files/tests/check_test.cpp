#include "check.hpp"
#include "settings.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <gump/sdk.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;
using namespace files_gate;
using Files = std::vector<std::string>;

const Files no_item;

Settings settings(const char* config) {
    return parse_settings(json::parse(config).as_object());
}

json::object verdict(const char* config, const Files& changed, const Files& item = no_item) {
    return verdict_of(check_files(settings(config), changed, item), "files");
}

std::string config_error(const char* config) {
    try {
        settings(config);
    } catch (const gump::sdk::Error& e) {
        EXPECT_EQ(e.status(), GUMP_ERR_CONFIG);
        return e.what();
    }
    return "(no error)";
}

std::string feedback(const json::object& v) {
    return std::string(v.at("feedback").as_string());
}

// Test globs as the tdd workflow writes them.
const char* const tests_touched =
    R"({"touched":["**/*_test.*","**/test_*.py","**/*.test.*","**/*.spec.*","**/tests/**"]})";
const char* const tests_untouched =
    R"({"untouched":["**/*_test.*","**/test_*.py","**/*.test.*","**/*.spec.*","**/tests/**"]})";

TEST(Settings, NothingConfigured) {
    EXPECT_TRUE(settings("{}").empty());
    EXPECT_TRUE(settings(R"({"touched":[],"untouched":[],"scope":false})").empty());
    EXPECT_TRUE(settings(R"({"allow":["**/*.lock"]})").empty()); // allow alone checks nothing
    EXPECT_FALSE(settings(R"({"scope":true})").empty());
    Settings s = settings(R"({"touched":["a/*"],"untouched":["b/*","c/*"],"allow":["d"]})");
    EXPECT_EQ(s.touched.size(), 1u);
    EXPECT_EQ(s.untouched.size(), 2u);
    EXPECT_EQ(s.allow.at(0).pattern(), "d");
    EXPECT_FALSE(s.scope);
}

TEST(Settings, BadParametersAreRefusedWithTheFix) {
    EXPECT_EQ(config_error(R"({"touched":"**/*_test.*"})"),
              "touched must be an array of globs: write touched = [\"**/*_test.*\"]");
    EXPECT_EQ(config_error(R"({"untouched":["a", 3]})"),
              "untouched entry 2 must be a string: write untouched = [\"**/*_test.*\"]");
    EXPECT_EQ(config_error(R"({"allow":{"x":1}})"),
              "allow must be an array of globs: write allow = [\"**/*.lock\"]");
    EXPECT_EQ(config_error(R"({"scope":"yes"})"),
              "scope must be true or false: write scope = true");
}

TEST(Settings, MalformedPatternsAreRefusedByName) {
    EXPECT_EQ(config_error(R"({"touched":["src/[ab"]})"),
              "touched pattern \"src/[ab\" is malformed: '[' at character 5 is never closed; end "
              "the class with ']' or write '\\[' for a literal '['");
    EXPECT_EQ(config_error(R"({"untouched":["ok/*", "[z-a]"]})"),
              "untouched pattern \"[z-a]\" is malformed: the range 'z-a' in the class at "
              "character 1 is reversed; write 'a-z'");
    EXPECT_EQ(config_error(R"({"allow":[""]})"), "allow pattern \"\" is malformed: it is empty");
    EXPECT_EQ(config_error(R"({"allow":["../x"]})"),
              "allow pattern \"../x\" is malformed: '..' cannot be a segment: a pattern is "
              "relative to the repository root and cannot lead out of it");
}

TEST(Check, NothingToCheckPasses) {
    json::object v = verdict("{}", {"a.go"});
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "files: nothing to check");
    EXPECT_EQ(v.at("feedback"), "");
    EXPECT_TRUE(v.at("findings").as_array().empty());
    EXPECT_EQ(verdict("{}", {}).at("summary"), "files: nothing to check");
}

TEST(Check, TouchedPassesWhenOneChangedFileMatches) {
    json::object v = verdict(tests_touched, {"src/parse.go", "src/parse_test.go"});
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "files: 2 changed files pass touched");
    EXPECT_EQ(verdict(tests_touched, {"tests/test_parse.py"}).at("summary"),
              "files: 1 changed file passes touched");
    EXPECT_EQ(verdict(tests_touched, {"web/app.spec.ts"}).at("verdict"), "pass");
    EXPECT_EQ(verdict(tests_touched, {"pkg/tests/data.json"}).at("verdict"), "pass");
    EXPECT_EQ(verdict(tests_touched, {"test_cli.py"}).at("verdict"), "pass");
}

TEST(Check, TouchedFailsWhenNoChangedFileMatches) {
    json::object v = verdict(R"({"touched":["**/*_test.*"]})", {"src/parse.go", "README.md"});
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"), "files: no changed file matches touched **/*_test.*");
    EXPECT_EQ(feedback(v), "no file this step changed matches **/*_test.*: create or change at "
                           "least one that does (this step changed src/parse.go, README.md)\n");
    ASSERT_EQ(v.at("findings").as_array().size(), 1u);
    EXPECT_EQ(v.at("findings").as_array().at(0),
              json::parse(R"({"rule":"touched","path":null,"patterns":["**/*_test.*"]})"));
}

TEST(Check, TouchedFailsWhenTheStepChangedNothing) {
    json::object v = verdict(R"({"touched":["**/*_test.*","tests/**"]})", {});
    EXPECT_EQ(v.at("summary"), "files: no changed file matches touched **/*_test.*, tests/**");
    EXPECT_EQ(feedback(v), "this step changed no file: create or change at least one file "
                           "matching **/*_test.*, tests/**\n");
}

TEST(Check, TouchedFeedbackNamesAtMostTenChangedFiles) {
    Files changed;
    for (int i = 1; i <= 12; ++i)
        changed.push_back(std::string("f").append(std::to_string(i)).append(".go"));
    json::object v = verdict(R"({"touched":["**/*_test.*"]})", changed);
    EXPECT_EQ(feedback(v), "no file this step changed matches **/*_test.*: create or change at "
                           "least one that does (this step changed f1.go, f2.go, f3.go, f4.go, "
                           "f5.go, f6.go, f7.go, f8.go, f9.go, f10.go and 2 more)\n");
}

TEST(Check, UntouchedPassesWhenNoChangedFileMatches) {
    json::object v = verdict(tests_untouched, {"src/parse.go", "src/lexer.go"});
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "files: 2 changed files pass untouched");
    EXPECT_EQ(verdict(tests_untouched, {}).at("summary"), "files: 0 changed files pass untouched");
}

TEST(Check, UntouchedFailsOncePerFile) {
    json::object v = verdict(R"({"untouched":["**/*_test.*"]})", {"src/a.go", "src/a_test.go"});
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"), "files: src/a_test.go must stay untouched");
    EXPECT_EQ(feedback(v), "undo your changes to src/a_test.go: this step must not change files "
                           "matching **/*_test.*; if the change is needed, say so in your answer "
                           "instead\n");
    EXPECT_EQ(
        v.at("findings").as_array().at(0),
        json::parse(R"({"rule":"untouched","path":"src/a_test.go","patterns":["**/*_test.*"]})"));

    // Each finding names the globs its file matches.
    v = verdict(tests_untouched, {"a_test.go", "tests/test_x.py", "main.go"});
    EXPECT_EQ(v.at("summary"), "files: 2 changed files must stay untouched");
    ASSERT_EQ(v.at("findings").as_array().size(), 2u);
    EXPECT_EQ(v.at("findings").as_array().at(1),
              json::parse(R"({"rule":"untouched","path":"tests/test_x.py",
                              "patterns":["**/test_*.py","**/tests/**"]})"));
}

TEST(Check, UntouchedCatchesBothSidesOfARename) {
    // changed_files holds both sides: renaming a test away is changing it.
    json::object v = verdict(R"({"untouched":["**/*_test.go"]})", {"a_test.go", "a_test.go.bak"});
    EXPECT_EQ(v.at("summary"), "files: a_test.go must stay untouched");
}

TEST(Check, ScopeWithoutAnItemChecksNothing) {
    json::object v = verdict(R"({"scope":true})", {"anything.go"});
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "files: nothing to check (scope: the step has no item with files)");
    v = verdict(R"({"scope":true,"touched":["**/*.go"]})", {"anything.go"});
    EXPECT_EQ(v.at("summary"),
              "files: 1 changed file passes touched (scope: the step has no item with files)");
    // Entries that name no path do not make a scope either.
    EXPECT_EQ(verdict(R"({"scope":true})", {"a.go"}, {"", "./"}).at("summary"),
              "files: nothing to check (scope: the step has no item with files)");
}

TEST(Check, ScopeOffIgnoresTheItem) {
    json::object v = verdict(R"({"touched":["**"]})", {"elsewhere.go"}, {"src/api/**"});
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "files: 1 changed file passes touched");
}

TEST(Check, ScopePassesInsideTheItemsFiles) {
    json::object v =
        verdict(R"({"scope":true})", {"src/api/auth.go", "src/api/v1/routes.go"}, {"src/api/**"});
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "files: 2 changed files pass scope");
}

TEST(Check, ScopeFailsOutsideTheItemsFiles) {
    json::object v = verdict(R"({"scope":true})", {"src/api/auth.go", "x.go"}, {"src/api/**"});
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"), "files: x.go is outside the item's scope");
    EXPECT_EQ(feedback(v), "undo your changes to x.go: this step may only change src/api/**; if "
                           "the change is needed, say so in your answer instead\n");
    EXPECT_EQ(v.at("findings").as_array().at(0),
              json::parse(R"({"rule":"scope","path":"x.go","patterns":["src/api/**"]})"));

    v = verdict(R"({"scope":true})", {"x.go", "src/api/auth.go", "go.mod"},
                {"src/api/**", "src/api_test.go"});
    EXPECT_EQ(v.at("summary"), "files: 2 changed files are outside the item's scope");
    EXPECT_EQ(feedback(v), "undo your changes to x.go: this step may only change src/api/**, "
                           "src/api_test.go; if the change is needed, say so in your answer "
                           "instead\n"
                           "undo your changes to go.mod: this step may only change src/api/**, "
                           "src/api_test.go; if the change is needed, say so in your answer "
                           "instead\n");
}

TEST(Check, ScopeTakesItemEntriesAsPathsDirectoriesOrGlobs) {
    Files item{"src/auth", "app/[id]/page.tsx", "lib/*.c", "docs/[oops", "./README.md"};
    EXPECT_EQ(verdict(R"({"scope":true})",
                      {"src/auth/login.go", "src/auth", "app/[id]/page.tsx", "lib/x.c",
                       "docs/[oops", "README.md"},
                      item)
                  .at("verdict"),
              "pass");
    EXPECT_EQ(verdict(R"({"scope":true})", {"src/authz.go"}, item).at("verdict"), "fail");
    EXPECT_EQ(verdict(R"({"scope":true})", {"lib/sub/x.c"}, item).at("verdict"), "fail");
    EXPECT_EQ(verdict(R"({"scope":true})", {"docs/o"}, item).at("verdict"), "fail");
    // A class in an item's glob still works as a class.
    EXPECT_EQ(verdict(R"({"scope":true})", {"a/x.go"}, {"[ab]/*.go"}).at("verdict"), "pass");
}

TEST(Check, AllowExtendsTheScope) {
    const char* config = R"({"scope":true,"allow":["**/*.lock","go.sum"]})";
    json::object v =
        verdict(config, {"src/api/a.go", "Cargo.lock", "web/yarn.lock", "go.sum"}, {"src/api/**"});
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "files: 4 changed files pass scope");
    v = verdict(config, {"go.mod"}, {"src/api/**"});
    EXPECT_EQ(v.at("summary"), "files: go.mod is outside the item's scope");
    EXPECT_EQ(feedback(v), "undo your changes to go.mod: this step may only change src/api/**, "
                           "**/*.lock, go.sum; if the change is needed, say so in your answer "
                           "instead\n");
    EXPECT_EQ(v.at("findings").as_array().at(0).at("patterns"),
              json::parse(R"(["src/api/**","**/*.lock","go.sum"])"));
}

TEST(Check, GumpsOwnFilesAreNeverHeldAgainstTheStep) {
    const char* config = R"({"scope":true,"untouched":["**"]})";
    json::object v = verdict(config, {".gump/out/plan.json", ".gump"}, {"src/**"});
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "files: 0 changed files pass untouched and scope");
    EXPECT_EQ(verdict(R"({"touched":["**"]})", {".gump/out/plan.json"}).at("verdict"), "fail");
    EXPECT_FALSE(is_gump_file(".gumpy/a"));
}

TEST(Check, ChangedFilesAreNormalizedAndCountedOnce) {
    Report r = check_files(settings(R"({"touched":["a.go"]})"), {"./a.go", "a.go", "b//c.go", ""},
                           no_item);
    EXPECT_EQ(r.changed, (Files{"a.go", "b/c.go"}));
    EXPECT_TRUE(r.violations.empty());
}

TEST(Check, EveryRuleAtOnce) {
    const char* config = R"({"touched":["**/*_test.*"],"untouched":["go.mod"],"scope":true})";
    json::object v = verdict(config, {"go.mod", "x.go"}, {"src/**"});
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"), "files: no changed file matches touched **/*_test.*; go.mod must "
                               "stay untouched; 2 changed files are outside the item's scope");
    json::array findings = v.at("findings").as_array();
    ASSERT_EQ(findings.size(), 4u);
    EXPECT_EQ(findings[0].at("rule"), "touched");
    EXPECT_EQ(findings[1].at("rule"), "untouched");
    EXPECT_EQ(findings[2].at("rule"), "scope");
    EXPECT_EQ(findings[3].at("path"), "x.go");
    EXPECT_EQ(feedback(v),
              "no file this step changed matches **/*_test.*: create or change at least one that "
              "does (this step changed go.mod, x.go)\n"
              "undo your changes to go.mod: this step must not change files matching go.mod; if "
              "the change is needed, say so in your answer instead\n"
              "undo your changes to go.mod: this step may only change src/**; if the change is "
              "needed, say so in your answer instead\n"
              "undo your changes to x.go: this step may only change src/**; if the change is "
              "needed, say so in your answer instead\n");
    EXPECT_EQ(verdict(config, {"src/a_test.go"}, {"src/**"}).at("summary"),
              "files: 1 changed file passes touched, untouched and scope");
}

TEST(Check, FeedbackStopsAfterAHundredViolations) {
    Files changed;
    for (int i = 0; i < 130; ++i)
        changed.push_back(std::string("f").append(std::to_string(i)).append(".go"));
    json::object v = verdict(R"({"untouched":["*.go"]})", changed);
    EXPECT_EQ(v.at("summary"), "files: 130 changed files must stay untouched");
    EXPECT_EQ(v.at("findings").as_array().size(), 130u);
    std::string text = feedback(v);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 101);
    EXPECT_TRUE(text.ends_with("\n[... and 30 more files ...]\n"));
}

TEST(Check, SummaryUsesTheGatesName) {
    Report r = check_files(settings(R"({"untouched":["a"]})"), {"a"}, no_item);
    EXPECT_EQ(verdict_of(r, "keep-tests").at("summary"), "keep-tests: a must stay untouched");
}

} // namespace
