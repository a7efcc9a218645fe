// `gump plugins list | info | check` on real plugin libraries, good and broken.
#include "support.hpp"

using namespace gump::e2e;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

namespace {

std::string line_with(const std::string& text, const std::string& needle) {
    size_t at = text.find(needle);
    if (at == std::string::npos) return {};
    size_t start = text.rfind('\n', at);
    size_t end = text.find('\n', at);
    return text.substr(start == std::string::npos ? 0 : start + 1,
                       end == std::string::npos ? std::string::npos : end - start - 1);
}

TEST(PluginsList, ShowsTheBuiltPluginsAndTheSearchPath) {
    Project p;
    Outcome o = p.gump({"plugins", "list"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_THAT(o.out, HasSubstr("Plugin search path"));
    EXPECT_THAT(o.out, HasSubstr(".local/lib/gump/plugins"));
    EXPECT_THAT(o.out, ::testing::ContainsRegex("command +gate +1\\.0\\.0 +.*gate-command\\.so"));
}

TEST(PluginsList, TheFirstPluginOfAnIdWinsAndTheOtherIsShownShadowed) {
    Project p;
    Outcome o = p.gump({"--plugin-dir", shadow_plugins().string(), "plugins", "list"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_THAT(o.out, ::testing::ContainsRegex("command +gate +0\\.0\\.1-shadow"));
    EXPECT_THAT(o.out, HasSubstr("Shadowed"));
    EXPECT_THAT(o.out, ::testing::ContainsRegex("command +gate +1\\.0\\.0 +.*gate-command\\.so "
                                                "+\\(used instead: .*shadow-command\\.so\\)"));
}

TEST(PluginsList, GumpPluginPathIsSearchedToo) {
    Project p;
    Outcome o = p.gump({"plugins", "list"}, {{"GUMP_PLUGIN_PATH", good_plugins().string()}});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    for (const char* id :
         {"test-agent", "test-vcs", "test-always", "test-throwing", "test-strict-gate"})
        EXPECT_THAT(o.out, HasSubstr(id)) << id;
    EXPECT_THAT(o.out, ::testing::ContainsRegex("test-agent +agent"));
    EXPECT_THAT(o.out, ::testing::ContainsRegex("test-vcs +vcs"));
}

// Each refusal is one precise sentence naming the file.
TEST(PluginsList, EveryBrokenPluginIsRefusedWithItsReason) {
    Project p;
    Outcome o = p.gump({"--plugin-dir", broken_plugins().string(), "plugins", "list"},
                       {{"GUMP_TEST_NO_CRASH", "1"}});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    const std::pair<const char*, const char*> expected[] = {
        {"not-a-library.so", "is not a shared library"},
        {"no-entry.so", "has no gump_plugin_entry_v1 symbol, so it is not a gump plugin"},
        {"abi-major.so",
         "was built against gump plugin ABI 2.x but this gump speaks ABI 1.1; rebuild"},
        {"abi-minor.so",
         "was built against gump plugin ABI 1.99, newer than this gump's 1.1; update gump"},
        {"manifest-bad-id.so", "has an invalid manifest: its id 'Bad Id' is not lower-case"},
        {"manifest-null-create.so", "lacks its create or destroy function"},
        {"manifest-bad-schema.so", "has a configuration schema that is not a JSON object"},
        {"manifest-empty-list.so", "returned an invalid plugin list"},
        {"manifest-small-manifest.so", "its manifest is smaller than ABI 1.0's"},
        {"manifest-bad-kind.so", "its kind 9 is none of agent (1), gate (2) or vcs (3)"},
        {"throw-on-entry.so", "threw an exception from gump_plugin_entry_v1"},
    };
    for (const auto& [file, reason] : expected)
        EXPECT_THAT(line_with(o.out, std::string("/") + file + " "), HasSubstr(reason)) << file;
}

TEST(PluginsInfo, ShowsTheManifestAndTheConfigurationSchema) {
    Project p;
    Outcome o =
        p.gump({"--plugin-dir", good_plugins().string(), "plugins", "info", "test-strict-gate"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_THAT(o.out, HasSubstr("test-strict-gate — gate plugin, version 1.2.3, ABI 1.1"));
    EXPECT_THAT(o.out, HasSubstr("require  (string, required)  file that must exist"));
    EXPECT_THAT(o.out, HasSubstr("level  (integer, default 1)"));
    EXPECT_THAT(o.out, HasSubstr("mode  (string, one of [\"fast\",\"slow\"])"));
}

TEST(PluginsInfo, NamesTheConfigurationTablesThatUseIt) {
    Project p;
    Outcome o = p.gump({"plugins", "info", "command"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_THAT(
        o.out, HasSubstr("Used by: [gates.compile], [gates.coverage], [gates.lint], [gates.test]"));
}

TEST(PluginsInfo, UnknownIdIsBadInput) {
    Project p;
    Outcome o = p.gump({"plugins", "info", "comand"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, HasSubstr("no plugin 'comand' is installed (did you mean 'command'?)"));
}

TEST(PluginsCheck, AGoodPluginPasses) {
    Project p;
    Outcome o = p.gump({"plugins", "check", (good_plugins() / "test-multi.so").string()});
    EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
    EXPECT_THAT(o.out, HasSubstr("✓ plugin 'test-always': gate plugin, version 1.0.0, ABI 1.1"));
    EXPECT_THAT(o.out, HasSubstr("✓ plugin 'test-throwing'"));
}

TEST(PluginsCheck, APluginThatCrashesOnLoadIsReportedAndGumpSurvives) {
    Project p;
    Outcome o = p.gump({"plugins", "check", (broken_plugins() / "crash-on-load.so").string()});
    EXPECT_EQ(o.exit_code, 1);
    EXPECT_THAT(o.out, HasSubstr("crash-on-load.so crashed while loading (Segmentation fault)"));
}

TEST(PluginsCheck, APluginThatThrowsOnCreateIsReported) {
    Project p;
    Outcome o = p.gump({"plugins", "check", (broken_plugins() / "throw-on-create.so").string()});
    EXPECT_EQ(o.exit_code, 1);
    EXPECT_THAT(o.out, HasSubstr("plugin 'throw-on-create' refused its configuration: unexpected "
                                 "error: cannot start: the plugin's constructor threw"));
}

TEST(PluginsCheck, RefusalsAreReportedToo) {
    Project p;
    Outcome o = p.gump({"plugins", "check", (broken_plugins() / "abi-major.so").string()});
    EXPECT_EQ(o.exit_code, 1);
    EXPECT_THAT(o.out, HasSubstr("ABI 2.x"));
    o = p.gump({"plugins", "check", (p.dir() / "missing.so").string()});
    EXPECT_EQ(o.exit_code, 1);
    EXPECT_THAT(o.out, HasSubstr("missing.so does not exist"));
}

TEST(Check, RunsAConfiguredGateOnADirectory) {
    Project p;
    p.write("gump.toml", "[gates.ready]\nplugin = \"command\"\ncommand = \"test -f READY || "
                         "{ echo 'READY is missing' >&2; exit 3; }\"\n");
    Outcome o = p.gump({"check", "ready"});
    EXPECT_EQ(o.exit_code, 1) << o.out << o.err;
    EXPECT_THAT(o.out, HasSubstr("✗ ready"));
    EXPECT_THAT(o.out, HasSubstr("READY is missing"));
    p.write("READY", "");
    o = p.gump({"check", "ready"});
    EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
    EXPECT_THAT(o.out, HasSubstr("✓ ready"));
}

TEST(Check, UnknownGateIsBadInput) {
    Project p;
    Outcome o = p.gump({"check", "compiel"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, HasSubstr("no gate named 'compiel' (did you mean 'compile'?)"));
}

TEST(Check, ConfigurationThatDoesNotFitTheSchemaNamesFileAndLine) {
    Project p;
    p.write("gump.toml",
            "[gates.strict]\nplugin = \"test-strict-gate\"\nrequire = \"x\"\nlevel = 9\n");
    Outcome o = p.gump({"--plugin-dir", good_plugins().string(), "check", "strict"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, HasSubstr("gump.toml:4:1: error: [gates.strict] (plugin "
                                 "'test-strict-gate'): 'level' must be at most 5"));
}

} // namespace
