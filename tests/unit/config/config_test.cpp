// The layered configuration, read from real files in a scratch directory.
#include "config/config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;
using namespace gump;
using ::testing::HasSubstr;

namespace {

class ConfigTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "gump-config-XXXXXX").string();
        m_root = mkdtemp(pattern.data());
        fs::create_directories(m_root / "project/sub");
        fs::create_directories(m_root / "xdg/gump");
    }
    void TearDown() override { fs::remove_all(m_root); }

    void write(const std::string& rel, const std::string& text) {
        std::ofstream(m_root / rel) << text;
    }

    config::Config load(Diagnostics& diags, std::map<std::string, std::string> env = {},
                        const std::string& cwd = "project/sub") {
        config::LoadOptions options;
        options.cwd = m_root / cwd;
        env["XDG_CONFIG_HOME"] = (m_root / "xdg").string();
        env["HOME"] = m_root.string();
        options.env = env;
        return config::Config::load(options, diags);
    }

    const config::Setting* setting(const config::Config& c, const std::string& key) {
        for (const auto& s : c.settings())
            if (s.key == key) return &s;
        return nullptr;
    }

    fs::path m_root;
};

TEST_F(ConfigTest, DefaultsShipTheAliasTableForEveryAgent) {
    Diagnostics diags;
    auto c = load(diags);
    EXPECT_FALSE(diags.has_errors()) << diags.to_string();
    for (const char* alias : {"claude", "claude-opus", "claude-sonnet", "claude-haiku", "codex",
                              "codex-gpt54", "gemini", "gemini-pro", "qwen", "qwen-coder",
                              "opencode", "opencode-sonnet", "cursor", "cursor-gpt5"})
        EXPECT_TRUE(c.agents().count(alias)) << alias;
    EXPECT_EQ(c.agents().at("claude-sonnet").plugin, "claude-code");
    EXPECT_EQ(c.agents().at("claude-sonnet").model, "claude-sonnet-4-6");
    EXPECT_EQ(c.agents().at("claude").model, "");
    EXPECT_EQ(c.gates().at("compile").plugin, "command");
    EXPECT_EQ(c.gates().at("compile").values.at("role"), "compile");
    EXPECT_EQ(c.workspace_backend(), "git");
    EXPECT_EQ(setting(c, "agents.qwen.plugin")->origin.layer, "built-in");
}

TEST_F(ConfigTest, ProjectOverridesUserOverridesDefaultsKeyByKey) {
    write("xdg/gump/config.toml", "[agents.qwen]\nmodel = \"user-model\"\ncolor = \"blue\"\n");
    write("project/gump.toml", "\n[agents.qwen]\nmodel = \"project-model\"\n");
    Diagnostics diags;
    auto c = load(diags);
    ASSERT_FALSE(diags.has_errors()) << diags.to_string();
    const auto& qwen = c.agents().at("qwen");
    EXPECT_EQ(qwen.model, "project-model");
    EXPECT_EQ(qwen.plugin, "qwen-code");
    EXPECT_EQ(qwen.values.at("color"), "blue");
    EXPECT_EQ(setting(c, "agents.qwen.model")->origin.layer, "project");
    EXPECT_EQ(setting(c, "agents.qwen.model")->origin.pos.line, 3);
    EXPECT_EQ(setting(c, "agents.qwen.color")->origin.layer, "user");
    EXPECT_EQ(c.project_root(), m_root / "project");
}

TEST_F(ConfigTest, NamingAnotherPluginStartsTheTableAfresh) {
    // The built-in lint gate has role = "lint", a parameter of the command plugin only.
    write("project/gump.toml", "[gates.lint]\nplugin = \"team-check\"\nmarker = \"OK\"\n"
                               "[agents.claude-sonnet]\nplugin = \"replay\"\nscript = \"s\"\n"
                               "[gates.test]\ntimeout = \"20m\"\n");
    Diagnostics diags;
    auto c = load(diags);
    ASSERT_FALSE(diags.has_errors()) << diags.to_string();
    const auto& lint = c.gates().at("lint");
    EXPECT_EQ(lint.plugin, "team-check");
    EXPECT_FALSE(lint.values.contains("role"));
    EXPECT_EQ(setting(c, "gates.lint.role"), nullptr);
    const auto& sonnet = c.agents().at("claude-sonnet");
    EXPECT_EQ(sonnet.model, ""); // the built-in model was claude-code's
    EXPECT_EQ(sonnet.values.at("script"), "s");
    // The same plugin keeps merging key by key.
    const auto& test = c.gates().at("test");
    EXPECT_EQ(test.plugin, "command");
    EXPECT_EQ(test.values.at("role"), "test");
    EXPECT_EQ(test.values.at("timeout"), "20m");
}

TEST_F(ConfigTest, EnvironmentAndFlagsComeLast) {
    write("project/gump.toml", "log_level = \"error\"\n");
    Diagnostics diags;
    auto c = load(diags, {{"GUMP_LOG_LEVEL", "info"},
                          {"GUMP_PLUGIN_PATH", "/a:/b"},
                          {"GUMP_WORKSPACE_BACKEND", "git-cli"}});
    EXPECT_EQ(c.log_level(), "info");
    EXPECT_EQ(c.workspace_backend(), "git-cli");
    EXPECT_EQ(c.plugin_dirs(), (std::vector<std::string>{"/a", "/b"}));
    EXPECT_EQ(setting(c, "log_level")->origin.describe(), "$GUMP_LOG_LEVEL");
}

TEST_F(ConfigTest, TheProjectSearchStopsAtTheRepositoryTop) {
    write("gump.toml", "log_level = \"error\"\n"); // above the repository: not the project's
    fs::create_directories(m_root / "project/.git");
    Diagnostics diags;
    auto c = load(diags);
    EXPECT_FALSE(c.project_file());
    EXPECT_EQ(c.project_root(), m_root / "project");
    EXPECT_EQ(c.log_level(), "warn");
}

TEST_F(ConfigTest, WorkspaceCopyAndSetupAreReadAndCopyStaysInsideTheRepository) {
    write("project/gump.toml", "[workspace]\ncopy = [\".env\", \"config/local.toml\"]\n"
                               "setup = \"npm ci\"\n");
    Diagnostics diags;
    auto c = load(diags);
    EXPECT_FALSE(diags.has_errors()) << diags.to_string();
    EXPECT_EQ(c.workspace_copy(), (std::vector<std::string>{".env", "config/local.toml"}));
    EXPECT_EQ(c.workspace_setup(), "npm ci");

    write(
        "project/gump.toml",
        "[workspace]\ncopy = [\"ok\", \"../../.ssh/id_rsa\", \"/etc/passwd\", \"a/../../b\", 3]\n");
    Diagnostics bad;
    load(bad);
    EXPECT_EQ(bad.error_count(), 4u) << bad.to_string();
    EXPECT_THAT(bad.to_string(), HasSubstr("gump.toml:2:15: error: workspace.copy entries must be "
                                           "paths inside the repository"));
}

TEST_F(ConfigTest, AllProblemsOfAFileAreReportedWithPositions) {
    write("project/gump.toml", "agnets = 1\n[workspace]\nbackend = 3\ncopy = \"x\"\nfoo = 1\n"
                               "[pricing.m]\ninput = -1\nsideways = 2\n[agents.x]\nmodel = 5\n");
    Diagnostics diags;
    load(diags);
    std::string text = diags.to_string();
    EXPECT_EQ(diags.error_count(), 8u) << text;
    EXPECT_THAT(text, HasSubstr("gump.toml:1:1: error: unknown key 'agnets' in the "
                                "configuration (did you mean 'agents'?)"));
    EXPECT_THAT(text, HasSubstr("gump.toml:3:11: error: workspace.backend must be a string"));
    EXPECT_THAT(text, HasSubstr("gump.toml:4:8: error: workspace.copy must be an array"));
    EXPECT_THAT(text, HasSubstr("gump.toml:5:1: error: unknown key 'foo' in [workspace]"));
    EXPECT_THAT(text, HasSubstr("gump.toml:7:9: error: input must be a number"));
    EXPECT_THAT(text, HasSubstr("gump.toml:8:1: error: unknown key 'sideways'"));
    EXPECT_THAT(text, HasSubstr("gump.toml:10:9: error: model must be a string"));
    EXPECT_THAT(text, HasSubstr("agents.x names no plugin"));
}

TEST_F(ConfigTest, ASyntaxErrorKeepsTheOtherLayers) {
    write("project/gump.toml", "[agents\n");
    Diagnostics diags;
    auto c = load(diags);
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(diags.items()[0].pos.line, 1);
    EXPECT_TRUE(c.agents().count("qwen"));
}

} // namespace

TEST_F(ConfigTest, PricesAreReadWithWhereTheyCameFromAndCacheDefaultsToInput) {
    write("project/gump.toml", "[pricing.\"my-model\"]\ninput = 2.0\noutput = 8.0\n"
                               "[agents.mine]\nplugin = \"codex\"\nmodel = \"my-model\"\n"
                               "[agents.bare]\nplugin = \"codex\"\n");
    Diagnostics diags;
    auto c = load(diags);
    ASSERT_FALSE(diags.has_errors()) << diags.to_string();
    const config::Price* p = c.price_of(c.agents().at("mine"));
    ASSERT_TRUE(p);
    EXPECT_DOUBLE_EQ(p->input, 2.0);
    EXPECT_DOUBLE_EQ(p->output, 8.0);
    EXPECT_DOUBLE_EQ(p->cache_read, 2.0);
    EXPECT_DOUBLE_EQ(p->cache_write, 2.0);
    EXPECT_THAT(p->origin.describe(), HasSubstr("gump.toml:2"));
    EXPECT_EQ(c.price_of(c.agents().at("bare")), nullptr);
    // The defaults price the models of the alias table, and an alias without a model under
    // its own name.
    const config::Price* sonnet = c.price_of(c.agents().at("claude-sonnet"));
    ASSERT_TRUE(sonnet);
    EXPECT_DOUBLE_EQ(sonnet->cache_read, 0.3);
    EXPECT_EQ(sonnet->context_window, 200000);
    EXPECT_EQ(sonnet->origin.layer, "built-in");
    ASSERT_TRUE(c.price_of(c.agents().at("qwen")));
}

TEST_F(ConfigTest, TransientRetriesBelongToTheAliasAndAreChecked) {
    write("project/gump.toml", "[agents.a]\nplugin = \"codex\"\ntransient_retries = 4\n"
                               "transient_backoff = \"250ms\"\n");
    Diagnostics diags;
    auto c = load(diags);
    ASSERT_FALSE(diags.has_errors()) << diags.to_string();
    const auto& a = c.agents().at("a");
    EXPECT_EQ(a.transient_retries, 4);
    EXPECT_EQ(a.transient_backoff_ms, 250);
    EXPECT_FALSE(a.values.contains("transient_retries")); // not a plugin option
    EXPECT_EQ(c.agents().at("codex").transient_retries, 2);
    EXPECT_EQ(c.agents().at("codex").transient_backoff_ms, 5000);

    write("project/gump.toml", "[agents.a]\nplugin = \"codex\"\ntransient_retries = 99\n"
                               "transient_backoff = \"soon\"\n");
    Diagnostics bad;
    load(bad);
    EXPECT_EQ(bad.error_count(), 2u) << bad.to_string();
    EXPECT_THAT(bad.to_string(),
                HasSubstr("gump.toml:3:21: error: transient_retries must be a whole number"));
    EXPECT_THAT(bad.to_string(), HasSubstr("gump.toml:4:21: error: transient_backoff must be a "
                                           "duration"));
}
