// The command gate plugin, loaded from its .so through the real loader and host services, run on
// real commands in a temporary worktree.
#include "plugin/registry.hpp"
#include "plugin/schema.hpp"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
namespace json = boost::json;
using gump::plugin::Registry;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

class CommandGate : public ::testing::Test {
protected:
    void SetUp() override {
        auto loaded = m_registry.load_file(fs::path(GUMP_BINARY_DIR) / "plugins/gate-command.so");
        ASSERT_TRUE(loaded) << loaded.error().message;
        std::string pattern = (fs::temp_directory_path() / "gump-gate-XXXXXX").string();
        m_dir = ::mkdtemp(pattern.data());
    }
    void TearDown() override { fs::remove_all(m_dir); }

    gump::Expected<json::object> check(json::object config, json::object request = {},
                                       std::shared_ptr<gump::plugin::RunContext> context = {}) {
        auto gate = m_registry.create(*m_registry.find("command"), config, std::move(context));
        if (!gate) return gate.error();
        if (!request.contains("worktree")) request["worktree"] = m_dir.string();
        if (!request.contains("gate")) request["gate"] = "test";
        return (*gate)->gate_check(request);
    }

    static std::string field(const json::object& o, const char* key) {
        return std::string(o.at(key).as_string());
    }
    static const json::object& finding(const json::object& r) {
        return r.at("findings").as_array().at(0).as_object();
    }

    Registry m_registry;
    fs::path m_dir;
};

TEST_F(CommandGate, ExitZeroPasses) {
    auto r = check({{"command", "test -d ."}, {"role", "test"}});
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(field(*r, "verdict"), "pass");
    EXPECT_EQ(field(*r, "summary"), "test passed");
    EXPECT_EQ(field(*r, "feedback"), "");
    EXPECT_EQ(finding(*r).at("exit_code"), 0);
    EXPECT_EQ(finding(*r).at("timed_out"), false);
    EXPECT_TRUE(finding(*r).at("duration_ms").is_number());
    EXPECT_EQ(finding(*r).at("role"), "test");
}

TEST_F(CommandGate, FailureFeedsBackStdoutAndStderr) {
    auto r = check(
        {{"command",
          "echo 'FAIL: test_add expected 3 got 4'; echo 'make: *** [test] Error 1' >&2; exit 2"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "fail");
    EXPECT_EQ(field(*r, "summary"), "test failed (exit 2)");
    EXPECT_EQ(field(*r, "feedback"),
              "`echo 'FAIL: test_add expected 3 got 4'; echo 'make: *** [test] Error 1' >&2; exit "
              "2` failed (exit 2):\nstdout:\nFAIL: test_add expected 3 got 4\nstderr:\nmake: *** "
              "[test] Error 1");
    EXPECT_EQ(finding(*r).at("exit_code"), 2);
}

TEST_F(CommandGate, LongOutputKeepsHeadAndTail) {
    auto r = check({{"command", "echo FIRST; seq 1 20000; echo LAST; echo oops >&2; exit 1"}});
    ASSERT_TRUE(r);
    std::string feedback = field(*r, "feedback");
    EXPECT_LT(feedback.size(), 9000u);
    EXPECT_THAT(feedback, HasSubstr("FIRST\n1\n2\n"));
    EXPECT_THAT(feedback, HasSubstr("19999\n20000\nLAST\n"));
    EXPECT_THAT(feedback,
                ::testing::ContainsRegex("\\[\\.\\.\\. [0-9]+ lines omitted \\.\\.\\.\\]"));
    EXPECT_THAT(feedback, ::testing::EndsWith("stderr:\noops"));
}

TEST_F(CommandGate, WhatFailedInTheMiddleOfALongLogLeadsTheFeedback) {
    auto r = check({{"command", "seq 1 5000; echo 'src/port.c:12:5: error: expected ; before }'; "
                                "seq 1 5000; exit 2"},
                    {"feedback_bytes", 2048}});
    ASSERT_TRUE(r);
    std::string feedback = field(*r, "feedback");
    EXPECT_LT(feedback.size(), 2300u);
    EXPECT_THAT(feedback, HasSubstr("What failed:\nsrc/port.c:12:5: error: expected ; before }\n"
                                    "\nThe output:\n1\n2\n"));
}

TEST_F(CommandGate, ShortOutputIsShownWholeWithoutASummary) {
    auto r = check({{"command", "echo 'a.c:1:1: error: no'; exit 1"}});
    ASSERT_TRUE(r);
    EXPECT_THAT(field(*r, "feedback"), ::testing::Not(HasSubstr("What failed")));
}

TEST_F(CommandGate, FeedbackLeavesOutTerminalColoursAndProgress) {
    auto r = check({{"command", "printf '\\033[1;31merror:\\033[0m bad\\n'; "
                                "printf '10%%\\r50%%\\r100%%\\n'; exit 1"}});
    ASSERT_TRUE(r);
    std::string feedback = field(*r, "feedback");
    EXPECT_THAT(feedback, ::testing::EndsWith("failed (exit 1):\nerror: bad\n100%"));
    EXPECT_THAT(feedback, Not(HasSubstr("\x1b")));
}

TEST_F(CommandGate, OutputThatIsNotUtf8StillMakesAVerdict) {
    auto r = check({{"command", "printf 'bad byte \\377 here\\n'; exit 1"}});
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(field(*r, "verdict"), "fail");
    EXPECT_THAT(field(*r, "feedback"), HasSubstr("bad byte \xEF\xBF\xBD here"));
}

TEST_F(CommandGate, RunsInTheWorktreeOrItsCwdWithTheEnvironment) {
    fs::create_directories(m_dir / "sub");
    auto r = check(
        {{"command", "test \"$PWD\" = \"$EXPECTED\" && test \"$FLAVOUR\" = mint"},
         {"cwd", "./sub/"},
         {"env", {{"FLAVOUR", "mint"}, {"EXPECTED", fs::canonical(m_dir / "sub").string()}}}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "pass") << field(*r, "feedback");
}

TEST_F(CommandGate, AMissingCwdIsAnError) {
    auto r = check({{"command", "true"}, {"cwd", "build"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "error");
    EXPECT_EQ(field(*r, "summary"),
              "test could not run: its directory build does not exist in the worktree");
    EXPECT_THAT(field(*r, "feedback"), HasSubstr("change cwd under [gates.test] in gump.toml"));
}

TEST_F(CommandGate, ATimeoutFailsAndSaysSo) {
    auto start = std::chrono::steady_clock::now();
    auto r = check({{"command", "echo started; sleep 20"}, {"timeout", "300ms"}});
    auto took = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "fail");
    EXPECT_EQ(field(*r, "summary"), "test timed out after 300ms");
    EXPECT_THAT(field(*r, "feedback"),
                HasSubstr("`echo started; sleep 20` did not finish within 300ms and was stopped"));
    EXPECT_THAT(field(*r, "feedback"), HasSubstr("started"));
    EXPECT_EQ(finding(*r).at("timed_out"), true);
    EXPECT_LT(took, std::chrono::seconds(2));
}

TEST_F(CommandGate, AMissingProgramIsAnError) {
    auto r = check({{"command", "gump-no-such-tool --all"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "error");
    EXPECT_EQ(field(*r, "summary"),
              "test could not run: `gump-no-such-tool` is not installed or not on PATH");
    EXPECT_THAT(field(*r, "feedback"),
                HasSubstr("Install gump-no-such-tool, or change command under [gates.test] in "
                          "gump.toml"));
}

TEST_F(CommandGate, TheMissingProgramIsFoundAfterOtherWords) {
    auto r = check({{"command", "cd . && FLAVOUR=mint gump-no-such-linter src"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "error");
    EXPECT_THAT(field(*r, "summary"), HasSubstr("`gump-no-such-linter` is not installed"));
}

TEST_F(CommandGate, AProgramThatCannotBeExecutedIsAnError) {
    std::ofstream(m_dir / "check.sh") << "#!/bin/sh\nexit 0\n";
    auto r = check({{"command", "./check.sh"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "error");
    EXPECT_EQ(field(*r, "summary"), "test could not run: `./check.sh` cannot be executed");
    EXPECT_THAT(field(*r, "feedback"), HasSubstr("chmod +x ./check.sh"));
}

TEST_F(CommandGate, ACrashFailsAndNamesTheSignal) {
    auto r = check({{"command", "kill -SEGV $$"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "fail");
    EXPECT_EQ(field(*r, "summary"), "test failed (killed by SIGSEGV)");
}

TEST_F(CommandGate, NoCommandIsAnErrorThatSaysWhereToConfigureIt) {
    auto r = check({{"role", "compile"}}, {{"gate", "compile"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "error");
    EXPECT_EQ(field(*r, "summary"), "no command configured for gate 'compile': set command = "
                                    "\"...\" under [gates.compile] in gump.toml");
    r = check({{"command", "  "}}, {{"gate", "lint"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "error");
}

TEST_F(CommandGate, BadConfigurationIsRefusedWithTheFix) {
    auto refused = [&](json::object config) {
        auto r = check(std::move(config));
        return r ? std::string("(accepted)") : r.error().message;
    };
    EXPECT_THAT(refused({{"command", "true"}, {"timeout", "soon"}}),
                HasSubstr("timeout \"soon\" is not a duration: write it like timeout = \"90s\""));
    EXPECT_THAT(refused({{"command", "true"}, {"timeout", "10"}}),
                HasSubstr("timeout \"10\" is not a duration"));
    EXPECT_THAT(refused({{"command", "true"}, {"timeout", "0s"}}),
                HasSubstr("timeout \"0s\" leaves no time to run"));
    EXPECT_THAT(refused({{"command", "true"}, {"cwd", "../elsewhere"}}),
                HasSubstr("cwd \"../elsewhere\" leads out of the worktree"));
    EXPECT_THAT(refused({{"command", "true"}, {"cwd", "a/../../b"}}),
                HasSubstr("leads out of the worktree"));
    EXPECT_THAT(refused({{"command", "true"}, {"cwd", "/tmp"}}),
                HasSubstr("cwd \"/tmp\" must be relative to the worktree"));
    EXPECT_THAT(refused({{"command", "true"}, {"env", {{"N", 3}}}}),
                HasSubstr("env.N must be a string: write env = { N = \"value\" }"));
    EXPECT_THAT(refused({{"command", "true"}, {"feedback_bytes", 10}}),
                HasSubstr("feedback_bytes must be a whole number from 256 to 1048576"));
    EXPECT_THAT(refused({{"command", "true"}, {"timeout", "1h30m"}}), "(accepted)");
}

TEST_F(CommandGate, TheSchemaCatchesWhatTheHostChecks) {
    const gump::plugin::PluginInfo* info = m_registry.find("command");
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(info->description, "Runs a shell command in the worktree; exit 0 passes");
    json::value schema = json::parse(info->config_schema);
    auto problems = gump::plugin::check_schema(
        json::object{{"command", "make"}, {"timeout", 5}, {"role", "build"}, {"colour", "red"}},
        schema);
    std::vector<std::string> messages;
    for (const auto& p : problems)
        messages.push_back(p.message);
    EXPECT_THAT(messages, ::testing::UnorderedElementsAre("'timeout' must be string",
                                                          HasSubstr("'role' is \"build\""),
                                                          HasSubstr("unknown parameter 'colour'")));
    EXPECT_TRUE(gump::plugin::check_schema(json::object{{"command", "make"},
                                                        {"timeout", "5m"},
                                                        {"cwd", "build"},
                                                        {"env", {{"CI", "1"}}},
                                                        {"role", "compile"}},
                                           schema)
                    .empty());
}

TEST_F(CommandGate, WritesCompleteOutputToTheArtifactsDirectory) {
    fs::path artifacts = m_dir / "artifacts/attempt-1";
    auto r = check({{"command", "seq 1 100000; echo done >&2; exit 1"}},
                   {{"artifacts_dir", artifacts.string()}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "fail");
    std::ifstream log(artifacts / "test.stdout.log");
    std::string last, line;
    size_t lines = 0;
    while (std::getline(log, line)) {
        last = line;
        ++lines;
    }
    EXPECT_EQ(lines, 100000u);
    EXPECT_EQ(last, "100000");
    EXPECT_EQ(field(finding(*r), "stdout_path"), (artifacts / "test.stdout.log").string());
    EXPECT_EQ(field(finding(*r), "stderr_path"), (artifacts / "test.stderr.log").string());
    EXPECT_THAT(field(*r, "feedback"),
                HasSubstr("(complete output: " + (artifacts / "test.stdout.log").string()));
}

TEST_F(CommandGate, InlineParametersInTheRequestOverrideTheConfiguration) {
    auto r = check({{"command", "exit 0"}}, {{"params", {{"command", "exit 3"}}}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "summary"), "test failed (exit 3)");
}

TEST_F(CommandGate, ACancelledRunIsNotAVerdict) {
    auto context = std::make_shared<gump::plugin::RunContext>();
    context->cancelled = true;
    auto start = std::chrono::steady_clock::now();
    auto r = check({{"command", "sleep 20"}}, {}, context);
    ASSERT_FALSE(r);
    EXPECT_THAT(r.error().message, HasSubstr("gate 'test' was cancelled"));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

} // namespace
