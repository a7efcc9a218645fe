// The command gate plugin, loaded from its .so through the real loader and host services.
#include "plugin/registry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
namespace json = boost::json;
using gump::plugin::Registry;
using ::testing::HasSubstr;

namespace {

class CommandGate : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_registry.load_file(fs::path(GUMP_BINARY_DIR) / "plugins/gate-command.so"));
        std::string pattern = (fs::temp_directory_path() / "gump-gate-XXXXXX").string();
        m_dir = mkdtemp(pattern.data());
    }
    void TearDown() override { fs::remove_all(m_dir); }

    gump::Expected<json::object> check(json::object config, json::object request = {}) {
        auto gate = m_registry.create(*m_registry.find("command"), config);
        if (!gate) return gate.error();
        request["worktree"] = m_dir.string();
        if (!request.contains("gate")) request["gate"] = "test";
        return (*gate)->gate_check(request);
    }

    std::string field(const json::object& o, const char* key) {
        return std::string(o.at(key).as_string());
    }

    Registry m_registry;
    fs::path m_dir;
};

TEST_F(CommandGate, ExitZeroPasses) {
    auto r = check({{"command", "test -d ."}});
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(field(*r, "verdict"), "pass");
    EXPECT_EQ(field(*r, "summary"), "test passed");
}

TEST_F(CommandGate, FailureFeedsBackStdoutAndStderr) {
    auto r = check(
        {{"command",
          "echo 'FAIL: test_add expected 3 got 4'; echo 'make: *** [test] Error 1' >&2; exit 2"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "fail");
    EXPECT_EQ(field(*r, "summary"), "test failed (exit 2)");
    EXPECT_THAT(field(*r, "feedback"), HasSubstr("FAIL: test_add expected 3 got 4"));
    EXPECT_THAT(field(*r, "feedback"), HasSubstr("make: *** [test] Error 1"));
    EXPECT_EQ(r->at("findings").as_array()[0].at("exit_code"), 2);
}

TEST_F(CommandGate, LongOutputKeepsHeadAndTail) {
    auto r = check({{"command", "echo FIRST; seq 1 20000; echo LAST; exit 1"}});
    ASSERT_TRUE(r);
    std::string feedback = field(*r, "feedback");
    EXPECT_LT(feedback.size(), 7000u);
    EXPECT_THAT(feedback, HasSubstr("FIRST"));
    EXPECT_THAT(feedback, HasSubstr("LAST"));
    EXPECT_THAT(feedback, HasSubstr("bytes omitted"));
}

TEST_F(CommandGate, RunsInTheWorktreeOrItsCwdWithTheEnvironment) {
    fs::create_directories(m_dir / "sub");
    auto r = check({{"command", "test \"$(basename \"$PWD\")\" = sub && test \"$FLAVOUR\" = mint"},
                    {"cwd", "sub"},
                    {"env", {{"FLAVOUR", "mint"}}}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "pass") << field(*r, "feedback");
}

TEST_F(CommandGate, ATimeoutFailsAndSaysSo) {
    auto r = check({{"command", "sleep 20"}, {"timeout", "1s"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "fail");
    EXPECT_EQ(field(*r, "summary"), "test timed out after 1s");
    EXPECT_EQ(r->at("findings").as_array()[0].at("timed_out"), true);
}

TEST_F(CommandGate, AMissingProgramIsAnError) {
    auto r = check({{"command", "gump-no-such-tool --all"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "error");
    EXPECT_EQ(field(*r, "summary"), "test could not run `gump-no-such-tool`");
    EXPECT_THAT(field(*r, "feedback"), HasSubstr("install gump-no-such-tool"));
}

TEST_F(CommandGate, NoCommandIsAnErrorThatSaysWhereToConfigureIt) {
    auto r = check({{"role", "compile"}}, {{"gate", "compile"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "error");
    EXPECT_THAT(field(*r, "feedback"), HasSubstr("under [gates.compile] in gump.toml"));
}

TEST_F(CommandGate, BadConfigurationIsRefusedWithTheFix) {
    auto r = check({{"command", "true"}, {"timeout", "soon"}});
    ASSERT_FALSE(r);
    EXPECT_THAT(r.error().message, HasSubstr("timeout \"soon\" is not a duration"));
    r = check({{"command", "true"}, {"cwd", "../elsewhere"}});
    ASSERT_FALSE(r);
    EXPECT_THAT(r.error().message, HasSubstr("must stay inside the worktree"));
}

TEST_F(CommandGate, WritesCompleteOutputToTheArtifactsDirectory) {
    fs::create_directories(m_dir / "artifacts");
    auto r =
        check({{"command", "seq 1 100000"}}, {{"artifacts_dir", (m_dir / "artifacts").string()}});
    ASSERT_TRUE(r);
    EXPECT_EQ(field(*r, "verdict"), "pass");
    std::ifstream log(m_dir / "artifacts/test.stdout.log");
    std::string last, line;
    while (std::getline(log, line))
        last = line;
    EXPECT_EQ(last, "100000");
}

} // namespace
