#include "extract.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace {

using plan_schema::extract_plan;
using plan_schema::Extracted;
using plan_schema::position_of;
namespace json = boost::json;

TEST(Extract, ObjectWithItems) {
    Extracted e = extract_plan(R"({"items":[{"name":"a"}]})");
    ASSERT_EQ(e.kind, Extracted::Kind::found);
    EXPECT_EQ(e.value, json::parse(R"({"items":[{"name":"a"}]})"));
    EXPECT_EQ(e.offset, 0u);
}

TEST(Extract, BareArray) {
    Extracted e = extract_plan("  [{\"name\":\"a\"}]\n");
    ASSERT_EQ(e.kind, Extracted::Kind::found);
    EXPECT_TRUE(e.value.is_array());
    EXPECT_EQ(e.offset, 2u);
}

TEST(Extract, FencedBlock) {
    Extracted e = extract_plan("Here is the plan:\n\n```json\n{\"items\": []}\n```\nDone.");
    ASSERT_EQ(e.kind, Extracted::Kind::found);
    EXPECT_EQ(e.value, json::parse(R"({"items":[]})"));
}

TEST(Extract, TextAroundIt) {
    Extracted e = extract_plan("I split the work [WIP] into {two} steps: [{\"name\":\"a\"}] and "
                               "that is all {\"x\":1}");
    ASSERT_EQ(e.kind, Extracted::Kind::found);
    EXPECT_EQ(e.value, json::parse(R"([{"name":"a"}])"));
}

TEST(Extract, WhatFollowsTheValueIsIgnored) {
    Extracted e = extract_plan("{\"items\":[]}\n\nI wrote the plan. {broken");
    ASSERT_EQ(e.kind, Extracted::Kind::found);
    EXPECT_EQ(e.value, json::parse(R"({"items":[]})"));
}

TEST(Extract, NothingThatLooksLikeJson) {
    EXPECT_EQ(extract_plan("").kind, Extracted::Kind::not_found);
    EXPECT_EQ(extract_plan("   \n").kind, Extracted::Kind::not_found);
    EXPECT_EQ(extract_plan("I could not make a plan [sorry], {really}.").kind,
              Extracted::Kind::not_found);
}

TEST(Extract, BrokenJsonGivesLineAndColumn) {
    Extracted e =
        extract_plan("{\n  \"items\": [\n    {\"name\": \"a\" \"description\": \"x\"}\n]}");
    ASSERT_EQ(e.kind, Extracted::Kind::not_json);
    EXPECT_EQ(e.position.line, 3u);
    EXPECT_EQ(e.position.column, 18u);
    EXPECT_EQ(e.error, "syntax error at line 3, column 18, near '\"description\": \"x\"}'");
}

TEST(Extract, ABrokenPlanIsNotReplacedByOneOfItsItems) {
    Extracted e =
        extract_plan("Plan:\n```json\n{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\",}]}\n```");
    ASSERT_EQ(e.kind, Extracted::Kind::not_json);
    EXPECT_EQ(e.position.line, 3u);
    EXPECT_EQ(e.position.column, 40u);
    EXPECT_EQ(e.error, "syntax error at line 3, column 40, near '}]}' (remove the ',' before '}')");
}

TEST(Extract, TruncatedJson) {
    Extracted e = extract_plan("[{\"name\": \"a\",\n \"description\": \"b");
    ASSERT_EQ(e.kind, Extracted::Kind::not_json);
    EXPECT_EQ(e.error, "incomplete JSON at line 2, column 19 (the text ends before every '{' and "
                       "'[' is closed)");
}

TEST(Extract, ABraceThatStartsTheTextMustBeJson) {
    Extracted e = extract_plan("{ items: [] }");
    ASSERT_EQ(e.kind, Extracted::Kind::not_json);
    EXPECT_EQ(e.error,
              "syntax error at line 1, column 3, near 'items: [] }' (names and strings take double "
              "quotes)");
}

TEST(Extract, Hints) {
    EXPECT_NE(extract_plan("{'items': []}").error.find("JSON strings and names take double quotes"),
              std::string::npos);
    EXPECT_NE(extract_plan("[{\"name\": \"a\"} {\"name\": \"b\"}]")
                  .error.find("a ',' is missing before it"),
              std::string::npos);
    EXPECT_NE(extract_plan("{\"items\": [] // the plan\n}").error.find("JSON has no comments"),
              std::string::npos);
    EXPECT_NE(extract_plan("[\"a\nb\"]").error.find("write a line break inside a string as \\n"),
              std::string::npos);
}

TEST(Position, CountsLinesAndCharacters) {
    std::string_view text = "ab\nc\xc3\xa9"
                            "d\n";
    EXPECT_EQ(position_of(text, 0).line, 1u);
    EXPECT_EQ(position_of(text, 0).column, 1u);
    EXPECT_EQ(position_of(text, 2).column, 3u);
    EXPECT_EQ(position_of(text, 3).line, 2u);
    EXPECT_EQ(position_of(text, 3).column, 1u);
    EXPECT_EQ(position_of(text, 6).column, 3u); // after 'c' and the two bytes of 'é'
    EXPECT_EQ(position_of(text, 100).line, 3u);
}

} // namespace
