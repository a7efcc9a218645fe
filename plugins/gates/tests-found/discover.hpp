#pragma once
// The pure logic of the tests-found gate: which language a test file is in, the test cases a file
// defines (read statically), the tests a runner's listing names, and the verdict.
#include <boost/json.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tests_found {

enum class Language { none, python, go, rust, javascript, cpp };

// By extension; none for files that hold no tests (data, fixtures, documentation).
Language language_of(std::string_view path);

// Files that are test support rather than tests (conftest.py, __init__.py).
bool is_support_file(std::string_view path);

// The names of the test cases `text` defines, read by pattern: Python `def test_*`, Go
// `func Test*`, Rust the functions after `#[test]`, JS `it(` / `test(` (unnamed: "it#1"...),
// C/C++ `TEST(Suite, Name)` as "Suite.Name" (also TEST_F, TEST_P, TEST_CASE) or a `test_*`
// function at the start of a line.
std::vector<std::string> static_tests(Language language, std::string_view text);

// unittest without pytest: the `def test_*` methods of classes deriving from a `TestCase`.
std::vector<std::string> unittest_tests(std::string_view text);

// `pytest --collect-only -q`: "tests/test_a.py::test_one" lines, counted per file.
std::map<std::string, size_t> parse_pytest_collect(std::string_view out);

// `go test -list .`: the Test/Benchmark/Example/Fuzz names.
std::vector<std::string> parse_go_list(std::string_view out);

// `cargo test -- --list`: the names of "path::name: test" lines.
std::vector<std::string> parse_cargo_list(std::string_view out);

// `ctest -N`: the names of "Test #1: name" lines.
std::vector<std::string> parse_ctest_list(std::string_view out);

// How many of a file's `defined` tests the runner `listed` (Rust: on the last "::" component;
// C/C++: listed names containing the defined one).
size_t count_listed(Language language, const std::vector<std::string>& defined,
                    const std::vector<std::string>& listed);

// The lines of a listing command's output that name the file (its path or its stem).
size_t count_mentions(std::string_view out, std::string_view path);

// What the runner found in one changed test file; `detail` says why none when tests == 0.
struct FileResult {
    std::string path;
    size_t tests = 0;
    std::string detail;
};

// pass when every file has a test, else fail with a finding per file without one.
boost::json::object verdict_of(const std::vector<FileResult>& files, std::string_view gate);

// The fix for a file of `language` in which nothing was found.
std::string naming_hint(Language language);

} // namespace tests_found
