#pragma once
// Checking a plan step's output: the items a planning agent produced, each problem in a sentence
// that tells the agent what to fix (item numbers count from 1, as people count).
#include "extract.hpp"
#include "settings.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plan_schema {

constexpr size_t max_name_length = 60;         // characters
constexpr size_t min_description_length = 20;  // characters, without surrounding blanks
constexpr size_t feedback_problem_limit = 100; // lines of problems in the feedback

struct Finding {
    std::optional<size_t> item;       // 1-based; none: the plan as a whole
    std::string field;                // "name", "description", "files", "items"; empty: none
    std::string problem;              // one sentence: what is wrong; how to fix it
    std::optional<Position> position; // the output is not JSON: where parsing stopped
};

struct Report {
    size_t items = 0;              // how many items the plan has
    std::vector<Finding> problems; // empty: the plan passes
};

// Every problem of the plan in `output` (see extract_plan for where it is looked for).
// `worktree`, when given, turns an absolute path inside it into the relative one to suggest.
Report validate_plan(std::string_view output, const Settings& settings,
                     std::string_view worktree = {});

// The gate result: {"verdict": "pass"|"fail", "summary", "feedback", "findings": [...]}.
boost::json::object verdict_of(const Report& report, const Settings& settings);

// [a-z0-9]+(-[a-z0-9]+)*
bool is_kebab_case(std::string_view name);

// A kebab-case name close to `name` ("Add Auth" -> "add-auth", "addAuth" -> "add-auth"), at most
// max_name_length characters; "add-auth" when nothing usable is left.
std::string kebab_case(std::string_view name);

} // namespace plan_schema
