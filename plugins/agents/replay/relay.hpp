#pragma once
// Relaying a [step.command]'s stdout: which lines are events, and what they add up to.
#include "outcome.hpp"
#include "usage.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace replay {

// The event a line carries: a JSON object with a string "type". Any other line (progress, logs,
// half a JSON document) carries none and is ignored.
std::optional<boost::json::object> event_of_line(std::string_view line);

// What the relayed events said, kept for the result.
struct Relayed {
    std::string session; // the last session event's id
    std::string text;    // the last text event's text
    int turns = 0;       // the last turn event's number
    Usage usage;         // the last usage event: running totals already
    bool has_result = false;
    bool result_success = true; // false only when the last result event says "success": false
    std::optional<Failure> result_failure;

    void note(const boost::json::object& event);
};

} // namespace replay
