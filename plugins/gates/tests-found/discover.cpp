#include "discover.hpp"

#include <algorithm>
#include <cctype>

namespace tests_found {

namespace json = boost::json;

namespace {

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
    return std::any_of(suffixes.begin(), suffixes.end(),
                       [&](std::string_view x) { return s.ends_with(x); });
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
        size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        if (line.ends_with('\r')) line.remove_suffix(1);
        out.push_back(line);
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
    return out;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

bool ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The identifier at the start of `s`.
std::string identifier(std::string_view s) {
    size_t n = 0;
    while (n < s.size() && ident_char(s[n]))
        ++n;
    return std::string(s.substr(0, n));
}

// Offsets of `word` in `line` not preceded by an identifier character (nor '.').
std::vector<size_t> word_calls(std::string_view line, std::string_view word) {
    std::vector<size_t> out;
    for (size_t at = line.find(word); at != std::string_view::npos; at = line.find(word, at + 1))
        if (at == 0 || (!ident_char(line[at - 1]) && line[at - 1] != '.')) out.push_back(at);
    return out;
}

std::vector<std::string> python_tests(std::string_view text, bool methods_only) {
    std::vector<std::string> out;
    for (std::string_view line : lines_of(text)) {
        std::string_view t = trimmed(line);
        bool indented = t.size() != line.size() && !line.empty() &&
                        std::isspace(static_cast<unsigned char>(line.front()));
        if (methods_only && !indented) continue;
        if (t.starts_with("async ")) t = trimmed(t.substr(6));
        if (t.starts_with("def test")) out.push_back(identifier(t.substr(4)));
    }
    return out;
}

std::vector<std::string> cpp_tests(std::string_view text) {
    std::vector<std::string> out;
    for (std::string_view line : lines_of(text)) {
        bool found = false;
        for (std::string_view macro : {"TEST(", "TEST_F(", "TEST_P(", "TYPED_TEST(", "TEST_CASE("})
            for (size_t at : word_calls(line, macro)) {
                std::string_view args = line.substr(at + macro.size());
                args = args.substr(0, args.find(')'));
                size_t comma = args.find(',');
                std::string suite(trimmed(args.substr(0, comma)));
                std::string name = comma == std::string_view::npos
                                       ? ""
                                       : std::string(trimmed(args.substr(comma + 1)));
                if (macro == "TEST_CASE(" || name.empty())
                    out.push_back(suite.empty() ? "TEST_CASE" : suite);
                else
                    out.push_back(suite + "." + name);
                found = true;
            }
        if (found || line.empty() || std::isspace(static_cast<unsigned char>(line.front())))
            continue;
        // `void test_parse(void) {` at the start of a line: a function definition.
        std::string_view t = trimmed(line);
        if (t.ends_with(';')) continue;
        for (size_t at : word_calls(t, "test_")) {
            std::string name = identifier(t.substr(at));
            if (at > 0 && t.substr(at + name.size()).starts_with("(")) {
                out.push_back(name);
                break;
            }
        }
    }
    return out;
}

std::vector<std::string> rust_tests(std::string_view text) {
    std::vector<std::string> out;
    bool pending = false;
    for (std::string_view line : lines_of(text)) {
        std::string_view t = trimmed(line);
        if (t.starts_with("#[") &&
            (t.find("test]") != std::string_view::npos ||
             t.find("::test]") != std::string_view::npos || t.starts_with("#[test")))
            pending = true;
        if (!pending) continue;
        size_t fn = t.find("fn ");
        if (fn != std::string_view::npos && (fn == 0 || !ident_char(t[fn - 1]))) {
            out.push_back(identifier(t.substr(fn + 3)));
            pending = false;
        }
    }
    return out;
}

} // namespace

Language language_of(std::string_view path) {
    if (path.ends_with(".py")) return Language::python;
    if (path.ends_with(".go")) return Language::go;
    if (path.ends_with(".rs")) return Language::rust;
    if (ends_with_any(path, {".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts"}))
        return Language::javascript;
    if (ends_with_any(path, {".c", ".cc", ".cpp", ".cxx", ".c++", ".h", ".hh", ".hpp", ".hxx"}))
        return Language::cpp;
    return Language::none;
}

bool is_support_file(std::string_view path) {
    std::string_view name = path.substr(path.rfind('/') + 1);
    return name == "conftest.py" || name == "__init__.py";
}

std::vector<std::string> static_tests(Language language, std::string_view text) {
    std::vector<std::string> out;
    switch (language) {
    case Language::python:
        return python_tests(text, false);
    case Language::go:
        for (std::string_view line : lines_of(text))
            if (line.starts_with("func Test")) out.push_back(identifier(line.substr(5)));
        return out;
    case Language::rust:
        return rust_tests(text);
    case Language::javascript: {
        size_t n = 0;
        for (std::string_view line : lines_of(text))
            for (std::string_view call : {"it(", "test(", "it.only(", "test.only("})
                for (size_t at : word_calls(line, call)) {
                    (void)at;
                    out.push_back(std::string(call.substr(0, call.find('('))) + "#" +
                                  std::to_string(++n));
                }
        return out;
    }
    case Language::cpp:
        return cpp_tests(text);
    case Language::none:
        break;
    }
    return out;
}

std::vector<std::string> unittest_tests(std::string_view text) {
    // Only when some class derives from a TestCase: `class X(unittest.TestCase):`.
    bool has_case = false;
    for (std::string_view line : lines_of(text)) {
        std::string_view t = trimmed(line);
        if (t.starts_with("class ") && t.find("TestCase") != std::string_view::npos &&
            t.find('(') != std::string_view::npos)
            has_case = true;
    }
    return has_case ? python_tests(text, true) : std::vector<std::string>{};
}

std::map<std::string, size_t> parse_pytest_collect(std::string_view out) {
    std::map<std::string, size_t> counts;
    for (std::string_view line : lines_of(out)) {
        line = trimmed(line);
        size_t sep = line.find("::");
        if (sep == std::string_view::npos || sep == 0 || line.find(' ') < sep) continue;
        ++counts[std::string(line.substr(0, sep))];
    }
    return counts;
}

std::vector<std::string> parse_go_list(std::string_view out) {
    std::vector<std::string> names;
    for (std::string_view line : lines_of(out)) {
        line = trimmed(line);
        bool kind = line.starts_with("Test") || line.starts_with("Benchmark") ||
                    line.starts_with("Example") || line.starts_with("Fuzz");
        if (kind && identifier(line) == line) names.emplace_back(line);
    }
    return names;
}

std::vector<std::string> parse_cargo_list(std::string_view out) {
    std::vector<std::string> names;
    for (std::string_view line : lines_of(out))
        if (line.ends_with(": test")) names.emplace_back(line.substr(0, line.size() - 6));
    return names;
}

std::vector<std::string> parse_ctest_list(std::string_view out) {
    std::vector<std::string> names;
    for (std::string_view line : lines_of(out)) {
        line = trimmed(line);
        if (!line.starts_with("Test")) continue;
        size_t hash = line.find('#'), colon = line.find(": ");
        if (hash == std::string_view::npos || colon == std::string_view::npos || colon < hash)
            continue;
        names.emplace_back(trimmed(line.substr(colon + 2)));
    }
    return names;
}

size_t count_listed(Language language, const std::vector<std::string>& defined,
                    const std::vector<std::string>& listed) {
    size_t n = 0;
    for (const std::string& name : listed) {
        std::string_view last = name;
        if (language == Language::rust)
            last = last.substr(last.rfind("::") == std::string::npos ? 0 : last.rfind("::") + 2);
        bool hit = std::any_of(defined.begin(), defined.end(), [&](const std::string& d) {
            if (language == Language::cpp) return !d.empty() && name.find(d) != std::string::npos;
            return d == last;
        });
        n += hit;
    }
    return n;
}

size_t count_mentions(std::string_view out, std::string_view path) {
    std::string_view stem = path.substr(path.rfind('/') + 1);
    stem = stem.substr(0, stem.find('.'));
    size_t n = 0;
    for (std::string_view line : lines_of(out))
        n += line.find(path) != std::string_view::npos ||
             (!stem.empty() && line.find(stem) != std::string_view::npos);
    return n;
}

std::string naming_hint(Language language) {
    switch (language) {
    case Language::python:
        return "name test functions test_* (or test_* methods of a unittest.TestCase class)";
    case Language::go:
        return "name test functions func TestXxx(t *testing.T)";
    case Language::rust:
        return "mark test functions with #[test]";
    case Language::javascript:
        return "define tests with it(...) or test(...)";
    case Language::cpp:
        return "define tests with TEST(Suite, Name) and register them with the test runner";
    case Language::none:
        break;
    }
    return "define at least one test case in it";
}

json::object verdict_of(const std::vector<FileResult>& files, std::string_view gate) {
    std::string name(gate.empty() ? "tests-found" : gate);
    size_t total = 0;
    json::array findings;
    std::string feedback, summary;
    for (const FileResult& f : files) {
        total += f.tests;
        if (f.tests > 0) continue;
        findings.push_back(
            json::object{{"kind", "no-test"}, {"path", f.path}, {"detail", f.detail}});
        feedback += f.path + ": " + f.detail + "\n";
        summary += (summary.empty() ? "" : ", ") + f.path;
    }
    auto plural = [](size_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    if (findings.empty())
        return {{"verdict", "pass"},
                {"summary", name + ": " + plural(total, "test", "tests") + " in " +
                                plural(files.size(), "changed file", "changed files")},
                {"feedback", ""},
                {"findings", std::move(findings)}};
    return {{"verdict", "fail"},
            {"summary", name + ": no test found in " + summary},
            {"feedback", std::move(feedback)},
            {"findings", std::move(findings)}};
}

} // namespace tests_found
