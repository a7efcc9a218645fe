#include "scan.hpp"

#include <array>
#include <regex>
#include <string>
#include <vector>

namespace integrity {

namespace {

std::string lower_extension(std::string_view path) {
    size_t slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return {};
    std::string ext(name.substr(dot + 1));
    for (char& c : ext)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return ext;
}

template <class F> void for_each_line(std::string_view text, F&& f) {
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (line.ends_with('\r')) line.remove_suffix(1);
        f(line);
        start = end + 1;
    }
}

bool search(const std::regex& re, std::string_view line) {
    return std::regex_search(line.begin(), line.end(), re);
}

const std::regex& test_regex(Language language) {
    using std::regex;
    static const regex python(R"(^\s*(?:async\s+)?def\s+test\w*\s*\()");
    static const regex go(R"(^func\s+(?:\([^)]*\)\s*)?(?:Test(?!Main\s*\()|Fuzz)\w*\s*\()");
    static const regex rust(R"(^\s*#\[\s*(?:\w+::)*test\s*(?:\(.*\)\s*)?\])");
    static const regex javascript(
        R"(^\s*(?:it|test|xit|fit|xtest)(?:\s*\.\s*(?:only|skip|todo|concurrent|failing|fails|each|sequential|skipIf|runIf))*\s*[(`])");
    static const regex c_cpp(
        R"(^\s*(?:TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P|TEST_CASE|TEST_CASE_METHOD|SCENARIO|BOOST_AUTO_TEST_CASE|BOOST_FIXTURE_TEST_CASE)\s*\()");
    static const regex java(
        R"(^\s*@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\b)");
    static const regex nothing("$^");
    switch (language) {
    case Language::python:
        return python;
    case Language::go:
        return go;
    case Language::rust:
        return rust;
    case Language::javascript:
        return javascript;
    case Language::c_cpp:
        return c_cpp;
    case Language::java:
        return java;
    case Language::none:
        break;
    }
    return nothing;
}

size_t count_matching(const std::regex& re, std::string_view text) {
    size_t n = 0;
    for_each_line(text, [&](std::string_view line) {
        if (search(re, line)) ++n;
    });
    return n;
}

// C-style test functions: definitions, not declarations ending in ';'.
size_t count_c_style(std::string_view text) {
    static const std::regex re(R"(^\s*(?:static\s+)?(?:inline\s+)?void\s+test_\w*\s*\()");
    size_t n = 0;
    for_each_line(text, [&](std::string_view line) {
        size_t last = line.find_last_not_of(" \t");
        if (last != std::string_view::npos && line[last] == ';') return;
        if (search(re, line)) ++n;
    });
    return n;
}

struct MarkerRule {
    std::regex re;                     // group 1 is the marker as written
    bool focus = false;                // a focus marker rather than a skip
    const char* shown = nullptr;       // how to name the marker; nullptr: group 1, blanks removed
    const std::regex* needs = nullptr; // what the line must also have (DISABLED_: a TEST macro)
};

const std::vector<MarkerRule>& marker_rules(Language language) {
    using std::regex;
    static const std::vector<MarkerRule> python{
        {regex(R"((@?pytest\.mark\.(?:skipif|skip|xfail))\b)")},
        {regex(R"((@unittest\.(?:skipIf|skipUnless|skip|expectedFailure))\b)")},
        {regex(R"((?:^|[^\w.])(pytest\.(?:skip|xfail))\s*\()")},
        {regex(R"((\w+\.skipTest)\s*\()")}};
    static const std::vector<MarkerRule> go{
        {regex(R"((?:^|[^\w.])((?:t|b|tb|f)\.Skip(?:f|Now)?)\s*\()")},
        {regex(R"((\.T\(\)\.Skip(?:f|Now)?)\s*\()")}};
    static const std::vector<MarkerRule> rust{{regex(R"((#\[\s*ignore)\b)"), false, "#[ignore]"}};
    static const std::vector<MarkerRule> javascript{
        {regex(R"((?:^|[^\w.$])((?:it|test|describe|context|suite|specify)\s*\.\s*skip)\b)")},
        {regex(R"((?:^|[^\w.$])((?:it|test|describe|context|suite|specify)\s*\.\s*only)\b)"), true},
        {regex(R"((?:^|[^\w.$])(xit|xtest|xdescribe|xcontext|xspecify)\s*\()")},
        {regex(R"((?:^|[^\w.$])(fit|fdescribe|fcontext)\s*\()"), true},
        {regex(R"((?:^|[^\w.$])(this\.skip)\s*\()")}};
    static const regex test_macro(R"(\b[A-Z_]*TEST[A-Z_]*\s*\()");
    static const std::vector<MarkerRule> c_cpp{
        {regex(R"(\b(GTEST_SKIP)\b)")},
        {regex(R"(\b(doctest::skip)\b)")},
        {regex(R"((?:^|[^\w])(DISABLED_\w*))"), false, nullptr, &test_macro}};
    static const std::vector<MarkerRule> java{{regex(R"((@Disabled\w*|@Ignore)\b)")}};
    static const std::vector<MarkerRule> nothing;
    switch (language) {
    case Language::python:
        return python;
    case Language::go:
        return go;
    case Language::rust:
        return rust;
    case Language::javascript:
        return javascript;
    case Language::c_cpp:
        return c_cpp;
    case Language::java:
        return java;
    case Language::none:
        break;
    }
    return nothing;
}

} // namespace

Language language_of(std::string_view path) {
    static const std::array<std::pair<const char*, Language>, 26> table{{
        {"py", Language::python},      {"go", Language::go},          {"rs", Language::rust},
        {"js", Language::javascript},  {"jsx", Language::javascript}, {"mjs", Language::javascript},
        {"cjs", Language::javascript}, {"ts", Language::javascript},  {"tsx", Language::javascript},
        {"mts", Language::javascript}, {"cts", Language::javascript}, {"c", Language::c_cpp},
        {"h", Language::c_cpp},        {"cc", Language::c_cpp},       {"cpp", Language::c_cpp},
        {"cxx", Language::c_cpp},      {"hh", Language::c_cpp},       {"hpp", Language::c_cpp},
        {"hxx", Language::c_cpp},      {"java", Language::java},      {"kt", Language::java},
        {"kts", Language::java},       {"groovy", Language::java},    {"scala", Language::java},
        {"pyw", Language::python},     {"c++", Language::c_cpp},
    }};
    std::string ext = lower_extension(path);
    for (const auto& [name, language] : table)
        if (ext == name) return language;
    return Language::none;
}

size_t count_tests(Language language, std::string_view text) {
    if (language == Language::none) return 0;
    size_t n = count_matching(test_regex(language), text);
    if (n == 0 && language == Language::c_cpp) n = count_c_style(text);
    return n;
}

TestCounts count_test_cases(std::string_view old_path, std::string_view before,
                            std::string_view path, std::string_view after) {
    Language was = language_of(old_path);
    Language is = language_of(path);
    if (was == Language::c_cpp && is == Language::c_cpp) {
        const std::regex& macros = test_regex(Language::c_cpp);
        TestCounts c{count_matching(macros, before), count_matching(macros, after)};
        if (c.before == 0 && c.after == 0) c = {count_c_style(before), count_c_style(after)};
        return c;
    }
    return {count_tests(was, before), count_tests(is, after)};
}

Marker skip_marker(Language language, std::string_view line) {
    for (const MarkerRule& rule : marker_rules(language)) {
        std::match_results<std::string_view::const_iterator> m;
        if (!std::regex_search(line.begin(), line.end(), m, rule.re)) continue;
        if (rule.needs && !search(*rule.needs, line)) continue;
        if (rule.shown) return Marker{rule.shown, rule.focus};
        std::string text = m[1].str();
        std::erase_if(text, [](char c) { return c == ' ' || c == '\t'; });
        return Marker{std::move(text), rule.focus};
    }
    return {};
}

} // namespace integrity
