#include "validate.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace plan_schema {

namespace json = boost::json;

namespace {

const char* const plan_shape = R"({"items":[{"name":...,"description":...,"files":[...]}]})";
const char* const name_fix = "give the item a short kebab-case name, like \"add-auth\"";
const char* const description_fix = "describe the behaviour to build in one or two sentences";
const char* const files_example = R"(["src/server.cpp", "tests/*.cpp"])";

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

size_t characters(std::string_view s) {
    size_t n = 0;
    for (char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::string plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string quoted(std::string_view s) {
    return json::serialize(json::string(s));
}

std::string kind_of(const json::value& v) {
    switch (v.kind()) {
    case json::kind::string:
        return "a string";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
        return "a number";
    case json::kind::bool_:
        return v.as_bool() ? "true" : "false";
    case json::kind::null:
        return "null";
    case json::kind::array:
        return "an array";
    case json::kind::object:
        return "an object";
    }
    return "a value";
}

// A key of `o` that differs from `field` only in case ("Name" for "name").
std::string misspelled(const json::object& o, std::string_view field) {
    for (const auto& [key, _] : o) {
        if (key.size() != field.size() || key == field) continue;
        bool same = true;
        for (size_t i = 0; i < field.size() && same; ++i)
            same = std::tolower(static_cast<unsigned char>(key[i])) == field[i];
        if (same) return std::string(key);
    }
    return {};
}

bool is_absolute(std::string_view path) {
    if (path.empty()) return false;
    if (path.front() == '/' || path.front() == '\\' || path.front() == '~') return true;
    return path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) &&
           path[1] == ':' && (path[2] == '/' || path[2] == '\\');
}

bool leaves_root(std::string_view path) {
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find_first_of("/\\", start);
        if (end == std::string_view::npos) end = path.size();
        if (path.substr(start, end - start) == "..") return true;
        start = end + 1;
    }
    return false;
}

// The path relative to the worktree when `path` is inside it; empty otherwise.
std::string inside(std::string_view path, std::string_view worktree) {
    while (worktree.size() > 1 && worktree.back() == '/')
        worktree.remove_suffix(1);
    if (worktree.empty() || path.size() <= worktree.size() + 1) return {};
    if (path.substr(0, worktree.size()) != worktree || path[worktree.size()] != '/') return {};
    return std::string(path.substr(worktree.size() + 1));
}

class Checker {
public:
    Checker(const Settings& settings, std::string_view worktree)
        : m_settings(settings), m_worktree(worktree) {}

    Report report;

    void plan(const json::value& plan) {
        const json::array* items = items_of(plan);
        if (!items) return;
        size_t n = report.items = items->size();
        auto min = static_cast<size_t>(m_settings.min_items);
        auto max = static_cast<size_t>(m_settings.max_items);
        if (n == 0 && min > 0)
            add({}, "items", "the plan has no items; list at least " + std::to_string(min));
        else if (n < min)
            add({}, "items",
                "the plan has only " + plural(n, "item", "items") + "; list at least " +
                    std::to_string(min) + ", splitting the work into smaller steps");
        else if (n > max)
            add({}, "items",
                "the plan has " + std::to_string(n) + " items; list at most " +
                    std::to_string(max) + ", merging small or closely related items");
        for (size_t i = 0; i < n; ++i)
            item(i + 1, (*items)[i]);
        duplicates();
    }

    void add(std::optional<size_t> item, std::string field, std::string problem) {
        report.problems.push_back({item, std::move(field), std::move(problem), std::nullopt});
    }

private:
    const json::array* items_of(const json::value& plan) {
        if (plan.is_array()) return &plan.as_array();
        const json::object& o = plan.as_object();
        if (const json::value* items = o.if_contains("items")) {
            if (items->is_array()) return &items->as_array();
            add({}, "items",
                "\"items\" must be an array, not " + kind_of(*items) + "; write " + plan_shape);
            return nullptr;
        }
        if (o.contains("name") || o.contains("description")) {
            add({}, "items",
                std::string("the plan is a single item; put the items in a list: ") + plan_shape);
            return nullptr;
        }
        for (const auto& [key, value] : o)
            if (value.is_array()) {
                add({}, "items",
                    "the plan has no \"items\" (found " + quoted(key) +
                        "); write the list under \"items\": " + plan_shape);
                return nullptr;
            }
        add({}, "items", std::string("the plan has no \"items\"; write ") + plan_shape);
        return nullptr;
    }

    void item(size_t index, const json::value& v) {
        std::string label = "item " + std::to_string(index);
        if (!v.is_object()) {
            add(index, "",
                label + " is " + kind_of(v) +
                    ", not an object; write each item as {\"name\":...,\"description\":...,"
                    "\"files\":[...]}");
            return;
        }
        const json::object& o = v.as_object();
        if (std::string name = name_of(index, label, o); !name.empty())
            label += " (" + quoted(name) + ")";
        description(index, label, o);
        files(index, label, o);
    }

    // The item's name when it is a good one (to show in the label), after checking it.
    std::string name_of(size_t index, const std::string& label, const json::object& o) {
        const json::value* v = o.if_contains("name");
        if (!v) {
            std::string other = misspelled(o, "name");
            add(index, "name",
                label + ": \"name\" is missing; " +
                    (other.empty() ? std::string(name_fix)
                                   : "rename " + quoted(other) + " to \"name\""));
            return {};
        }
        if (!v->is_string()) {
            add(index, "name",
                label + ": \"name\" must be a string, not " + kind_of(*v) + "; " + name_fix);
            return {};
        }
        std::string name(v->as_string());
        if (trimmed(name).empty()) {
            add(index, "name", label + ": \"name\" is empty; " + name_fix);
            return {};
        }
        m_names[name].push_back(index);
        bool good = true;
        if (!is_kebab_case(name)) {
            add(index, "name",
                label + ": \"name\" " + quoted(name) +
                    " is not kebab-case; use lower-case words joined by '-', like " +
                    quoted(kebab_case(name)));
            good = false;
        }
        if (size_t n = characters(name); n > max_name_length) {
            add(index, "name",
                label + ": \"name\" is " + std::to_string(n) + " characters long; keep it to " +
                    std::to_string(max_name_length) + " or fewer, like " +
                    quoted(kebab_case(name)));
            good = false;
        }
        return good ? name : std::string();
    }

    void description(size_t index, const std::string& label, const json::object& o) {
        const json::value* v = o.if_contains("description");
        if (!v) {
            std::string other = misspelled(o, "description");
            add(index, "description",
                label + ": \"description\" is missing; " +
                    (other.empty() ? std::string(description_fix)
                                   : "rename " + quoted(other) + " to \"description\""));
            return;
        }
        if (!v->is_string()) {
            add(index, "description",
                label + ": \"description\" must be a string, not " + kind_of(*v) + "; " +
                    description_fix);
            return;
        }
        std::string_view text = trimmed(v->as_string());
        if (text.empty()) {
            add(index, "description", label + ": \"description\" is empty; " + description_fix);
            return;
        }
        if (size_t n = characters(text); n < min_description_length)
            add(index, "description",
                label + ": \"description\" " + quoted(text) + " is too short (" +
                    plural(n, "character", "characters") + "); " + description_fix + ", at least " +
                    std::to_string(min_description_length) + " characters");
    }

    void files(size_t index, const std::string& label, const json::object& o) {
        std::string list_fix =
            std::string("list the files or globs the item will create or change, like ") +
            files_example;
        const json::value* v = o.if_contains("files");
        if (!v) {
            if (!m_settings.require_files) return;
            std::string other = misspelled(o, "files");
            add(index, "files",
                label + ": \"files\" is missing; " +
                    (other.empty() ? list_fix : "rename " + quoted(other) + " to \"files\""));
            return;
        }
        if (!v->is_array()) {
            add(index, "files",
                label + ": \"files\" must be an array of paths, not " + kind_of(*v) + "; write " +
                    (v->is_string() && !v->as_string().empty() ? "[" + quoted(v->as_string()) + "]"
                                                               : std::string(files_example)));
            return;
        }
        const json::array& files = v->as_array();
        if (files.empty() && m_settings.require_files)
            add(index, "files", label + ": \"files\" is empty; " + list_fix);
        for (size_t i = 0; i < files.size(); ++i) {
            std::string entry = label + ": \"files\" entry " + std::to_string(i + 1);
            const json::value& f = files[i];
            if (!f.is_string()) {
                add(index, "files",
                    entry + " must be a string, not " + kind_of(f) +
                        "; write a path relative to the repository root, like \"src/server.cpp\"");
                continue;
            }
            std::string_view path = f.as_string();
            if (trimmed(path).empty()) {
                add(index, "files",
                    entry + " is empty; remove it or write a path relative to the repository root");
            } else if (is_absolute(path)) {
                std::string relative = inside(path, m_worktree);
                add(index, "files",
                    entry + " " + quoted(path) +
                        " is an absolute path; write it relative to the repository root, like " +
                        quoted(relative.empty() ? std::string_view("src/server.cpp")
                                                : std::string_view(relative)));
            } else if (leaves_root(path)) {
                add(index, "files",
                    entry + " " + quoted(path) +
                        " leads out of the repository ('..'); write a path inside it, relative "
                        "to its root");
            }
        }
    }

    void duplicates() {
        std::vector<std::pair<size_t, std::string>> found; // by the first repeat, in item order
        for (const auto& [name, indexes] : m_names)
            if (indexes.size() > 1) found.emplace_back(indexes[1], name);
        std::sort(found.begin(), found.end());
        for (const auto& [repeat, name] : found) {
            const std::vector<size_t>& at = m_names[name];
            std::string list;
            for (size_t i = 0; i < at.size(); ++i)
                list += (i == 0 ? "" : i + 1 == at.size() ? " and " : ", ") + std::to_string(at[i]);
            add(repeat, "name",
                "items " + list + (at.size() == 2 ? " are both" : " are all") + " named " +
                    quoted(name) + "; names must be unique");
        }
    }

    const Settings& m_settings;
    std::string_view m_worktree;
    std::map<std::string, std::vector<size_t>> m_names; // good or not, to find repeats
};

std::string expected_shape(const Settings& s) {
    std::string count;
    if (s.min_items == s.max_items)
        count = "exactly " + std::to_string(s.max_items);
    else if (s.min_items == 0)
        count = "at most " + std::to_string(s.max_items);
    else
        count = std::to_string(s.min_items) + " to " + std::to_string(s.max_items);
    return "expected: {\"items\": [{\"name\": \"add-auth\", \"description\": \"What to build, in "
           "one or two sentences.\", \"files\": [\"src/auth.cpp\", \"tests/*.cpp\"]}]} with " +
           count + (s.max_items == 1 ? " item" : " items") +
           (s.require_files ? "" : " (\"files\" is optional)");
}

} // namespace

bool is_kebab_case(std::string_view name) {
    if (name.empty() || name.front() == '-' || name.back() == '-') return false;
    char previous = '\0';
    for (char c : name) {
        bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!word && (c != '-' || previous == '-')) return false;
        previous = c;
    }
    return true;
}

std::string kebab_case(std::string_view name) {
    std::string out;
    bool split = false; // a separator is due before the next word character
    char previous = '\0';
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        bool upper = c >= 'A' && c <= 'Z';
        bool lower = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!upper && !lower) {
            split = true;
        } else {
            bool camel = upper && ((previous >= 'a' && previous <= 'z') ||
                                   (previous >= '0' && previous <= '9'));
            if ((split || camel) && !out.empty()) out += '-';
            out += static_cast<char>(std::tolower(u));
            split = false;
        }
        previous = c;
    }
    if (out.size() > max_name_length) {
        size_t cut = out.rfind('-', max_name_length);
        out.resize(cut == std::string::npos || cut == 0 ? max_name_length : cut);
        while (!out.empty() && out.back() == '-')
            out.pop_back();
    }
    return out.empty() ? "add-auth" : out;
}

Report validate_plan(std::string_view output, const Settings& settings, std::string_view worktree) {
    Checker check(settings, worktree);
    Extracted plan = extract_plan(output);
    switch (plan.kind) {
    case Extracted::Kind::not_found:
        check.add({}, "",
                  std::string("no plan found: write the items to .gump/out/plan.json as ") +
                      plan_shape);
        break;
    case Extracted::Kind::not_json:
        check.add({}, "", "the output is not JSON: " + plan.error);
        check.report.problems.back().position = plan.position;
        break;
    case Extracted::Kind::found:
        check.plan(plan.value);
        break;
    }
    return std::move(check.report);
}

json::object verdict_of(const Report& report, const Settings& settings) {
    json::array findings;
    for (const Finding& f : report.problems) {
        json::object o{{"item", nullptr}, {"field", nullptr}, {"problem", f.problem}};
        if (f.item) o["item"] = *f.item;
        if (!f.field.empty()) o["field"] = f.field;
        if (f.position) {
            o["line"] = f.position->line;
            o["column"] = f.position->column;
        }
        findings.push_back(std::move(o));
    }
    if (report.problems.empty())
        return {{"verdict", "pass"},
                {"summary", "plan: " + plural(report.items, "item", "items")},
                {"feedback", ""},
                {"findings", std::move(findings)}};
    std::string feedback;
    size_t shown = std::min(report.problems.size(), feedback_problem_limit);
    for (size_t i = 0; i < shown; ++i)
        feedback += report.problems[i].problem + "\n";
    if (shown < report.problems.size())
        feedback += "[... and " +
                    plural(report.problems.size() - shown, "more problem", "more problems") +
                    " ...]\n";
    feedback += expected_shape(settings);
    return {{"verdict", "fail"},
            {"summary", "plan: " + plural(report.problems.size(), "problem", "problems")},
            {"feedback", std::move(feedback)},
            {"findings", std::move(findings)}};
}

} // namespace plan_schema
