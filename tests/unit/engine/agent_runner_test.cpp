#include "engine/agent_runner.hpp"

#include <gtest/gtest.h>

using namespace gump;
using engine::AgentOutcome;

TEST(EstimateCost, PricesEachKindOfTokenOncePerMillion) {
    config::Price price;
    price.input = 3.0;
    price.output = 15.0;
    price.cache_read = 0.3;
    price.cache_write = 3.75;
    runs::Tokens t{240, 60, 1000, 2000};
    EXPECT_NEAR(engine::estimate_cost(t, price),
                (240 * 3.0 + 60 * 15.0 + 1000 * 0.3 + 2000 * 3.75) / 1e6, 1e-12);
    EXPECT_DOUBLE_EQ(engine::estimate_cost({}, price), 0.0);
}

TEST(AddEarlier, ARunAgainAddsUpAndKeepsTheLeastCertainCost) {
    AgentOutcome failed;
    failed.turns = 1;
    failed.tokens = {100, 0, 0, 0};
    failed.cost_usd = 0.01;
    failed.cost_source = "estimated";
    failed.session = "s-1";
    failed.duration_ms = 300;
    AgentOutcome again;
    again.success = true;
    again.turns = 2;
    again.tokens = {240, 60, 0, 0};
    again.cost_usd = 0.02;
    again.cost_source = "reported";
    again.duration_ms = 700;
    engine::add_earlier(again, failed);
    EXPECT_TRUE(again.success);
    EXPECT_EQ(again.turns, 3);
    EXPECT_EQ(again.tokens.input, 340);
    EXPECT_NEAR(again.cost_usd, 0.03, 1e-12);
    EXPECT_EQ(again.cost_source, "estimated");
    EXPECT_EQ(again.session, "s-1");
    EXPECT_EQ(again.duration_ms, 1000);

    AgentOutcome unknown;
    unknown.cost_source = "unknown";
    engine::add_earlier(again, unknown);
    EXPECT_EQ(again.cost_source, "unknown");
}
