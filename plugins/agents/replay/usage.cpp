#include "usage.hpp"

namespace replay {

namespace {

// floor(total * turn / turns) without the product overflowing for large totals.
long long share(long long total, int turn, int turns) {
    return total / turns * turn + total % turns * turn / turns;
}

} // namespace

Usage usage_after_turn(const Usage& total, int turn, int turns) {
    if (turns <= 0 || turn >= turns) return total;
    if (turn <= 0)
        return Usage{0, 0, 0, 0, total.cost_usd ? std::optional<double>(0.0) : std::nullopt};
    Usage u;
    u.input_tokens = share(total.input_tokens, turn, turns);
    u.output_tokens = share(total.output_tokens, turn, turns);
    u.cache_read_tokens = share(total.cache_read_tokens, turn, turns);
    u.cache_write_tokens = share(total.cache_write_tokens, turn, turns);
    if (total.cost_usd) u.cost_usd = *total.cost_usd * turn / turns;
    return u;
}

std::pair<size_t, size_t> ops_in_turn(size_t count, int turn, int turns) {
    if (turns <= 1) return {0, count};
    auto bound = [&](int k) { return count * static_cast<size_t>(k) / static_cast<size_t>(turns); };
    return {bound(turn - 1), bound(turn)};
}

boost::json::object usage_json(const Usage& usage) {
    return {{"input_tokens", usage.input_tokens},
            {"output_tokens", usage.output_tokens},
            {"cache_read_tokens", usage.cache_read_tokens},
            {"cache_write_tokens", usage.cache_write_tokens}};
}

boost::json::object usage_event(const Usage& usage) {
    boost::json::object event{{"type", "usage"}};
    for (auto& [key, value] : usage_json(usage))
        event[key] = value;
    if (usage.cost_usd) event["cost_usd"] = *usage.cost_usd;
    return event;
}

} // namespace replay
