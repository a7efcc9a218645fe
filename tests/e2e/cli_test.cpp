// The command line itself: version, help, doctor, workflows.
#include "support.hpp"

using namespace gump::e2e;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;

namespace {

TEST(Cli, VersionNamesTheAbi) {
    Project p;
    Outcome o = p.gump({"--version"});
    EXPECT_EQ(o.exit_code, 0);
    EXPECT_THAT(o.out, ContainsRegex("^gump [0-9]+\\.[0-9]+\\.[0-9]+ \\(plugin ABI 1\\.1\\)"));
}

TEST(Cli, EveryCommandHasHelp) {
    Project p;
    for (std::vector<std::string> args : {std::vector<std::string>{"--help"},
                                          {"run", "--help"},
                                          {"plugins", "--help"},
                                          {"plugins", "list", "--help"},
                                          {"plugins", "info", "--help"},
                                          {"plugins", "check", "--help"},
                                          {"workflows", "--help"},
                                          {"workflows", "list", "--help"},
                                          {"workflows", "show", "--help"},
                                          {"config", "--help"},
                                          {"doctor", "--help"},
                                          {"check", "--help"}}) {
        Outcome o = p.gump(args);
        EXPECT_EQ(o.exit_code, 0) << args[0];
        EXPECT_THAT(o.out, HasSubstr("Usage")) << args[0];
    }
}

TEST(Cli, UsageErrorsAreBadInput) {
    Project p;
    Outcome o = p.gump({"run"});
    EXPECT_EQ(o.exit_code, 2);
    o = p.gump({"frobnicate"});
    EXPECT_EQ(o.exit_code, 2);
}

TEST(Workflows, ListShowsEveryBuiltInAndProjectOverrides) {
    Project p;
    p.write(".gump/workflows/tdd.toml", "name = \"tdd\"\ndescription = \"ours\"\n[[steps]]\n"
                                        "name = \"a\"\nkind = \"gate\"\ngates = [\"test\"]\n");
    Outcome o = p.gump({"workflows", "list"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    for (const char* name : {"cheap2sota", "tdd", "freeform", "simple", "parallel-tasks",
                             "implement-spec", "bugfix", "refactor", "validators/review"})
        EXPECT_THAT(o.out, HasSubstr(name)) << name;
    EXPECT_THAT(o.out, ContainsRegex("tdd +project +ours"));
}

TEST(Workflows, ShowPrintsTheToml) {
    Project p;
    Outcome o = p.gump({"workflows", "show", "cheap2sota"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_THAT(o.out, HasSubstr("# built-in"));
    EXPECT_THAT(o.out, HasSubstr("name = \"cheap2sota\""));
    o = p.gump({"workflows", "show", "nope"});
    EXPECT_EQ(o.exit_code, 2);
}

TEST(Doctor, ReportsGitConfigWorkflowsPluginsAndAgentClis) {
    Project p;
    Outcome o = p.gump({"--plugin-dir", good_plugins().string(), "doctor"});
    EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
    EXPECT_THAT(o.out, ContainsRegex("git +✓ git version"));
    EXPECT_THAT(o.out, ContainsRegex("workflows +✓ 9 available"));
    EXPECT_THAT(o.out, ContainsRegex("plugins +✓ [0-9]+ loaded, 0 refused"));
    // The CLI plugins are installed; their CLIs are not, which is no problem by itself.
    EXPECT_THAT(o.out, ContainsRegex("qwen-code +- qwen: not found on PATH"));
}

TEST(Doctor, ShowsAnInstalledAgentPluginsCliVersion) {
    Project p;
    p.write("gump.toml", "[agents.echo]\nplugin = \"test-agent\"\n");
    Outcome o = p.gump({"--plugin-dir", good_plugins().string(), "doctor"});
    EXPECT_THAT(o.out, ContainsRegex("test-agent +✓ sh: test-agent-cli 9\\.9"));
}

TEST(Doctor, SaysWhatEachGateRunsHereAndWhereItFoundIt) {
    Project p;
    p.write("Cargo.toml", "[package]\nname = \"x\"\nversion = \"0.1.0\"\n");
    p.write("gump.toml", "[gates.lint]\ncommand = \"my-lint --strict\"\n");
    Outcome o = p.gump({"doctor"});
    EXPECT_THAT(o.out, ContainsRegex("test +command: `cargo test` \\(detected from Cargo.toml\\)"));
    EXPECT_THAT(o.out, ContainsRegex("lint +command: `my-lint --strict`"));
    EXPECT_THAT(o.out, ContainsRegex("review +review: runs the review workflow validators/review"));
}

TEST(Doctor, FailsOnRefusedPluginsAndBrokenConfiguration) {
    Project p;
    p.write("gump.toml", "[gates.x]\nplugin = 3\n");
    Outcome o = p.gump({"--plugin-dir", broken_plugins().string(), "doctor"},
                       {{"GUMP_TEST_NO_CRASH", "1"}});
    EXPECT_EQ(o.exit_code, 1);
    EXPECT_THAT(o.out, ContainsRegex("config +✗"));
    EXPECT_THAT(o.out, ContainsRegex("plugins +✗ [0-9]+ loaded, [1-9][0-9]* refused"));
}

} // namespace
