#pragma once
// Finding a project's compile, test, lint and coverage commands from the files in its directory,
// and telling a test run that ran no tests from one that passed.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace command_gate {

// Runs a shell command that checks for a tool ("command -v ruff", "python3 -c 'import pytest'")
// in the project's directory; true when it exits 0.
using Probe = std::function<bool(const std::string& shell_command)>;

struct Detected {
    std::string command;
    std::string marker; // what it was detected from: "CMakeLists.txt", "tests/*.py", ...
};

// Whether a command is ever detected for this role (compile, test, lint, coverage).
bool detects_role(std::string_view role);

// The command for `role` in `dir`: the first build system of the table in detect.cpp whose marker
// is there and that has a command for the role; nothing when none has.
std::optional<Detected> detect(const std::filesystem::path& dir, std::string_view role,
                               const Probe& probe);

// The markers looked for, for messages: "CMakeLists.txt, Cargo.toml, ...".
std::string detection_markers();

// Whether package.json text has a non-empty script of this name.
bool package_has_script(std::string_view package_json, std::string_view script);

// Whether a Makefile's text defines this target ("test:", "build test: deps", "lint::").
bool make_has_target(std::string_view makefile, std::string_view target);

// Whether a test command ran no test at all: pytest's exit status 5, ctest's "No tests were
// found", `go test` with "[no test files]" for every package, cargo's "running 0 tests" alone,
// unittest's "Ran 0 tests". `complete` is false when the output was cut: then only the exit
// status is read.
bool no_tests_ran(std::string_view command, long long exit_code, std::string_view out,
                  std::string_view err, bool complete = true);

} // namespace command_gate
