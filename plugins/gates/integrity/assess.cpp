#include "assess.hpp"

#include "glob.hpp"
#include "scan.hpp"

#include <algorithm>
#include <map>

namespace integrity {

namespace json = boost::json;

namespace {

const char* const not_to_pass = "a step may not remove tests to pass";
const char* const not_to_skip = "a step may not skip tests to pass";
const char* const not_to_configure =
    "a step may not change how it is checked (CI scripts, test runner configuration) to pass";

bool any_matches(const std::vector<std::string>& globs, std::string_view path) {
    return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) {
        return glob_matches(normalized_pattern(g), path);
    });
}

std::string plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string_view stripped(std::string_view text) {
    size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    size_t last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

// A source line as a finding quotes it: without surrounding blanks, cut when very long.
std::string trimmed(std::string_view text) {
    std::string out(stripped(text));
    if (out.size() > shown_line_limit) {
        size_t cut = shown_line_limit;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
            --cut; // not inside a UTF-8 sequence
        out = out.substr(0, cut) + "...";
    }
    return out;
}

Finding finding(const char* kind, const std::string& path) {
    Finding f;
    f.kind = kind;
    f.path = path;
    return f;
}

Finding deleted_test(const Change& c) {
    Finding f = finding("deleted-test", c.old_path);
    f.scope_paths = {c.old_path};
    if (c.status == 'D') {
        f.detail = c.old_path + " was deleted";
        f.label = "deleted " + c.old_path;
        f.fix = "restore " + c.old_path + ": a step may not delete tests to pass";
        return f;
    }
    f.detail = c.old_path + " was renamed to " + c.path + ", which is not a test path";
    f.label = "renamed " + c.old_path + " to " + c.path;
    f.fix = "restore " + c.old_path + " (renamed to " + c.path +
            ", which is not a test path, so its tests no longer run): " + not_to_pass;
    f.extra["renamed_to"] = c.path;
    return f;
}

Finding fewer_tests(const TestCount& t) {
    Finding f = finding("fewer-tests", t.path);
    f.scope_paths = {t.path};
    std::string where = t.path;
    if (t.old_path != t.path) {
        where += " (was " + t.old_path + ")";
        f.extra["old_path"] = t.old_path;
        f.scope_paths.push_back(t.old_path);
    }
    f.detail = where + ": " + plural(t.before, "test case", "test cases") + " before, " +
               std::to_string(t.after) + " after";
    f.label = "fewer test cases in " + t.path + " (" + std::to_string(t.before) + " before, " +
              std::to_string(t.after) + " after)";
    size_t gone = t.before - t.after;
    f.fix = f.detail + "; restore the " + (gone == 1 ? "removed test case" : "removed test cases") +
            " (renaming or rewriting a test is fine, dropping it is not): " + not_to_pass;
    f.extra["before"] = t.before;
    f.extra["after"] = t.after;
    return f;
}

Finding skip(const FileDiff& d, const AddedLine& added, const Marker& marker) {
    Finding f = finding("skip-marker", d.path);
    f.line = added.line;
    f.scope_paths = {d.path};
    std::string at = d.path + ":" + std::to_string(added.line);
    f.detail = "added " + marker.text + ": " + trimmed(added.text);
    if (marker.focus) {
        f.label = "focus marker at " + at;
        f.fix = "remove " + marker.text + " at " + at +
                ": focusing on some tests keeps the others from running; " + not_to_skip;
    } else {
        f.label = "skip marker at " + at;
        f.fix = "remove " + marker.text + " at " + at +
                " and make the test pass instead: " + not_to_skip;
    }
    f.extra["marker"] = marker.text;
    return f;
}

std::vector<Finding> skips_in(const FileDiff& d) {
    std::vector<Finding> out;
    Language language = language_of(d.path);
    if (language == Language::none || d.added.empty()) return out;
    // A removed line that comes back unchanged (moved, or only re-indented) pairs with it.
    std::map<std::string_view, size_t> removed_lines;
    for (const std::string& line : d.removed)
        ++removed_lines[stripped(line)];
    std::vector<bool> paired(d.added.size(), false);
    for (size_t i = 0; i < d.added.size(); ++i) {
        auto it = removed_lines.find(stripped(d.added[i].text));
        if (it != removed_lines.end() && it->second > 0) {
            --it->second;
            paired[i] = true;
        }
    }
    // A marker some unpaired removed line carried: the same skip, reworded (a new reason).
    std::map<std::string, size_t> removed_markers;
    for (const auto& [line, left] : removed_lines)
        if (left > 0)
            if (Marker m = skip_marker(language, line)) removed_markers[m.text] += left;
    for (size_t i = 0; i < d.added.size(); ++i) {
        if (paired[i]) continue;
        Marker m = skip_marker(language, d.added[i].text);
        if (!m) continue;
        if (size_t& left = removed_markers[m.text]; left > 0) {
            --left;
            continue;
        }
        out.push_back(skip(d, d.added[i], m));
    }
    return out;
}

std::optional<Finding> gate_config(const Change& c, const Settings& settings) {
    bool old_is = c.status != 'A' && c.status != 'C' && is_config_path(settings, c.old_path);
    bool new_is = c.status != 'D' && is_config_path(settings, c.path);
    if (!old_is && !new_is) return std::nullopt;
    Finding f = finding("gate-config", new_is ? c.path : c.old_path);
    if (old_is) f.scope_paths.push_back(c.old_path);
    if (new_is && c.path != c.old_path) f.scope_paths.push_back(c.path);
    std::string change;
    const std::string& p = f.path;
    if (c.status == 'R' && c.old_path != c.path) {
        change = "renamed";
        f.detail = c.old_path + " (gate configuration) was renamed to " + c.path;
        f.label = "renamed gate configuration " + c.old_path + " to " + c.path;
        f.fix = "rename " + c.path + " back to " + c.old_path + ": " + not_to_configure;
        f.extra["old_path"] = c.old_path;
    } else if (c.status == 'A' || c.status == 'C' || (c.status == 'R' && !old_is)) {
        change = "added";
        f.detail = p + " (gate configuration) was added";
        f.label = "added gate configuration " + p;
        f.fix = "remove " + p + ": " + not_to_configure;
    } else if (c.status == 'D') {
        change = "deleted";
        f.detail = p + " (gate configuration) was deleted";
        f.label = "deleted gate configuration " + p;
        f.fix = "restore " + p + ": " + not_to_configure;
    } else {
        change = "edited";
        f.detail = p + " (gate configuration) was edited";
        f.label = "edited gate configuration " + p;
        f.fix = "revert the change to " + p + ": " + not_to_configure;
    }
    f.extra["change"] = change;
    return f;
}

} // namespace

bool is_test_path(const Settings& settings, std::string_view path) {
    return any_matches(settings.tests, path);
}

bool is_config_path(const Settings& settings, std::string_view path) {
    return any_matches(settings.config, path);
}

bool in_scope(const std::vector<std::string>& scope, std::string_view path) {
    return std::any_of(scope.begin(), scope.end(),
                       [&](const std::string& pattern) { return covers(pattern, path); });
}

std::vector<Change> files_to_count(const std::vector<Change>& changes, const Settings& settings) {
    std::vector<Change> out;
    for (const Change& c : changes) {
        if (c.status != 'M' && c.status != 'T' && c.status != 'R') continue;
        if (!is_test_path(settings, c.old_path) || !is_test_path(settings, c.path)) continue;
        if (is_config_path(settings, c.old_path) || is_config_path(settings, c.path)) continue;
        if (language_of(c.old_path) == Language::none && language_of(c.path) == Language::none)
            continue;
        out.push_back(c);
    }
    return out;
}

Assessment assess(const std::vector<Change>& changes, const std::vector<TestCount>& counts,
                  const std::vector<FileDiff>& diffs, const Settings& settings,
                  const std::vector<std::string>& scope) {
    std::vector<Finding> all;
    for (const Change& c : changes) {
        if (c.status != 'D' && c.status != 'R') continue;
        if (!is_test_path(settings, c.old_path) || is_config_path(settings, c.old_path)) continue;
        if (c.status == 'R' && is_test_path(settings, c.path)) continue;
        all.push_back(deleted_test(c));
    }
    for (const TestCount& t : counts)
        if (t.after < t.before) all.push_back(fewer_tests(t));
    if (!settings.allow_skips)
        for (const FileDiff& d : diffs)
            if (!d.path.empty())
                for (Finding& f : skips_in(d))
                    all.push_back(std::move(f));
    for (const Change& c : changes)
        if (auto f = gate_config(c, settings)) all.push_back(std::move(*f));

    Assessment out;
    for (Finding& f : all) {
        bool covered = !f.scope_paths.empty() &&
                       std::all_of(f.scope_paths.begin(), f.scope_paths.end(),
                                   [&](const std::string& p) { return in_scope(scope, p); });
        // fewer-tests of a renamed file: either of its paths will do.
        if (f.kind == "fewer-tests")
            covered = std::any_of(f.scope_paths.begin(), f.scope_paths.end(),
                                  [&](const std::string& p) { return in_scope(scope, p); });
        // Plans name the test files an item will edit; that is no licence to skip its tests.
        // A skip that is meant is said with allow_skips.
        if (f.kind == "skip-marker") covered = false;
        (covered ? out.excused : out.findings).push_back(std::move(f));
    }
    return out;
}

json::object finding_json(const Finding& f) {
    json::object o{{"kind", f.kind}, {"path", f.path}};
    if (f.line) o["line"] = *f.line;
    o["detail"] = f.detail;
    for (const auto& [key, value] : f.extra)
        o[key] = value;
    return o;
}

json::object verdict_of(const Assessment& a, std::string_view gate) {
    std::string name(gate.empty() ? "integrity" : gate);
    json::array findings, excused;
    for (const Finding& f : a.findings)
        findings.push_back(finding_json(f));
    for (const Finding& f : a.excused)
        excused.push_back(finding_json(f));
    if (a.findings.empty())
        return {{"verdict", "pass"},
                {"summary", name + ": no test weakened"},
                {"feedback", ""},
                {"findings", std::move(findings)},
                {"excused", std::move(excused)}};

    std::string summary = name + ": " + plural(a.findings.size(), "finding", "findings") + ": ";
    size_t named = std::min(a.findings.size(), summary_finding_limit);
    for (size_t i = 0; i < named; ++i)
        summary += (i ? ", " : "") + a.findings[i].label;
    if (named < a.findings.size())
        summary += ", and " + std::to_string(a.findings.size() - named) + " more";

    std::string feedback;
    size_t shown = std::min(a.findings.size(), feedback_finding_limit);
    for (size_t i = 0; i < shown; ++i)
        feedback += a.findings[i].fix + "\n";
    if (shown < a.findings.size())
        feedback += "[... and " +
                    plural(a.findings.size() - shown, "more finding", "more findings") + " ...]\n";
    return {{"verdict", "fail"},
            {"summary", std::move(summary)},
            {"feedback", std::move(feedback)},
            {"findings", std::move(findings)},
            {"excused", std::move(excused)}};
}

} // namespace integrity
