// The retry ladder's semantics: rungs apply from their attempt on and stay in force; a changed
// agent starts a new session; reset and new-session rungs are sticky too.
#include "plan/attempts.hpp"

#include <gtest/gtest.h>

using namespace gump;

namespace {

workflow::Step cheap2sota_impl() {
    workflow::Step s;
    s.name = "impl";
    s.agent = "qwen";
    s.prompt.text = "do it";
    s.retry.attempts = 5;
    s.retry.ladder = {{3, "claude-haiku", {}, false, false, {}},
                      {4, "claude-sonnet", {}, false, false, {}},
                      {5, "claude-opus", {}, false, true, {}}};
    return s;
}

TEST(Attempts, TheCapCountsAttemptsNotRetries) {
    workflow::Step s = cheap2sota_impl();
    EXPECT_EQ(plan::attempt_plans(s).size(), 5u);
    s.retry = {};
    EXPECT_EQ(plan::attempt_plans(s).size(), 1u);
}

TEST(Attempts, WithoutARungTheSameAgentResumesItsSession) {
    auto plans = plan::attempt_plans(cheap2sota_impl());
    EXPECT_EQ(plans[1].agent, "qwen");
    EXPECT_FALSE(plans[1].new_session);
    EXPECT_FALSE(plans[1].agent_changed);
    EXPECT_FALSE(plans[1].reset);
}

TEST(Attempts, AChangedAgentAlwaysStartsANewSession) {
    auto plans = plan::attempt_plans(cheap2sota_impl());
    EXPECT_EQ(plans[2].agent, "claude-haiku");
    EXPECT_TRUE(plans[2].agent_changed);
    EXPECT_TRUE(plans[2].new_session);
    EXPECT_EQ(plans[3].agent, "claude-sonnet");
    EXPECT_TRUE(plans[3].new_session);
    EXPECT_EQ(plans[4].agent, "claude-opus");
    EXPECT_TRUE(plans[4].reset);
}

TEST(Attempts, RungsStayInForce) {
    workflow::Step s;
    s.agent = "qwen";
    s.retry.attempts = 4;
    workflow::Template better{"try harder", {}};
    s.retry.ladder = {{2, std::nullopt, better, true, true, {}}};
    auto plans = plan::attempt_plans(s);
    for (int k = 1; k < 4; ++k) {
        EXPECT_EQ(plans[k].prompt->text, "try harder");
        EXPECT_TRUE(plans[k].new_session);
        EXPECT_TRUE(plans[k].reset);
        EXPECT_EQ(plans[k].agent, "qwen");
    }
    EXPECT_TRUE(plans[1].prompt_changed);
    EXPECT_FALSE(plans[2].prompt_changed);
    EXPECT_EQ(plans[0].prompt, &s.prompt);
}

} // namespace
