#include "usage.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

using namespace replay;

TEST(Usage, RunningTotalsGrowAndEndExactlyAtTheTotals) {
    Usage total{1000, 301, 7, 2, 0.1};
    Usage previous;
    for (int turn = 1; turn <= 3; ++turn) {
        Usage u = usage_after_turn(total, turn, 3);
        EXPECT_GE(u.input_tokens, previous.input_tokens);
        EXPECT_GE(u.output_tokens, previous.output_tokens);
        EXPECT_LE(u.input_tokens, total.input_tokens);
        previous = u;
    }
    Usage first = usage_after_turn(total, 1, 3);
    EXPECT_EQ(first.input_tokens, 333);
    EXPECT_EQ(first.output_tokens, 100);
    EXPECT_EQ(first.cache_read_tokens, 2);
    EXPECT_EQ(first.cache_write_tokens, 0);
    EXPECT_NEAR(first.cost_usd.value(), 0.1 / 3, 1e-12);
    Usage last = usage_after_turn(total, 3, 3);
    EXPECT_EQ(last.input_tokens, 1000);
    EXPECT_EQ(last.output_tokens, 301);
    EXPECT_EQ(last.cache_read_tokens, 7);
    EXPECT_EQ(last.cache_write_tokens, 2);
    EXPECT_EQ(last.cost_usd.value(), 0.1); // exactly, not 3 * (0.1 / 3)
}

TEST(Usage, LargeTotalsDoNotOverflow) {
    Usage total{4'000'000'000'000'000'000LL, 0, 0, 0, std::nullopt};
    EXPECT_EQ(usage_after_turn(total, 9'999, 10'000).input_tokens, 3'999'600'000'000'000'000LL);
}

TEST(Usage, WithoutACostNoneIsInvented) {
    Usage u = usage_after_turn(Usage{10, 10, 0, 0, std::nullopt}, 1, 2);
    EXPECT_FALSE(u.cost_usd);
    boost::json::object event = usage_event(u);
    EXPECT_EQ(event.at("type"), "usage");
    EXPECT_EQ(event.at("input_tokens"), 5);
    EXPECT_FALSE(event.contains("cost_usd"));
    EXPECT_EQ(usage_event(Usage{0, 0, 0, 0, 0.5}).at("cost_usd"), 0.5);
}

TEST(Usage, OperationsAreSpreadInOrderAndEachDoneOnce) {
    for (int turns = 1; turns <= 5; ++turns)
        for (size_t count = 0; count <= 7; ++count) {
            size_t next = 0;
            for (int turn = 1; turn <= turns; ++turn) {
                auto [first, last] = ops_in_turn(count, turn, turns);
                EXPECT_EQ(first, next) << count << " ops, turn " << turn << " of " << turns;
                EXPECT_LE(first, last);
                next = last;
            }
            EXPECT_EQ(next, count);
        }
    // Fewer operations than turns: the last turns do them.
    EXPECT_EQ(ops_in_turn(1, 1, 3), (std::pair<size_t, size_t>{0, 0}));
    EXPECT_EQ(ops_in_turn(1, 3, 3), (std::pair<size_t, size_t>{0, 1}));
}
