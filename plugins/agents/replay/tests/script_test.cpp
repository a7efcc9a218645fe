#include "script.hpp"

#include <gump/sdk.hpp>

#include <gtest/gtest.h>

using namespace replay;

namespace {

// The message of the config error that parsing `text` throws.
std::string config_error(const std::string& text) {
    try {
        parse_script(text, "replay.toml");
    } catch (const gump::sdk::Error& e) {
        EXPECT_EQ(e.status(), GUMP_ERR_CONFIG);
        return e.what();
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return "";
}

} // namespace

TEST(Script, ReadsAFullEntry) {
    Script s = parse_script(R"(turn_delay = "300ms"
[[step]]
path = "build/*/impl"
attempt = 2
session = "qwen-7f3a"
text = "Added the handler."
turns = 3
input_tokens = 1200
output_tokens = 300
cache_read_tokens = 40
cache_write_tokens = 7
cost_usd = 0.08
success = false
failure_class = "transient"
failure_message = "rate limited; wait"
)",
                            "replay.toml");
    EXPECT_EQ(s.turn_delay_ms, 300);
    ASSERT_EQ(s.steps.size(), 1u);
    const Entry& e = s.steps[0];
    EXPECT_EQ(e.path, "build/*/impl");
    EXPECT_EQ(e.attempt, 2);
    EXPECT_EQ(e.session, "qwen-7f3a");
    EXPECT_EQ(e.text, "Added the handler.");
    EXPECT_EQ(e.turns, 3);
    EXPECT_EQ(e.usage.input_tokens, 1200);
    EXPECT_EQ(e.usage.output_tokens, 300);
    EXPECT_EQ(e.usage.cache_read_tokens, 40);
    EXPECT_EQ(e.usage.cache_write_tokens, 7);
    EXPECT_DOUBLE_EQ(e.usage.cost_usd.value(), 0.08);
    EXPECT_FALSE(e.success);
    EXPECT_EQ(e.failure.failure_class, "transient");
    EXPECT_EQ(e.failure.message, "rate limited; wait");
    EXPECT_EQ(e.where, "replay.toml:2:1");
}

TEST(Script, DefaultsAreOneTurnNoCostAndSuccess) {
    Script s = parse_script("[[step]]\npath = \"plan\"\n", "replay.toml");
    const Entry& e = s.steps.at(0);
    EXPECT_EQ(s.turn_delay_ms, 0);
    EXPECT_FALSE(e.attempt);
    EXPECT_EQ(e.session, default_session("plan"));
    EXPECT_EQ(e.text, "");
    EXPECT_EQ(e.turns, 1);
    EXPECT_EQ(e.usage.input_tokens, 0);
    EXPECT_FALSE(e.usage.cost_usd);
    EXPECT_TRUE(e.success);
    EXPECT_FALSE(e.command);
}

TEST(Script, FailureDefaultsToTheAgentClass) {
    Script s = parse_script("[[step]]\npath = \"plan\"\nsuccess = false\n", "replay.toml");
    EXPECT_EQ(s.steps.at(0).failure.failure_class, "agent");
    EXPECT_NE(s.steps.at(0).failure.message.find("plan"), std::string::npos);
}

TEST(Script, OperationsAreWritesThenEditsThenDeletes) {
    Script s = parse_script(R"([[step]]
path = "impl"
[[step.delete]]
path = "old.c"
[[step.edit]]
path = "src/server.c"
find = "a"
replace = "b"
[[step.write]]
path = "src/one.c"
content = "1"
[[step.write]]
path = "src/two.c"
)",
                            "replay.toml");
    const auto& ops = s.steps.at(0).ops;
    ASSERT_EQ(ops.size(), 4u);
    EXPECT_EQ(ops[0].path, "src/one.c");
    EXPECT_EQ(ops[0].content, "1");
    EXPECT_EQ(ops[1].path, "src/two.c");
    EXPECT_EQ(ops[1].content, "");
    EXPECT_EQ(ops[2].kind, OpKind::edit);
    EXPECT_EQ(ops[2].find, "a");
    EXPECT_EQ(ops[2].replace, "b");
    EXPECT_EQ(ops[3].kind, OpKind::remove);
    EXPECT_EQ(ops[3].where, "replay.toml:1:1");
}

TEST(Script, ReadsACommand) {
    Script s = parse_script(R"([[step]]
path = "impl"
text = "fallback"
[step.command]
argv = ["sh", "-c", "echo hi"]
env = { MODE = "fast" }
)",
                            "replay.toml");
    const Entry& e = s.steps.at(0);
    ASSERT_TRUE(e.command);
    EXPECT_EQ(e.command->argv, (std::vector<std::string>{"sh", "-c", "echo hi"}));
    ASSERT_EQ(e.command->env.size(), 1u);
    EXPECT_EQ(e.command->env[0].first, "MODE");
    EXPECT_EQ(e.command->env[0].second, "fast");
}

TEST(Script, UnknownKeyNamesTheKeyAndItsLine) {
    std::string message = config_error("[[step]]\npath = \"plan\"\n\ntxt = \"hello\"\n");
    EXPECT_EQ(
        message.rfind("replay.toml:4:1: unknown key 'txt' in [[step]] (did you mean 'text'?)", 0),
        0u)
        << message;
    EXPECT_NE(message.find("use one of: path, attempt"), std::string::npos) << message;
}

TEST(Script, UnknownKeysAreRefusedAtEveryLevel) {
    EXPECT_NE(
        config_error("turn_dalay = \"1s\"\n").find("replay.toml:1:1: unknown key 'turn_dalay'"),
        std::string::npos);
    EXPECT_NE(
        config_error("[[step]]\npath = \"a\"\n[[step.write]]\npath = \"x\"\ncontents = \"\"\n")
            .find("replay.toml:5:1: unknown key 'contents' in [[step.write]]"),
        std::string::npos);
    EXPECT_NE(config_error("[[step]]\npath = \"a\"\n[step.command]\nargv = [\"true\"]\nenvs = {}\n")
                  .find("replay.toml:5:1: unknown key 'envs' in [step.command]"),
              std::string::npos);
}

TEST(Script, SyntaxErrorHasLineAndColumn) {
    std::string message = config_error("[[step]]\npath = \"plan\"\ntext = \"unterminated\n");
    EXPECT_EQ(message.rfind("replay.toml:3:", 0), 0u) << message;
    EXPECT_NE(message.find("; fix the TOML syntax"), std::string::npos) << message;
}

TEST(Script, RefusesPathsThatLeaveTheWorktree) {
    for (std::string path : {"../outside.c", "/etc/passwd", "src/../../x", ".", "a/./.."}) {
        std::string message =
            config_error("[[step]]\npath = \"impl\"\n[[step.write]]\npath = \"" + path + "\"\n");
        EXPECT_EQ(
            message.rfind("replay.toml:4:8: [[step.write]] path \"" + path + "\" of step impl ", 0),
            0u)
            << message;
    }
    EXPECT_NE(config_error("[[step]]\npath = \"impl\"\n[[step.delete]]\npath = \"../x\"\n")
                  .find("[[step.delete]] path \"../x\" of step impl leads out of the worktree"),
              std::string::npos);
}

TEST(Script, ContextFileBelongsToTheAgentConfiguration) {
    std::string message = config_error("context_file = \"QWEN.md\"\n");
    EXPECT_EQ(message.rfind("replay.toml:1:16: context_file is not read from the script", 0), 0u)
        << message;
}

TEST(Script, TurnDelayMustBeADuration) {
    EXPECT_NE(config_error("turn_delay = \"soon\"\n").find("turn_delay \"soon\" is not a duration"),
              std::string::npos);
    EXPECT_NE(config_error("turn_delay = 300\n").find("turn_delay must be a string"),
              std::string::npos);
}

TEST(Script, ValuesOfTheWrongTypeAreRefused) {
    EXPECT_NE(config_error("[[step]]\npath = \"a\"\nturns = 0\n")
                  .find("replay.toml:3:9: turns must be a whole number of at least 1"),
              std::string::npos);
    EXPECT_NE(config_error("[[step]]\npath = \"a\"\ncost_usd = -1\n").find("at least 0"),
              std::string::npos);
    EXPECT_NE(config_error("[[step]]\npath = \"a\"\nsuccess = \"yes\"\n").find("true or false"),
              std::string::npos);
    EXPECT_NE(config_error("[step]\npath = \"a\"\n").find("step must be an array of tables"),
              std::string::npos);
    EXPECT_NE(config_error("[[step]]\ntext = \"a\"\n").find("this [[step]] has no path"),
              std::string::npos);
    EXPECT_NE(config_error("[[step]]\npath = \"build//impl\"\n").find("is not a step path"),
              std::string::npos);
}

TEST(Script, FailureKeysNeedSuccessFalse) {
    EXPECT_NE(config_error("[[step]]\npath = \"a\"\nfailure_class = \"agent\"\n")
                  .find("failure_class is set but success is not false"),
              std::string::npos);
    EXPECT_NE(config_error("[[step]]\npath = \"a\"\nsuccess = false\nfailure_class = \"oops\"\n")
                  .find("use one of: auth, config, transient, crash, timeout, agent"),
              std::string::npos);
}

TEST(Script, AnEditNeedsFindText) {
    EXPECT_NE(config_error("[[step]]\npath = \"a\"\n[[step.edit]]\npath = \"x\"\nreplace = \"y\"\n")
                  .find("this [[step.edit]] has no find text"),
              std::string::npos);
}

TEST(Script, ACommandReportsItsOwnCounts) {
    EXPECT_NE(config_error("[[step]]\npath = \"a\"\nturns = 2\n[step.command]\nargv = [\"true\"]\n")
                  .find("replay.toml:3:9: turns cannot be scripted when [step.command] plays"),
              std::string::npos);
    EXPECT_NE(config_error("[[step]]\npath = \"a\"\n[step.command]\nargv = []\n")
                  .find("[step.command] has no argv"),
              std::string::npos);
}

TEST(Script, DefaultSessionIsStableAndShort) {
    EXPECT_EQ(default_session("build/2/impl"), default_session("build/2/impl"));
    EXPECT_NE(default_session("build/2/impl"), default_session("build/3/impl"));
    EXPECT_EQ(default_session("build/2/impl").size(), std::string("replay-").size() + 8);
    EXPECT_EQ(default_session("").rfind("replay-811c9dc5", 0), 0u); // FNV-1a of nothing
}

TEST(Script, AnUnreadableFileIsAConfigError) {
    try {
        load_script("/nonexistent/replay.toml");
        FAIL() << "no error";
    } catch (const gump::sdk::Error& e) {
        EXPECT_EQ(e.status(), GUMP_ERR_CONFIG);
        EXPECT_NE(std::string(e.what()).find("the replay script /nonexistent/replay.toml cannot "
                                             "be read"),
                  std::string::npos);
    }
}
