#include "check.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <set>

namespace files_gate {

namespace json = boost::json;

namespace {

const char* const say_so = "if the change is needed, say so in your answer instead";

std::string plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string joined(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : separator) + s;
    return out;
}

// "a", "a and b", "a, b and c"
std::string listed(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return out;
}

std::vector<std::string> patterns_of(const std::vector<Glob>& globs) {
    std::vector<std::string> out;
    for (const Glob& g : globs)
        out.push_back(g.pattern());
    return out;
}

std::string feedback_line(const Violation& v, const Report& report) {
    switch (v.rule) {
    case Rule::touched: {
        if (report.changed.empty())
            return "this step changed no file: create or change at least one file matching " +
                   joined(v.patterns);
        std::vector<std::string> shown(
            report.changed.begin(),
            report.changed.begin() +
                static_cast<std::ptrdiff_t>(std::min(report.changed.size(), changed_files_shown)));
        std::string changed = joined(shown);
        if (report.changed.size() > shown.size())
            changed += " and " + std::to_string(report.changed.size() - shown.size()) + " more";
        return "no file this step changed matches " + joined(v.patterns) +
               ": create or change at least one that does (this step changed " + changed + ")";
    }
    case Rule::untouched:
        return "undo your changes to " + v.path + ": this step must not change files matching " +
               joined(v.patterns) + "; " + say_so;
    case Rule::scope:
        return "undo your changes to " + v.path + ": this step may only change " +
               joined(v.patterns) + "; " + say_so;
    }
    return {};
}

} // namespace

const char* rule_name(Rule rule) {
    switch (rule) {
    case Rule::touched:
        return "touched";
    case Rule::untouched:
        return "untouched";
    case Rule::scope:
        return "scope";
    }
    return "";
}

ItemScope::ItemScope(const std::vector<std::string>& files) {
    for (const std::string& file : files) {
        std::string path = normalized_path(file);
        if (path.empty()) continue;
        Entry entry{path, std::nullopt};
        try {
            entry.glob.emplace(file);
        } catch (const BadGlob&) {
            // Not a glob ("src/[x.cpp"): the path as written.
        }
        m_entries.push_back(std::move(entry));
        m_patterns.push_back(file);
    }
}

bool ItemScope::contains(std::string_view path) const {
    for (const Entry& e : m_entries) {
        if (path == e.path) return true;
        if (path.size() > e.path.size() && path.starts_with(e.path) && path[e.path.size()] == '/')
            return true;
        if (e.glob && e.glob->matches(path)) return true;
    }
    return false;
}

bool is_gump_file(std::string_view path) {
    return path == ".gump" || path.starts_with(".gump/");
}

Report check_files(const Settings& settings, const std::vector<std::string>& changed_files,
                   const std::vector<std::string>& item_files) {
    Report report;
    std::set<std::string> seen;
    for (const std::string& file : changed_files) {
        std::string path = normalized_path(file);
        if (path.empty() || is_gump_file(path) || !seen.insert(path).second) continue;
        report.changed.push_back(std::move(path));
    }

    if (!settings.touched.empty()) {
        report.checked.push_back("touched");
        bool found = std::any_of(report.changed.begin(), report.changed.end(), [&](auto& path) {
            return std::any_of(settings.touched.begin(), settings.touched.end(),
                               [&](const Glob& g) { return g.matches(path); });
        });
        if (!found) report.violations.push_back({Rule::touched, {}, patterns_of(settings.touched)});
    }

    if (!settings.untouched.empty()) {
        report.checked.push_back("untouched");
        for (const std::string& path : report.changed) {
            std::vector<std::string> matching;
            for (const Glob& g : settings.untouched)
                if (g.matches(path)) matching.push_back(g.pattern());
            if (!matching.empty())
                report.violations.push_back({Rule::untouched, path, std::move(matching)});
        }
    }

    if (settings.scope) {
        ItemScope scope(item_files);
        if (scope.empty()) {
            report.scope_unchecked = true;
        } else {
            report.checked.push_back("scope");
            std::vector<std::string> allowed = scope.patterns();
            for (const Glob& g : settings.allow)
                allowed.push_back(g.pattern());
            for (const std::string& path : report.changed) {
                bool inside = scope.contains(path) ||
                              std::any_of(settings.allow.begin(), settings.allow.end(),
                                          [&](const Glob& g) { return g.matches(path); });
                if (!inside) report.violations.push_back({Rule::scope, path, allowed});
            }
        }
    }
    return report;
}

json::object verdict_of(const Report& report, std::string_view gate) {
    std::string prefix = std::string(gate) + ": ";
    const char* no_scope = " (scope: the step has no item with files)";
    if (report.checked.empty())
        return {{"verdict", "pass"},
                {"summary", prefix + "nothing to check" + (report.scope_unchecked ? no_scope : "")},
                {"feedback", ""},
                {"findings", json::array()}};
    if (report.violations.empty())
        return {{"verdict", "pass"},
                {"summary",
                 prefix +
                     plural(report.changed.size(), "changed file passes", "changed files pass") +
                     " " + listed(report.checked) + (report.scope_unchecked ? no_scope : "")},
                {"feedback", ""},
                {"findings", json::array()}};

    json::array findings;
    std::vector<const Violation*> untouched, outside;
    std::vector<std::string> parts;
    for (const Violation& v : report.violations) {
        json::array patterns;
        for (const std::string& p : v.patterns)
            patterns.emplace_back(p);
        json::object finding{
            {"rule", rule_name(v.rule)}, {"path", nullptr}, {"patterns", patterns}};
        if (!v.path.empty()) finding["path"] = v.path;
        findings.push_back(std::move(finding));
        if (v.rule == Rule::touched)
            parts.push_back("no changed file matches touched " + joined(v.patterns));
        else
            (v.rule == Rule::untouched ? untouched : outside).push_back(&v);
    }
    if (untouched.size() == 1)
        parts.push_back(untouched[0]->path + " must stay untouched");
    else if (!untouched.empty())
        parts.push_back(std::to_string(untouched.size()) + " changed files must stay untouched");
    if (outside.size() == 1)
        parts.push_back(outside[0]->path + " is outside the item's scope");
    else if (!outside.empty())
        parts.push_back(std::to_string(outside.size()) +
                        " changed files are outside the item's scope");

    std::string feedback;
    size_t shown = std::min(report.violations.size(), feedback_violation_limit);
    for (size_t i = 0; i < shown; ++i)
        feedback += feedback_line(report.violations[i], report) + "\n";
    if (shown < report.violations.size())
        feedback += "[... and " +
                    plural(report.violations.size() - shown, "more file", "more files") + " ...]\n";
    return {{"verdict", "fail"},
            {"summary", prefix + joined(parts, "; ")},
            {"feedback", std::move(feedback)},
            {"findings", std::move(findings)}};
}

} // namespace files_gate
