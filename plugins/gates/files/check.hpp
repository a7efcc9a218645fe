#pragma once
// The files gate's rules over the files a step changed, and the verdict that tells the agent what
// to undo or what is missing.
#include "settings.hpp"
#include <gump/glob.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace files_gate {

// Paths are matched with the SDK's globs, as every gate of gump's does.
using gump::sdk::BadGlob;
using gump::sdk::Glob;
using gump::sdk::normalized_path;

constexpr size_t feedback_violation_limit = 100; // lines of violations in the feedback
constexpr size_t changed_files_shown = 10;       // changed files named in a touched violation

enum class Rule { touched, untouched, scope };
const char* rule_name(Rule rule);

struct Violation {
    Rule rule;
    std::string path; // the offending file; empty for touched (no file matches)
    // touched: its globs; untouched: the globs the file matches; scope: every glob in scope.
    std::vector<std::string> patterns;
};

// The files of a plan item: each entry a path, a directory (everything under it) or a glob. An
// entry is taken literally too, so "app/[id]/page.tsx" covers that very file; one that is not a
// valid glob is only taken literally.
class ItemScope {
public:
    explicit ItemScope(const std::vector<std::string>& files);
    bool empty() const { return m_entries.empty(); }
    bool contains(std::string_view path) const;                             // a normalized path
    const std::vector<std::string>& patterns() const { return m_patterns; } // as written

private:
    struct Entry {
        std::string path;
        std::optional<Glob> glob;
    };
    std::vector<Entry> m_entries;
    std::vector<std::string> m_patterns;
};

struct Report {
    std::vector<std::string> changed; // normalized, without repeats and without gump's own files
    std::vector<std::string> checked; // the rules applied ("touched", "untouched", "scope")
    bool scope_unchecked = false;     // scope is on but the step has no item with files
    std::vector<Violation> violations;
};

// Files gump writes itself (.gump/...): never held against a step.
bool is_gump_file(std::string_view path);

// Every violation of the rules of `settings` by the files a step changed. `item_files`: the
// files of the plan item the step works on (empty: no item, or an item without files).
Report check_files(const Settings& settings, const std::vector<std::string>& changed_files,
                   const std::vector<std::string>& item_files);

// The gate result: {"verdict": "pass"|"fail", "summary", "feedback", "findings": [...]}, each
// summary starting with "<gate>: ".
boost::json::object verdict_of(const Report& report, std::string_view gate);

} // namespace files_gate
