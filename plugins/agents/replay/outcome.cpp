#include "outcome.hpp"

#include <algorithm>

namespace replay {

const std::vector<std::string>& failure_classes() {
    static const std::vector<std::string> classes{"auth",  "config",  "transient",
                                                  "crash", "timeout", "agent"};
    return classes;
}

bool is_failure_class(std::string_view name) {
    const auto& classes = failure_classes();
    return std::find(classes.begin(), classes.end(), name) != classes.end();
}

Failure stopped_failure() {
    return {"agent", "stopped by gump"};
}

boost::json::object outcome_json(const Outcome& outcome) {
    boost::json::object out{{"success", outcome.success},
                            {"session", outcome.session},
                            {"text", outcome.text},
                            {"turns", outcome.turns},
                            {"usage", usage_json(outcome.usage)}};
    if (outcome.usage.cost_usd) {
        out["cost_usd"] = *outcome.usage.cost_usd;
        out["cost_source"] = "reported";
    } else {
        out["cost_usd"] = nullptr;
        out["cost_source"] = "unknown";
    }
    if (!outcome.success) {
        // A failure always says what happened, even when nobody gave the reason.
        Failure f = outcome.failure.value_or(
            Failure{"agent", "the replay agent failed without saying why"});
        out["failure"] = {{"class", f.failure_class}, {"message", f.message}};
    }
    return out;
}

} // namespace replay
