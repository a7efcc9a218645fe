#pragma once
// Token counts and cost of one invocation, and how the scripted agent reveals them turn by turn.
#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <utility>

namespace replay {

struct Usage {
    long long input_tokens = 0;
    long long output_tokens = 0;
    long long cache_read_tokens = 0;
    long long cache_write_tokens = 0;
    std::optional<double> cost_usd; // absent: nobody reported a cost
};

// The totals after `turn` of `turns` turns: turn/turns of each total, rounded down, and exactly
// the totals at the last turn (usage events carry running totals, never deltas).
Usage usage_after_turn(const Usage& total, int turn, int turns);

// The operations [first, last) of `count` that turn `turn` (1-based) of `turns` performs: each
// operation lands in exactly one turn, in order, the later turns taking the work when there is
// less work than turns (a real agent reads before it writes).
std::pair<size_t, size_t> ops_in_turn(size_t count, int turn, int turns);

// {"input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens"}.
boost::json::object usage_json(const Usage& usage);

// A usage event: the four counts, and cost_usd when it is known.
boost::json::object usage_event(const Usage& usage);

} // namespace replay
