// The items of a plan: from plan.json or from the JSON in an agent's final answer.
#include "engine/plan_items.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>

namespace gump::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The JSON found, without the whitespace the parser may have consumed after it (it reads up to
// the next non-blank character).
std::string found(std::string_view text) {
    std::string out = extract_json(text);
    while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back())))
        out.pop_back();
    return out;
}

TEST(ExtractJson, ABareArrayIsReturnedWhole) {
    std::string text = R"([{"name": "a"}, {"name": "b"}])";
    EXPECT_EQ(extract_json(text), text);
}

TEST(ExtractJson, TextAroundAFencedBlockIsLeftOut) {
    std::string text = "Here is the plan:\n\n```json\n{\"items\": [{\"name\": \"a\"}]}\n```\n\n"
                       "Tell me if you want changes {or not}.";
    EXPECT_EQ(found(text), "{\"items\": [{\"name\": \"a\"}]}");
}

TEST(ExtractJson, BracesThatDoNotStartJsonAreSkipped) {
    std::string text = "Use {braces} and [brackets carefully]: {\"items\": []} done";
    EXPECT_EQ(found(text), "{\"items\": []}");
}

TEST(ExtractJson, BracesInsideStringsDoNotEndTheValue) {
    std::string text =
        R"(x {"items": [{"name": "a", "description": "a } and { and ] in text"}]} y)";
    EXPECT_EQ(found(text),
              R"({"items": [{"name": "a", "description": "a } and { and ] in text"}]})");
}

TEST(ExtractJson, NothingButWhitespaceFollowsTheValue) {
    std::string json = "{\"items\": [1]}";
    std::string out = extract_json("x " + json + " \n\t trailing words");
    ASSERT_TRUE(out.starts_with(json)) << out;
    for (char c : out.substr(json.size()))
        EXPECT_TRUE(std::isspace(static_cast<unsigned char>(c))) << out;
}

TEST(ExtractJson, NoJsonGivesNothing) {
    EXPECT_EQ(extract_json("I could not finish the plan."), "");
    EXPECT_EQ(extract_json("{\"items\": [ unfinished"), "");
    EXPECT_EQ(extract_json(""), "");
}

TEST(ParseItems, ReadsABareArray) {
    auto items = parse_items(R"([{"name": "a", "description": "do a"}, {"name": "b"}])");
    ASSERT_TRUE(items) << items.error().message;
    ASSERT_EQ(items->size(), 2u);
    EXPECT_EQ((*items)[0].name, "a");
    EXPECT_EQ((*items)[0].description, "do a");
    EXPECT_EQ((*items)[1].name, "b");
    EXPECT_EQ((*items)[1].description, "");
}

TEST(ParseItems, ReadsAnItemsObject) {
    auto items = parse_items(R"({"items": [{"name": "parse-args"}], "notes": "x"})");
    ASSERT_TRUE(items) << items.error().message;
    ASSERT_EQ(items->size(), 1u);
    EXPECT_EQ((*items)[0].name, "parse-args");
}

TEST(ParseItems, ReadsAFencedBlockWithTextAround) {
    auto items = parse_items("The plan:\n```json\n{\"items\": [{\"name\": \"one\", "
                             "\"description\": \"uses {x} and }\"}, {\"name\": \"two\"}]}\n```\n"
                             "That is all.");
    ASSERT_TRUE(items) << items.error().message;
    ASSERT_EQ(items->size(), 2u);
    EXPECT_EQ((*items)[0].description, "uses {x} and }");
    EXPECT_EQ((*items)[1].name, "two");
}

TEST(ParseItems, KeepsTheFilesInOrderAndSkipsNonStrings) {
    auto items = parse_items(
        R"({"items": [{"name": "a", "files": ["src/a.c", 3, "include/a.h", null, "src/*.c"]}]})");
    ASSERT_TRUE(items) << items.error().message;
    EXPECT_THAT((*items)[0].files, ElementsAre("src/a.c", "include/a.h", "src/*.c"));
}

TEST(ParseItems, NoJsonNamesWhereThePlanShouldGo) {
    auto items = parse_items("Sorry, I only thought about it.");
    ASSERT_FALSE(items);
    EXPECT_THAT(items.error().message, HasSubstr(".gump/out/plan.json"));
}

TEST(ParseItems, AnItemWithoutANameIsNamedByItsNumber) {
    auto items = parse_items(R"({"items": [{"name": "a"}, {"description": "no name"}]})");
    ASSERT_FALSE(items);
    EXPECT_THAT(items.error().message, HasSubstr("item 2"));
    EXPECT_THAT(items.error().message, HasSubstr("\"name\""));

    auto empty_name = parse_items(R"([{"name": ""}])");
    ASSERT_FALSE(empty_name);
    EXPECT_THAT(empty_name.error().message, HasSubstr("item 1"));

    auto number_name = parse_items(R"([{"name": "a"}, {"name": "b"}, {"name": 3}])");
    ASSERT_FALSE(number_name);
    EXPECT_THAT(number_name.error().message, HasSubstr("item 3"));
}

TEST(ParseItems, AnItemThatIsNotAnObjectIsNamedByItsNumber) {
    auto items = parse_items(R"({"items": [{"name": "a"}, "b"]})");
    ASSERT_FALSE(items);
    EXPECT_THAT(items.error().message, HasSubstr("item 2 is not an object"));
}

TEST(ParseItems, AnObjectWithoutAnItemsArrayIsRefused) {
    auto missing = parse_items(R"({"plan": []})");
    ASSERT_FALSE(missing);
    EXPECT_THAT(missing.error().message, HasSubstr("\"items\""));
    auto wrong = parse_items(R"({"items": "a, b"})");
    ASSERT_FALSE(wrong);
    EXPECT_THAT(wrong.error().message, HasSubstr("\"items\""));
}

} // namespace
} // namespace gump::engine
