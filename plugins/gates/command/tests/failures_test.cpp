// What failed, picked out of the real output of real runners (fixtures/output, recorded by
// projects/capture.sh from the failing projects beside it).
#include "failures.hpp"
#include "output.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace command_gate {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string read(const std::string& name) {
    std::ifstream in(std::string(RUNNER_OUTPUT_DIR) + "/" + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Both streams of a recorded run, as the gate reads them.
std::string failures_of(const std::string& project, size_t limit = 4096) {
    std::string out = read(project + ".stdout");
    std::string err = read(project + ".stderr");
    EXPECT_FALSE(out.empty() && err.empty()) << project << " has no recorded output";
    return failure_lines(clean_output(out) + "\n" + clean_output(err), limit);
}

TEST(FailureLines, CtestNamesTheFailingTestAndItsMessage) {
    std::string f = failures_of("ctest-fail");
    EXPECT_THAT(f, HasSubstr("Test #1: test_parse_port ."));
    EXPECT_THAT(f, HasSubstr("test_parse_port: expected 8080, got 80"));
    EXPECT_THAT(f, HasSubstr("1 - test_parse_port (Failed)"));
    EXPECT_THAT(f, Not(HasSubstr("test_parse_host"))); // the passing test
}

TEST(FailureLines, GoogleTestUnderCtestGivesTheAssertionAndTheValues) {
    std::string f = failures_of("gtest-fail");
    EXPECT_THAT(f, HasSubstr("parser_test.cpp:7: Failure"));
    EXPECT_THAT(f, HasSubstr("Which is: 80"));
    EXPECT_THAT(f, HasSubstr("[  FAILED  ] Parser.ParsesPort (0 ms)"));
}

TEST(FailureLines, TheCompilersFirstErrorsWithFileAndLine) {
    std::string f = failures_of("cmake-compile-error");
    EXPECT_THAT(f, HasSubstr("main.cpp:5:16: error: cannot convert"));
    EXPECT_THAT(f, HasSubstr("main.cpp:6:19: error: ‘undeclared_timeout’ was not declared"));
}

TEST(FailureLines, UnittestNamesFailuresAndErrorsWithWhatWasRaised) {
    std::string f = failures_of("unittest-fail");
    EXPECT_THAT(f, HasSubstr("FAIL: test_parse_port (test_config.ConfigTest.test_parse_port)"));
    EXPECT_THAT(f, HasSubstr("AssertionError: 80 != 8080"));
    EXPECT_THAT(f, HasSubstr("ERROR: test_lookup_env (test_config.ConfigTest.test_lookup_env)"));
    EXPECT_THAT(f, HasSubstr("KeyError: 'GUMP_HOME'"));
    EXPECT_THAT(f, HasSubstr("test_config.py\", line 10, in test_parse_port"));
}

TEST(FailureLines, PytestGivesTheAssertionAndWhereItFailed) {
    std::string f = failures_of("pytest-fail");
    EXPECT_THAT(f, HasSubstr("E       AssertionError: port should be parsed from the address"));
    EXPECT_THAT(f, HasSubstr("E       assert 80 == 8080"));
    EXPECT_THAT(f, HasSubstr("test_config.py:7: AssertionError"));
    EXPECT_THAT(f, HasSubstr("FAILED test_config.py::test_parse_port"));
}

TEST(FailureLines, APythonSyntaxErrorNamesTheFileAndLine) {
    std::string f = failures_of("python-syntax-error");
    EXPECT_THAT(f, HasSubstr("config.py\", line 2"));
    EXPECT_THAT(f, HasSubstr("SyntaxError: '(' was never closed"));
}

TEST(FailureLines, CargoTestGivesThePanicAndTheValues) {
    std::string f = failures_of("cargo-fail");
    EXPECT_THAT(f, HasSubstr("---- tests::parses_port stdout ----"));
    EXPECT_THAT(f, HasSubstr("panicked at src/lib.rs:11:9:"));
    EXPECT_THAT(f, HasSubstr("left: 80"));
}

TEST(FailureLines, RustcGivesTheErrorAndWhereItIs) {
    std::string f = failures_of("cargo-compile-error");
    EXPECT_THAT(f, HasSubstr("error[E0308]: mismatched types"));
    EXPECT_THAT(f, HasSubstr("--> src/main.rs:2:21"));
}

TEST(FailureLines, GoTestGivesTheFailingTestAndItsMessage) {
    std::string f = failures_of("go-fail");
    EXPECT_THAT(f, HasSubstr("--- FAIL: TestParsePort"));
    EXPECT_THAT(f, HasSubstr("config_test.go:7: ParsePort(\"localhost:8080\") = 80, want 8080"));
}

TEST(FailureLines, NodeTestGivesTheTestTheLocationAndTheValues) {
    std::string f = failures_of("node-fail");
    EXPECT_THAT(f, HasSubstr("not ok 1 - parses port"));
    EXPECT_THAT(f, HasSubstr("config.test.js:8:1"));
    EXPECT_THAT(f, HasSubstr("80 !== 8080"));
    EXPECT_THAT(f, Not(HasSubstr("stack:")));
}

TEST(FailureLines, StaysWithinItsLimitAndNamesEachLineOnce) {
    std::string log;
    for (int i = 0; i < 500; ++i)
        log += "src/a.c:" + std::to_string(i + 1) + ":1: error: bad thing\n";
    log += "src/a.c:1:1: error: bad thing\n";
    std::string f = failure_lines(log, 1000);
    EXPECT_LE(f.size(), 1000u);
    EXPECT_THAT(f, HasSubstr("src/a.c:1:1: error: bad thing\n"));
    EXPECT_THAT(f, Not(HasSubstr("src/a.c:500:1")));
}

TEST(FailureLines, NothingRecognisedIsEmpty) {
    EXPECT_EQ(failure_lines("make: *** [Makefile:3: test] Error 1\nall good here\n", 1000), "");
}

} // namespace
} // namespace command_gate
