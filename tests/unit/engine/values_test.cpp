// How a step sees what earlier steps left: its own group's siblings first, then outwards.
#include "engine/values.hpp"

#include <gtest/gtest.h>

namespace gump::engine {
namespace {

TEST(Values, AStepInsideAnItemSeesATopLevelStep) {
    Values values;
    values.set("decompose", "output", "the plan");
    EXPECT_EQ(values.lookup("build/1/impl", "decompose.output"), "the plan");
    EXPECT_EQ(values.lookup("build/7/review", "decompose.output"), "the plan");
    EXPECT_EQ(values.lookup("verify", "decompose.output"), "the plan");
}

TEST(Values, ASiblingInTheSameItemShadowsATopLevelStepOfTheSameName) {
    Values values;
    values.set("tests", "output", "top-level tests");
    values.set("build/1/tests", "output", "item 1 tests");
    EXPECT_EQ(values.lookup("build/1/impl", "tests.output"), "item 1 tests");
    // Item 2 has no sibling "tests": it sees the top-level one.
    EXPECT_EQ(values.lookup("build/2/impl", "tests.output"), "top-level tests");
    EXPECT_EQ(values.lookup("after", "tests.output"), "top-level tests");
}

TEST(Values, AnotherItemsStepIsNotVisible) {
    Values values;
    values.set("build/2/impl", "diff", "item 2's diff");
    EXPECT_EQ(values.lookup("build/1/x", "impl.diff"), std::nullopt);
    EXPECT_EQ(values.find_step("build/1/x", "impl"), std::nullopt);
    // ...but its own item's later step sees it.
    EXPECT_EQ(values.lookup("build/2/review", "impl.diff"), "item 2's diff");
}

TEST(Values, AnUnknownFieldOrStepOrANameWithoutAFieldIsAbsent) {
    Values values;
    values.set("decompose", "output", "plan");
    EXPECT_EQ(values.lookup("build/1/impl", "decompose.nope"), std::nullopt);
    EXPECT_EQ(values.lookup("build/1/impl", "nope.output"), std::nullopt);
    EXPECT_EQ(values.lookup("build/1/impl", "decompose"), std::nullopt);
    EXPECT_EQ(values.lookup("build/1/impl", ""), std::nullopt);
}

TEST(Values, FindStepGivesTheFullPathOfTheInnermostMatch) {
    Values values;
    values.set("decompose", "output", "plan");
    values.set("build", "diff", "group diff");
    values.set("build/1/impl", "diff", "d1");
    values.set("outer/inner/3/plan", "output", "inner plan");
    values.set("outer/plan", "output", "outer plan");
    EXPECT_EQ(values.find_step("build/1/impl", "decompose"), "decompose");
    EXPECT_EQ(values.find_step("build/1/review", "impl"), "build/1/impl");
    EXPECT_EQ(values.find_step("after", "build"), "build");
    EXPECT_EQ(values.find_step("outer/inner/3/code", "plan"), "outer/inner/3/plan");
    EXPECT_EQ(values.find_step("outer/inner/2/code", "plan"), "outer/plan");
    EXPECT_EQ(values.find_step("decompose", "missing"), std::nullopt);
}

TEST(Values, ALaterSetReplacesAFieldAndKeepsTheOthers) {
    Values values;
    values.set("impl", "diff", "first");
    values.set("impl", "files", "a.c");
    values.set("impl", "diff", "second");
    EXPECT_EQ(values.lookup("next", "impl.diff"), "second");
    EXPECT_EQ(values.lookup("next", "impl.files"), "a.c");
}

} // namespace
} // namespace gump::engine
