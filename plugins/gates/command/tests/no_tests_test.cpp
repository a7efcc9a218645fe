// Telling a test run that ran nothing from one that passed, on the runners' own output: samples of
// each runner's output, and the real output of the runners found on this machine.
#include "detect.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace {

using command_gate::no_tests_ran;
using command_gate::testing::TempDir;

// ---- pytest

const char* const pytest_empty =
    R"(============================= test session starts ==============================
platform linux -- Python 3.11.7, pytest-8.2.0, pluggy-1.5.0
rootdir: /work/repo
configfile: pyproject.toml
collected 0 items

============================ no tests ran in 0.01s =============================
)";

const char* const pytest_passed =
    R"(============================= test session starts ==============================
platform linux -- Python 3.11.7, pytest-8.2.0, pluggy-1.5.0
rootdir: /work/repo
collected 3 items

tests/test_math.py ...                                                   [100%]

============================== 3 passed in 0.02s ===============================
)";

TEST(NoTestsRan, Pytest) {
    EXPECT_TRUE(no_tests_ran("python3 -m pytest", 5, pytest_empty, ""));
    EXPECT_TRUE(no_tests_ran("make test", 5, pytest_empty, ""));
    EXPECT_TRUE(no_tests_ran("pytest -q", 5, "", "")); // exit 5 is pytest's "nothing collected"
    EXPECT_FALSE(no_tests_ran("python3 -m pytest", 0, pytest_passed, ""));
    EXPECT_FALSE(no_tests_ran("./run-checks", 5, "5 checks failed\n", ""));
}

// ---- unittest

const char* const unittest_empty =
    "\n"
    "----------------------------------------------------------------"
    "------\n"
    "Ran 0 tests in 0.000s\n"
    "\n"
    "OK\n";
const char* const unittest_empty_312 =
    "\n"
    "--------------------------------------------------------------"
    "--------\n"
    "Ran 0 tests in 0.000s\n"
    "\n"
    "NO TESTS RAN\n";
const char* const unittest_passed = "...\n"
                                    "--------------------------------------------------------------"
                                    "--------\n"
                                    "Ran 3 tests in 0.001s\n"
                                    "\n"
                                    "OK\n";

TEST(NoTestsRan, Unittest) {
    EXPECT_TRUE(no_tests_ran("python3 -m unittest", 0, "", unittest_empty));
    EXPECT_TRUE(no_tests_ran("python3 -m unittest", 5, "", unittest_empty_312));
    EXPECT_FALSE(no_tests_ran("python3 -m unittest", 0, "", unittest_passed));
    EXPECT_FALSE(no_tests_ran("python3 -m unittest", 0, "", "Ran 10 tests in 0.2s\n\nOK\n"));
}

// ---- ctest

const char* const ctest_empty_out = "Internal ctest changing into directory: /work/repo/build\n"
                                    "Test project /work/repo/build\n";
const char* const ctest_empty_err = "No tests were found!!!\n";
const char* const ctest_passed = R"(Test project /work/repo/build
    Start 1: math.adds
1/2 Test #1: math.adds ........................   Passed    0.01 sec
    Start 2: math.subtracts
2/2 Test #2: math.subtracts ...................   Passed    0.01 sec

100% tests passed, 0 tests failed out of 2

Total Test time (real) =   0.03 sec
)";

TEST(NoTestsRan, Ctest) {
    EXPECT_TRUE(no_tests_ran("ctest --test-dir build", 0, ctest_empty_out, ctest_empty_err));
    EXPECT_TRUE(no_tests_ran("ctest --no-tests=error", 8, ctest_empty_out, ctest_empty_err));
    EXPECT_FALSE(no_tests_ran("ctest --test-dir build", 0, ctest_passed, ""));
}

// ---- go test

const char* const go_empty = "?   \texample.com/x\t[no test files]\n"
                             "?   \texample.com/x/internal/db\t[no test files]\n";
const char* const go_filtered = "ok  \texample.com/x\t0.002s [no tests to run]\n";
const char* const go_mixed = "?   \texample.com/x/cmd\t[no test files]\n"
                             "ok  \texample.com/x/internal/db\t0.004s\n";
const char* const go_failed = "?   \texample.com/x/cmd\t[no test files]\n"
                              "--- FAIL: TestAdd (0.00s)\n"
                              "    add_test.go:9: got 3, want 4\n"
                              "FAIL\n"
                              "FAIL\texample.com/x/internal/math\t0.003s\n"
                              "FAIL\n";
const char* const go_cached = "ok  \texample.com/x\t(cached)\n";

TEST(NoTestsRan, GoTest) {
    EXPECT_TRUE(no_tests_ran("go test ./...", 0, go_empty, ""));
    EXPECT_TRUE(no_tests_ran("go test -run TestNothing ./...", 0, go_filtered, ""));
    EXPECT_FALSE(no_tests_ran("go test ./...", 0, go_mixed, ""));
    EXPECT_FALSE(no_tests_ran("go test ./...", 1, go_failed, ""));
    EXPECT_FALSE(no_tests_ran("go test ./...", 0, go_cached, ""));
}

// ---- cargo test

const char* const cargo_empty_err = R"(   Compiling x v0.1.0 (/work/repo)
    Finished `test` profile [unoptimized + debuginfo] target(s) in 0.41s
     Running unittests src/lib.rs (target/debug/deps/x-1f0c5a5b8e3d2c71)
   Doc-tests x
)";
const char* const cargo_empty_out = R"(
running 0 tests

test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s


running 0 tests

test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

)";
const char* const cargo_some_out = R"(
running 2 tests
test tests::adds ... ok
test tests::subtracts ... ok

test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s


running 0 tests

test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

)";
const char* const cargo_one_out = "\nrunning 1 test\ntest tests::adds ... ok\n\n"
                                  "test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 "
                                  "filtered out; finished in 0.00s\n\n\nrunning 0 tests\n";

TEST(NoTestsRan, CargoTest) {
    EXPECT_TRUE(no_tests_ran("cargo test", 0, cargo_empty_out, cargo_empty_err));
    EXPECT_FALSE(no_tests_ran("cargo test", 0, cargo_some_out, cargo_empty_err));
    EXPECT_FALSE(no_tests_ran("cargo test", 0, cargo_one_out, ""));
    EXPECT_FALSE(no_tests_ran("cargo test", 101, "", "error[E0425]: cannot find value `y`\n"));
}

TEST(NoTestsRan, OrdinaryOutputIsNotNoTests) {
    EXPECT_FALSE(no_tests_ran("make test", 0, "all good\n", ""));
    EXPECT_FALSE(no_tests_ran("make test", 2, "", "make: *** [test] Error 1\n"));
    EXPECT_FALSE(no_tests_ran("true", 0, "", ""));
}

TEST(NoTestsRan, CutOutputIsJudgedByTheExitStatusAlone) {
    EXPECT_FALSE(no_tests_ran("cargo test", 0, cargo_empty_out, "", false));
    EXPECT_FALSE(no_tests_ran("go test ./...", 0, go_empty, "", false));
    EXPECT_TRUE(no_tests_ran("python3 -m pytest", 5, pytest_empty, "", false));
}

// ---- the real runners, when this machine has them

struct Ran {
    int code = -1;
    std::string out;
    std::string err;
};

// Runs a shell command in `dir`, stdout and stderr apart.
Ran run_in(const TempDir& dir, const std::string& command) {
    std::string err_file = (dir.path() / ".stderr").string();
    std::string line = "cd '" + dir.str() + "' && (" + command + ") 2>'" + err_file + "'";
    Ran r;
    FILE* pipe = ::popen(line.c_str(), "r");
    if (!pipe) return r;
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        r.out.append(buffer, n);
    int status = ::pclose(pipe);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    FILE* err = std::fopen(err_file.c_str(), "r");
    if (err) {
        while ((n = std::fread(buffer, 1, sizeof buffer, err)) > 0)
            r.err.append(buffer, n);
        std::fclose(err);
    }
    return r;
}

bool have(const char* program) {
    return std::system(("command -v " + std::string(program) + " >/dev/null 2>&1").c_str()) == 0;
}

TEST(NoTestsRan, RealUnittestOnAnEmptyProject) {
    if (!have("python3")) GTEST_SKIP() << "python3 is not installed";
    TempDir dir;
    dir.write("tests/__init__.py");
    Ran empty = run_in(dir, "python3 -m unittest");
    EXPECT_TRUE(no_tests_ran("python3 -m unittest", empty.code, empty.out, empty.err))
        << empty.code << "\n"
        << empty.out << empty.err;
    dir.write("tests/test_math.py",
              "import unittest\n\nclass T(unittest.TestCase):\n"
              "    def test_adds(self):\n        self.assertEqual(1 + 1, 2)\n");
    Ran some = run_in(dir, "python3 -m unittest");
    EXPECT_EQ(some.code, 0) << some.err;
    EXPECT_FALSE(no_tests_ran("python3 -m unittest", some.code, some.out, some.err)) << some.err;
}

TEST(NoTestsRan, RealCtestOnAProjectWithoutTests) {
    if (!have("cmake") || !have("ctest")) GTEST_SKIP() << "cmake is not installed";
    TempDir dir;
    dir.write("CMakeLists.txt",
              "cmake_minimum_required(VERSION 3.16)\nproject(x NONE)\nenable_testing()\n");
    Ran configure = run_in(dir, "cmake -S . -B build");
    ASSERT_EQ(configure.code, 0) << configure.err;
    std::string ctest = "ctest --test-dir build --output-on-failure";
    Ran empty = run_in(dir, ctest);
    EXPECT_TRUE(no_tests_ran(ctest, empty.code, empty.out, empty.err)) << empty.code << "\n"
                                                                       << empty.out << empty.err;
    dir.write("CMakeLists.txt", "cmake_minimum_required(VERSION 3.16)\nproject(x NONE)\n"
                                "enable_testing()\nadd_test(NAME truth COMMAND true)\n");
    ASSERT_EQ(run_in(dir, "cmake -S . -B build").code, 0);
    Ran some = run_in(dir, ctest);
    EXPECT_EQ(some.code, 0) << some.out << some.err;
    EXPECT_FALSE(no_tests_ran(ctest, some.code, some.out, some.err)) << some.out;
}

} // namespace
