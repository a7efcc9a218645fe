// The command line and description the cursor plugin gives gump.
#include "cursor_command.hpp"

#include <gtest/gtest.h>

namespace {

using gump::sdk::AgentRequest;
using Args = std::vector<std::string>;

AgentRequest request() {
    AgentRequest r;
    r.prompt = "Create hello.txt containing a greeting";
    r.worktree = "/home/dev/work/cursor-repo";
    return r;
}

TEST(CursorCommand, NewSessionRunsHeadlessInTheWorktree) {
    gump::sdk::Command c = cursor::command_for(request());
    EXPECT_EQ(c.args,
              (Args{"-p", "--output-format", "stream-json", "--force", "--trust", "--workspace",
                    "/home/dev/work/cursor-repo", "Create hello.txt containing a greeting"}));
    EXPECT_TRUE(c.env.empty());
}

TEST(CursorCommand, ModelAndResumeComeBeforeThePromptAndTurnsHaveNoFlag) {
    AgentRequest r = request();
    r.model = "claude-4.6-sonnet-medium";
    r.session = "5d3f8a21-9c4e-4b7a-8e12-6f0a3c9b7d54";
    r.max_turns = 5;
    r.prompt = "What did you just do?";
    EXPECT_EQ(cursor::command_for(r).args,
              (Args{"-p", "--output-format", "stream-json", "--force", "--trust", "--workspace",
                    "/home/dev/work/cursor-repo", "--model", "claude-4.6-sonnet-medium", "--resume",
                    "5d3f8a21-9c4e-4b7a-8e12-6f0a3c9b7d54", "What did you just do?"}));
}

TEST(CursorCommand, DescribesTheCliAndItsRuleFile) {
    gump::sdk::CliInfo i = cursor::cli_info();
    EXPECT_EQ(i.cli, "cursor-agent");
    EXPECT_EQ(i.context_file, ".cursor/rules/gump.mdc");
    EXPECT_EQ(
        i.context_preamble,
        "---\ndescription: gump's instructions for the current step\nalwaysApply: true\n---\n\n");
    EXPECT_EQ(i.install, "curl https://cursor.com/install -fsS | bash");
    EXPECT_EQ(i.login, "run `cursor-agent login`, or set CURSOR_API_KEY");
    EXPECT_EQ(i.credential_env, Args{"CURSOR_API_KEY"});
    EXPECT_EQ(i.credential_files,
              (Args{".config/cursor/auth.json", ".cursor/auth.json", ".cursor/cli-config.json"}));
    EXPECT_FALSE(i.min_version.empty());
    EXPECT_LE(i.min_version, i.tested_version); // both are YYYY.MM.DD
}

} // namespace
