#pragma once
// Judging a step's changes: what made the tests easier instead of the code better. Pure: the gate
// gathers the changes, the test counts and the diff from git; this decides and words the verdict.
#include "diff.hpp"
#include "settings.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace integrity {

constexpr size_t summary_finding_limit = 5;    // findings named in the summary
constexpr size_t feedback_finding_limit = 100; // lines of findings in the feedback
constexpr size_t shown_line_limit = 160;       // characters of a source line quoted in a finding

struct Finding {
    std::string kind; // "deleted-test", "fewer-tests", "skip-marker", "gate-config"
    std::string path;
    std::optional<size_t> line; // skip-marker: 1-based, in the file at head
    std::string detail;         // what happened, one sentence
    std::string label;          // short, for the summary: "deleted tests/test_a.py"
    std::string fix;            // for the feedback: what to do, and why
    boost::json::object extra;  // more fields of the finding: renamed_to, before, after, marker...
    std::vector<std::string> scope_paths; // what the item's files must cover to excuse it
};

struct Assessment {
    std::vector<Finding> findings; // any: fail
    std::vector<Finding> excused;  // findings within the item's own scope
};

struct TestCount {
    std::string old_path; // at base
    std::string path;     // at head
    size_t before = 0;
    size_t after = 0;
};

bool is_test_path(const Settings& settings, std::string_view path);
bool is_config_path(const Settings& settings, std::string_view path);

// True when one of the item's "files" patterns explicitly covers `path` (see covers()).
bool in_scope(const std::vector<std::string>& scope, std::string_view path);

// The changed test files whose test cases are to be counted: modified (or renamed from a test
// path to a test path), in a language whose tests can be counted, not gate configuration.
std::vector<Change> files_to_count(const std::vector<Change>& changes, const Settings& settings);

// Every finding, in this order: deleted-test, fewer-tests, skip-marker (unless allow_skips),
// gate-config; each moved to `excused` when the item's own scope covers it. An added line that
// repeats a removed line of the same file (a moved or re-indented line), or that carries a marker
// some removed line of the file carried (an edited reason), adds no skip.
Assessment assess(const std::vector<Change>& changes, const std::vector<TestCount>& counts,
                  const std::vector<FileDiff>& diffs, const Settings& settings,
                  const std::vector<std::string>& scope);

// The finding as the result lists it: {"kind","path","line"?,"detail", ...extra}.
boost::json::object finding_json(const Finding& finding);

// The gate result: {"verdict": "pass"|"fail", "summary", "feedback", "findings", "excused"}.
boost::json::object verdict_of(const Assessment& assessment, std::string_view gate);

} // namespace integrity
