// `gump config`, the layers and their provenance, and configuration errors.
#include "support.hpp"

using namespace gump::e2e;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;

namespace {

TEST(Config, ShowsBuiltInDefaultsWithTheirOrigin) {
    Project p;
    Outcome o = p.gump({"config", "agents.qwen."});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_THAT(o.out, ContainsRegex("agents\\.qwen\\.plugin = \"qwen-code\" +built-in"));
}

TEST(Config, LaterLayersWinAndSayWhereTheyCameFrom) {
    Project p;
    p.write_home(".config/gump/config.toml", "[agents.qwen]\nmodel = \"from-user\"\n"
                                             "[agents.mine]\nplugin = \"codex\"\n");
    p.write("gump.toml", "[agents.qwen]\nmodel = \"from-project\"\n");
    Outcome o = p.gump({"config", "agents."});
    EXPECT_EQ(o.exit_code, 0) << o.err;
    EXPECT_THAT(o.out, ContainsRegex("agents\\.qwen\\.model = \"from-project\" +gump\\.toml:2"));
    EXPECT_THAT(o.out, ContainsRegex(
                           "agents\\.mine\\.plugin = \"codex\" +~/\\.config/gump/config\\.toml:4"));
}

TEST(Config, XdgConfigHomeAndEnvironmentAndFlags) {
    Project p;
    p.write_home("xdg/gump/config.toml", "log_level = \"error\"\n");
    Outcome o = p.gump({"config", "log_level"}, {{"XDG_CONFIG_HOME", (p.home() / "xdg").string()}});
    EXPECT_THAT(o.out, ContainsRegex("log_level = \"error\" +~/xdg/gump/config\\.toml:1"));
    o = p.gump({"config", "log_level"}, {{"GUMP_LOG_LEVEL", "info"}});
    EXPECT_THAT(o.out, ContainsRegex("log_level = \"info\" +\\$GUMP_LOG_LEVEL"));
    o = p.gump({"--log-level", "debug", "config", "log_level"}, {{"GUMP_LOG_LEVEL", "info"}});
    EXPECT_THAT(o.out, ContainsRegex("log_level = \"debug\" +--log-level"));
}

TEST(Config, TheProjectFileIsFoundUpwardFromTheCurrentDirectory) {
    Project p;
    p.write("gump.toml", "[agents.deep]\nplugin = \"codex\"\n");
    fs::create_directories(p.dir() / "a/b");
    Outcome o = p.gump({"config", "agents.deep"}, {}, p.dir() / "a/b");
    EXPECT_THAT(
        o.out,
        ContainsRegex(
            "agents\\.deep\\.plugin = \"codex\" +\\.\\./\\.\\./gump\\.toml:2|gump\\.toml:2"));
}

TEST(Config, SyntaxErrorsNameFileLineAndColumn) {
    Project p;
    p.write("gump.toml", "[agents.qwen]\nmodel = \"unterminated\n");
    Outcome o = p.gump({"config"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, ContainsRegex("gump\\.toml:2:[0-9]+: error: "));
}

TEST(Config, UnknownKeysGetADidYouMean) {
    Project p;
    p.write("gump.toml", "[agent.qwen]\nmodel = \"x\"\n");
    Outcome o = p.gump({"config"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, HasSubstr("gump.toml:1:2: error: unknown key 'agent' in the configuration "
                                 "(did you mean 'agents'?)"));
}

TEST(Config, AProjectCannotNameAPluginDirectory) {
    Project p;
    p.write("gump.toml", "plugin_dir = \"./evil\"\n");
    Outcome o = p.gump({"run", "gump.toml", "--workflow", "freeform", "--dry-run"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, HasSubstr("gump.toml:1:1: error: gump does not load plugins from a path "
                                 "named in a configuration file"));
}

TEST(Config, AnAliasWithoutAPluginIsAnError) {
    Project p;
    p.write("gump.toml", "[agents.nobody]\nmodel = \"x\"\n");
    Outcome o = p.gump({"config"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, HasSubstr("agents.nobody names no plugin"));
}

TEST(Config, AGateTableNamingAnAgentPluginIsRefused) {
    Project p;
    p.write("spec.md", "x");
    p.write("gump.toml", "[gates.odd]\nplugin = \"test-agent\"\n");
    Outcome o = p.gump({"--plugin-dir", good_plugins().string(), "run", "spec.md", "--workflow",
                        "freeform", "--dry-run"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err,
                HasSubstr("gump.toml:2:1: error: [gates.odd] names plugin 'test-agent', which "
                          "is an agent plugin, not a gate plugin"));
}

} // namespace
