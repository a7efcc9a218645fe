#include "validate.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace json = boost::json;
using namespace plan_schema;
using Problems = std::vector<std::string>;

const std::string auth_description = "Add password login to the API with session cookies.";
const std::string shape_problem = R"({"items":[{"name":...,"description":...,"files":[...]}]})";

Problems problems(std::string_view output, Settings s = {}, std::string_view worktree = {}) {
    Problems out;
    for (const Finding& f : validate_plan(output, s, worktree).problems)
        out.push_back(f.problem);
    return out;
}

std::string item(const std::string& name, const std::string& description = auth_description) {
    return R"({"name":)" + json::serialize(json::string(name)) + R"(,"description":)" +
           json::serialize(json::string(description)) + "}";
}

std::string plan(const std::vector<std::string>& items) {
    std::string out = R"({"items":[)";
    for (size_t i = 0; i < items.size(); ++i)
        out += (i ? "," : "") + items[i];
    return out + "]}";
}

TEST(Validate, ObjectShapePasses) {
    Report r = validate_plan(plan({item("add-auth"), item("add-logout")}), {});
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(r.items, 2u);
}

TEST(Validate, BareArrayPasses) {
    Report r = validate_plan("[" + item("add-auth") + "]", {});
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(r.items, 1u);
}

TEST(Validate, FencedJsonInAFinalAnswerPasses) {
    std::string answer = "I broke the spec into two items.\n\n```json\n" +
                         plan({item("add-auth"), item("uptime-endpoint")}) +
                         "\n```\n\nLet me know if you want changes.";
    Report r = validate_plan(answer, {});
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(r.items, 2u);
}

TEST(Validate, TextAroundTheJsonPasses) {
    Report r = validate_plan("Plan: " + plan({item("add-auth")}) + " (1 item)", {});
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(r.items, 1u);
}

TEST(Validate, UnknownItemFieldsAndFilesAreFine) {
    EXPECT_EQ(problems(R"({"items":[{"name":"add-auth","description":")" + auth_description +
                       R"(","files":["src/auth/*.cpp","tests/auth_test.cpp"],"priority":1}]})"),
              Problems{});
}

TEST(Validate, NoPlan) {
    Problems expected{"no plan found: write the items to .gump/out/plan.json as " + shape_problem};
    EXPECT_EQ(problems(""), expected);
    EXPECT_EQ(problems("I am done."), expected);
}

TEST(Validate, NotJsonWithLineAndColumn) {
    Report r = validate_plan("{\n  \"items\": [\n    {\"name\": \"a\",}\n  ]\n}", {});
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].problem, "the output is not JSON: syntax error at line 3, column 18, "
                                     "near '}' (remove the ',' before '}')");
    ASSERT_TRUE(r.problems[0].position);
    EXPECT_EQ(r.problems[0].position->line, 3u);
    EXPECT_EQ(r.problems[0].position->column, 18u);
    EXPECT_FALSE(r.problems[0].item);
}

TEST(Validate, NoItems) {
    EXPECT_EQ(problems(R"({"items":[]})"), Problems{"the plan has no items; list at least 1"});
    EXPECT_EQ(problems("[]"), Problems{"the plan has no items; list at least 1"});
}

TEST(Validate, MinItems) {
    Settings s;
    s.min_items = 3;
    EXPECT_EQ(problems(plan({item("a-1"), item("a-2")}), s),
              Problems{"the plan has only 2 items; list at least 3, splitting the work into "
                       "smaller steps"});
    EXPECT_EQ(problems(plan({item("a-1"), item("a-2"), item("a-3")}), s), Problems{});
    s.min_items = 0;
    EXPECT_EQ(problems("[]", s), Problems{});
}

TEST(Validate, MaxItems) {
    Settings s;
    s.max_items = 2;
    EXPECT_EQ(problems(plan({item("a-1"), item("a-2"), item("a-3")}), s),
              Problems{"the plan has 3 items; list at most 2, merging small or closely related "
                       "items"});
    EXPECT_EQ(problems(plan({item("a-1"), item("a-2")}), s), Problems{});
}

TEST(Validate, PlanShapeProblems) {
    EXPECT_EQ(problems(R"({"items":{"name":"a"}})"),
              Problems{"\"items\" must be an array, not an object; write " + shape_problem});
    EXPECT_EQ(problems(item("add-auth")),
              Problems{"the plan is a single item; put the items in a list: " + shape_problem});
    EXPECT_EQ(problems(R"({"tasks":[]})"),
              Problems{"the plan has no \"items\" (found \"tasks\"); write the list under "
                       "\"items\": " +
                       shape_problem});
    EXPECT_EQ(problems(R"({"plan":"later"})"),
              Problems{"the plan has no \"items\"; write " + shape_problem});
}

TEST(Validate, ItemNotAnObject) {
    EXPECT_EQ(problems(R"(["add-auth"])"),
              Problems{"item 1 is a string, not an object; write each item as "
                       "{\"name\":...,\"description\":...,\"files\":[...]}"});
}

TEST(Validate, NameProblems) {
    EXPECT_EQ(problems("[{\"description\":\"" + auth_description + "\"}]"),
              Problems{"item 1: \"name\" is missing; give the item a short kebab-case name, like "
                       "\"add-auth\""});
    EXPECT_EQ(problems("[{\"Name\":\"add-auth\",\"description\":\"" + auth_description + "\"}]"),
              Problems{"item 1: \"name\" is missing; rename \"Name\" to \"name\""});
    EXPECT_EQ(problems("[{\"name\":7,\"description\":\"" + auth_description + "\"}]"),
              Problems{"item 1: \"name\" must be a string, not a number; give the item a short "
                       "kebab-case name, like \"add-auth\""});
    EXPECT_EQ(problems("[" + item(" ") + "]"),
              Problems{"item 1: \"name\" is empty; give the item a short kebab-case name, like "
                       "\"add-auth\""});
    EXPECT_EQ(problems(plan({item("ok-one"), item("ok-two"), item("Add Auth")})),
              Problems{"item 3: \"name\" \"Add Auth\" is not kebab-case; use lower-case words "
                       "joined by '-', like \"add-auth\""});
    EXPECT_EQ(problems("[" + item("addUserAPI_v2") + "]"),
              Problems{"item 1: \"name\" \"addUserAPI_v2\" is not kebab-case; use lower-case "
                       "words joined by '-', like \"add-user-api-v2\""});
    std::string longest(60, 'a');
    EXPECT_EQ(problems("[" + item(longest) + "]"), Problems{});
    std::string too_long = "add-a-very-long-name-that-goes-on-and-on-about-what-this-item-does";
    EXPECT_EQ(problems("[" + item(too_long) + "]"),
              Problems{"item 1: \"name\" is 66 characters long; keep it to 60 or fewer, like "
                       "\"add-a-very-long-name-that-goes-on-and-on-about-what-this\""});
}

TEST(Validate, DuplicateNames) {
    EXPECT_EQ(problems(plan({item("api"), item("db"), item("ui"), item("api")})),
              Problems{"items 1 and 4 are both named \"api\"; names must be unique"});
    EXPECT_EQ(problems(plan({item("db"), item("api"), item("db"), item("api"), item("api")})),
              Problems({"items 1 and 3 are both named \"db\"; names must be unique",
                        "items 2, 4 and 5 are all named \"api\"; names must be unique"}));
}

TEST(Validate, DescriptionProblems) {
    EXPECT_EQ(problems(plan({item("add-auth"), R"({"name":"uptime"})"})),
              Problems{"item 2 (\"uptime\"): \"description\" is missing; describe the behaviour "
                       "to build in one or two sentences"});
    EXPECT_EQ(problems(R"([{"name":"uptime","Description":"x"}])"),
              Problems{"item 1 (\"uptime\"): \"description\" is missing; rename \"Description\" "
                       "to \"description\""});
    EXPECT_EQ(problems(R"([{"name":"uptime","description":["a","b"]}])"),
              Problems{"item 1 (\"uptime\"): \"description\" must be a string, not an array; "
                       "describe the behaviour to build in one or two sentences"});
    EXPECT_EQ(problems("[" + item("uptime", "  ") + "]"),
              Problems{"item 1 (\"uptime\"): \"description\" is empty; describe the behaviour to "
                       "build in one or two sentences"});
    EXPECT_EQ(problems("[" + item("uptime", " Add it ") + "]"),
              Problems{"item 1 (\"uptime\"): \"description\" \"Add it\" is too short (6 "
                       "characters); describe the behaviour to build in one or two sentences, at "
                       "least 20 characters"});
    EXPECT_EQ(problems("[" + item("uptime", "Serve GET /uptime.") + "]").size(), 1u);
    EXPECT_EQ(problems("[" + item("uptime", "Serve GET /uptime now") + "]"), Problems{});
}

TEST(Validate, RequireFiles) {
    Settings s;
    s.require_files = true;
    EXPECT_EQ(problems("[" + item("uptime") + "]", s),
              Problems{"item 1 (\"uptime\"): \"files\" is missing; list the files or globs the "
                       "item will create or change, like [\"src/server.cpp\", \"tests/*.cpp\"]"});
    EXPECT_EQ(
        problems(R"([{"name":"uptime","description":")" + auth_description + R"(","files":[]}])",
                 s),
        Problems{"item 1 (\"uptime\"): \"files\" is empty; list the files or globs the "
                 "item will create or change, like [\"src/server.cpp\", \"tests/*.cpp\"]"});
    EXPECT_EQ(problems(R"([{"name":"uptime","description":")" + auth_description +
                           R"(","files":["src/uptime.cpp"]}])",
                       s),
              Problems{});
    // Without require_files, an item may leave them out or list none.
    EXPECT_EQ(problems("[" + item("uptime") + "]"), Problems{});
    EXPECT_EQ(
        problems(R"([{"name":"uptime","description":")" + auth_description + R"(","files":[]}])"),
        Problems{});
}

TEST(Validate, BadFiles) {
    std::string files =
        R"(["/work/repo/src/a.cpp", "/etc/passwd", "../lib/x.cpp", "src/../../y", "",
                            3, "C:\\src\\b.cpp", "~/notes.md", "src/ok.cpp", "docs/*.md"])";
    EXPECT_EQ(problems(R"([{"name":"uptime","description":")" + auth_description + R"(","files":)" +
                           files + "}]",
                       {}, "/work/repo/"),
              Problems({
                  "item 1 (\"uptime\"): \"files\" entry 1 \"/work/repo/src/a.cpp\" is an absolute "
                  "path; write it relative to the repository root, like \"src/a.cpp\"",
                  "item 1 (\"uptime\"): \"files\" entry 2 \"/etc/passwd\" is an absolute path; "
                  "write it relative to the repository root, like \"src/server.cpp\"",
                  "item 1 (\"uptime\"): \"files\" entry 3 \"../lib/x.cpp\" leads out of the "
                  "repository ('..'); write a path inside it, relative to its root",
                  "item 1 (\"uptime\"): \"files\" entry 4 \"src/../../y\" leads out of the "
                  "repository ('..'); write a path inside it, relative to its root",
                  "item 1 (\"uptime\"): \"files\" entry 5 is empty; remove it or write a path "
                  "relative to the repository root",
                  "item 1 (\"uptime\"): \"files\" entry 6 must be a string, not a number; write a "
                  "path relative to the repository root, like \"src/server.cpp\"",
                  "item 1 (\"uptime\"): \"files\" entry 7 \"C:\\\\src\\\\b.cpp\" is an absolute "
                  "path; write it relative to the repository root, like \"src/server.cpp\"",
                  "item 1 (\"uptime\"): \"files\" entry 8 \"~/notes.md\" is an absolute path; "
                  "write it relative to the repository root, like \"src/server.cpp\"",
              }));
    EXPECT_EQ(problems(R"([{"name":"uptime","description":")" + auth_description +
                       R"(","files":"src/uptime.cpp"}])"),
              Problems{"item 1 (\"uptime\"): \"files\" must be an array of paths, not a string; "
                       "write [\"src/uptime.cpp\"]"});
    EXPECT_EQ(problems(R"([{"name":"uptime","description":")" + auth_description +
                       R"(","files":{"a":1}}])"),
              Problems{"item 1 (\"uptime\"): \"files\" must be an array of paths, not an object; "
                       "write [\"src/server.cpp\", \"tests/*.cpp\"]"});
}

TEST(Validate, EveryProblemAtOnce) {
    Settings s;
    s.max_items = 3;
    s.require_files = true;
    std::string output = R"({"items": [
        {"name": "Add Auth", "description": "short", "files": ["/abs/x.cpp"]},
        {"name": "uptime"},
        "not an item",
        {"name": "uptime", "description": "Serve GET /uptime with the seconds since start.",
         "files": ["src/uptime.cpp"]}
    ]})";
    Report r = validate_plan(output, s);
    EXPECT_EQ(r.items, 4u);
    Problems got;
    for (const Finding& f : r.problems)
        got.push_back(f.problem);
    EXPECT_EQ(got, Problems({
                       "the plan has 4 items; list at most 3, merging small or closely related "
                       "items",
                       "item 1: \"name\" \"Add Auth\" is not kebab-case; use lower-case words "
                       "joined by '-', like \"add-auth\"",
                       "item 1: \"description\" \"short\" is too short (5 characters); describe "
                       "the behaviour to build in one or two sentences, at least 20 characters",
                       "item 1: \"files\" entry 1 \"/abs/x.cpp\" is an absolute path; write it "
                       "relative to the repository root, like \"src/server.cpp\"",
                       "item 2 (\"uptime\"): \"description\" is missing; describe the behaviour "
                       "to build in one or two sentences",
                       "item 2 (\"uptime\"): \"files\" is missing; list the files or globs the "
                       "item will create or change, like [\"src/server.cpp\", \"tests/*.cpp\"]",
                       "item 3 is a string, not an object; write each item as "
                       "{\"name\":...,\"description\":...,\"files\":[...]}",
                       "items 2 and 4 are both named \"uptime\"; names must be unique",
                   }));
    // Findings say which item (counted from 1) and which field.
    ASSERT_EQ(r.problems.size(), 8u);
    EXPECT_FALSE(r.problems[0].item);
    EXPECT_EQ(r.problems[0].field, "items");
    EXPECT_EQ(r.problems[1].item, 1u);
    EXPECT_EQ(r.problems[1].field, "name");
    EXPECT_EQ(r.problems[2].field, "description");
    EXPECT_EQ(r.problems[3].field, "files");
    EXPECT_EQ(r.problems[6].item, 3u);
    EXPECT_EQ(r.problems[6].field, "");
    EXPECT_EQ(r.problems[7].item, 4u);
    EXPECT_EQ(r.problems[7].field, "name");
}

TEST(Verdict, Pass) {
    Settings s;
    json::object v = verdict_of(validate_plan(plan({item("a-1"), item("a-2")}), s), s);
    EXPECT_EQ(v, json::parse(R"({"verdict":"pass","summary":"plan: 2 items","feedback":"",
                                 "findings":[]})"));
    v = verdict_of(validate_plan(plan({item("a-1")}), s), s);
    EXPECT_EQ(v.at("summary"), "plan: 1 item");
}

TEST(Verdict, FailListsEveryProblemThenTheShape) {
    Settings s;
    json::object v = verdict_of(validate_plan(plan({item("Add Auth"), R"({"name":"b"})"}), s), s);
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"), "plan: 2 problems");
    EXPECT_EQ(v.at("feedback"),
              "item 1: \"name\" \"Add Auth\" is not kebab-case; use lower-case words joined by "
              "'-', like \"add-auth\"\n"
              "item 2 (\"b\"): \"description\" is missing; describe the behaviour to build in one "
              "or two sentences\n"
              "expected: {\"items\": [{\"name\": \"add-auth\", \"description\": \"What to build, "
              "in one or two sentences.\", \"files\": [\"src/auth.cpp\", \"tests/*.cpp\"]}]} with "
              "1 to 50 items (\"files\" is optional)");
    EXPECT_EQ(v.at("findings"), json::parse(R"([
        {"item":1,"field":"name","problem":"item 1: \"name\" \"Add Auth\" is not kebab-case; use lower-case words joined by '-', like \"add-auth\""},
        {"item":2,"field":"description","problem":"item 2 (\"b\"): \"description\" is missing; describe the behaviour to build in one or two sentences"}])"));
}

TEST(Verdict, NotJsonFindingHasLineAndColumn) {
    Settings s;
    json::object v = verdict_of(validate_plan("[\n{\"name\": 'a'}]", s), s);
    EXPECT_EQ(v.at("summary"), "plan: 1 problem");
    const json::object& f = v.at("findings").as_array().at(0).as_object();
    EXPECT_EQ(f.at("item"), nullptr);
    EXPECT_EQ(f.at("field"), nullptr);
    EXPECT_EQ(f.at("line"), 2);
    EXPECT_EQ(f.at("column"), 10);
    EXPECT_EQ(f.at("problem"), "the output is not JSON: syntax error at line 2, column 10, near "
                               "''a'}]' (JSON strings and names take double quotes)");
}

TEST(Verdict, ExpectedShapeFollowsTheSettings) {
    Settings s;
    s.min_items = 0;
    s.max_items = 5;
    s.require_files = true;
    std::string feedback(verdict_of(validate_plan("nothing", s), s).at("feedback").as_string());
    EXPECT_TRUE(feedback.ends_with("with at most 5 items")) << feedback;
    s.min_items = s.max_items = 1;
    feedback = verdict_of(validate_plan("nothing", s), s).at("feedback").as_string();
    EXPECT_TRUE(feedback.ends_with("with exactly 1 item")) << feedback;
}

TEST(Verdict, FeedbackIsCappedButFindingsAreComplete) {
    Settings s;
    s.max_items = 500;
    std::vector<std::string> items;
    for (int i = 0; i < 150; ++i)
        items.push_back(item("Item " + std::to_string(i)));
    json::object v = verdict_of(validate_plan(plan(items), s), s);
    EXPECT_EQ(v.at("findings").as_array().size(), 150u);
    std::string feedback(v.at("feedback").as_string());
    EXPECT_NE(feedback.find("[... and 50 more problems ...]\nexpected: "), std::string::npos);
}

TEST(Kebab, Names) {
    EXPECT_TRUE(is_kebab_case("add-auth"));
    EXPECT_TRUE(is_kebab_case("v2"));
    EXPECT_FALSE(is_kebab_case("add--auth"));
    EXPECT_FALSE(is_kebab_case("-add"));
    EXPECT_FALSE(is_kebab_case("add-"));
    EXPECT_FALSE(is_kebab_case("add_auth"));
    EXPECT_FALSE(is_kebab_case("Add"));
    EXPECT_EQ(kebab_case("Add Auth"), "add-auth");
    EXPECT_EQ(kebab_case("  fix: the `login` page!  "), "fix-the-login-page");
    EXPECT_EQ(kebab_case("!!!"), "add-auth");
}

} // namespace
