// The loader on real libraries: what it accepts, what it refuses and why, and calls across the
// line in both directions.
#include "plugin/registry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace fs = std::filesystem;
using gump::plugin::Registry;
using ::testing::HasSubstr;

namespace {

const fs::path good = fs::path(GUMP_BINARY_DIR) / "test-plugins/good";
const fs::path broken = fs::path(GUMP_BINARY_DIR) / "test-plugins/broken";
const fs::path shadow = fs::path(GUMP_BINARY_DIR) / "test-plugins/shadow";
const fs::path built = fs::path(GUMP_BINARY_DIR) / "plugins";

std::string refusal_of(const fs::path& file) {
    Registry registry;
    auto loaded = registry.load_file(file);
    EXPECT_FALSE(loaded) << file;
    EXPECT_EQ(registry.refusals().size(), 1u);
    EXPECT_TRUE(registry.plugins().empty());
    return loaded ? std::string() : loaded.error().message;
}

TEST(Loader, LoadsAndCallsAGateOfAnOlderMinor) {
    Registry registry;
    ASSERT_TRUE(registry.load_file(fs::path(GUMP_BINARY_DIR) / "test-plugins/old/abi-1-0-gate.so"));
    const gump::plugin::PluginInfo* info = registry.find("abi-1-0-gate");
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(info->abi_minor, 0);
    auto instance = registry.create(*info, {});
    ASSERT_TRUE(instance);
    auto explained = (*instance)->gate_explain({});
    ASSERT_TRUE(explained); // no explain slot: nothing to explain, not an error
    EXPECT_TRUE(explained->empty());
    auto checked = (*instance)->gate_check({{"worktree", "/tmp"}});
    ASSERT_TRUE(checked) << checked.error().message;
    EXPECT_EQ(checked->at("summary"), "old gate passed");
}

TEST(Loader, RefusesAFileThatIsNotASharedLibrary) {
    EXPECT_THAT(refusal_of(broken / "not-a-library.so"), HasSubstr("is not a shared library"));
}

TEST(Loader, RefusesALibraryWithoutTheEntrySymbol) {
    EXPECT_THAT(refusal_of(broken / "no-entry.so"),
                HasSubstr("has no gump_plugin_entry_v1 symbol, so it is not a gump plugin"));
}

TEST(Loader, RefusesAnotherAbiMajorWithoutRunningItsCode) {
    EXPECT_THAT(refusal_of(broken / "abi-major.so"),
                HasSubstr("was built against gump plugin ABI 2.x but this gump speaks ABI 1.1; "
                          "rebuild the plugin against this gump's SDK"));
}

TEST(Loader, RefusesANewerMinor) {
    EXPECT_THAT(refusal_of(broken / "abi-minor.so"),
                HasSubstr("was built against gump plugin ABI 1.99, newer than this gump's 1.1; "
                          "update gump, or rebuild the plugin against SDK 1.1"));
}

TEST(Loader, RefusesInvalidManifests) {
    EXPECT_THAT(refusal_of(broken / "manifest-bad-id.so"),
                HasSubstr("invalid manifest: its id 'Bad Id' is not lower-case letters"));
    EXPECT_THAT(refusal_of(broken / "manifest-null-create.so"),
                HasSubstr("plugin 'null-create' lacks its create or destroy function"));
    EXPECT_THAT(refusal_of(broken / "manifest-bad-schema.so"),
                HasSubstr("plugin 'bad-schema' has a configuration schema that is not a JSON"));
    EXPECT_THAT(refusal_of(broken / "manifest-small-manifest.so"),
                HasSubstr("its manifest is smaller than ABI 1.0's (struct_size 8)"));
    EXPECT_THAT(refusal_of(broken / "manifest-bad-kind.so"),
                HasSubstr("its kind 9 is none of agent (1), gate (2) or vcs (3)"));
    EXPECT_THAT(refusal_of(broken / "manifest-empty-list.so"),
                HasSubstr("returned an invalid plugin list"));
}

TEST(Loader, RefusesAnEntryThatThrows) {
    EXPECT_THAT(refusal_of(broken / "throw-on-entry.so"),
                HasSubstr("threw an exception from gump_plugin_entry_v1"));
}

TEST(Loader, RefusesMissingFilesAndDirectories) {
    EXPECT_THAT(refusal_of(good / "nope.so"), HasSubstr("does not exist"));
    EXPECT_THAT(refusal_of(good), HasSubstr("is not a regular file"));
}

TEST(Loader, OneLibraryMayExportSeveralPlugins) {
    Registry registry;
    ASSERT_TRUE(registry.load_file(good / "test-multi.so"));
    ASSERT_EQ(registry.plugins().size(), 2u);
    EXPECT_EQ(registry.plugins()[0].id, "test-always");
    EXPECT_EQ(registry.plugins()[1].id, "test-throwing");
}

TEST(Loader, LoadingTheSameFileTwiceIsHarmless) {
    Registry registry;
    ASSERT_TRUE(registry.load_file(good / "test-vcs.so"));
    ASSERT_TRUE(registry.load_file(good / "../good/test-vcs.so"));
    EXPECT_EQ(registry.plugins().size(), 1u);
    EXPECT_TRUE(registry.shadowed().empty());
}

TEST(Discovery, TheFirstPluginOfAnIdWins) {
    Registry registry;
    registry.discover({shadow, built, fs::path("/nonexistent/dir")});
    const auto* command = registry.find("command");
    ASSERT_NE(command, nullptr);
    EXPECT_EQ(command->version, "0.0.1-shadow");
    ASSERT_EQ(registry.shadowed().size(), 1u);
    EXPECT_EQ(registry.shadowed()[0].plugin.version, "1.0.0");
    EXPECT_EQ(registry.shadowed()[0].winner.filename(), "shadow-command.so");
}

TEST(Discovery, RefusalsDoNotStopTheOthers) {
    setenv("GUMP_TEST_NO_CRASH", "1", 1);
    Registry registry;
    registry.discover({broken, good});
    EXPECT_GE(registry.refusals().size(), 11u);
    EXPECT_NE(registry.find("test-agent"), nullptr);
    EXPECT_NE(registry.find("crash-on-load"), nullptr); // defused by the variable above
}

TEST(Instances, CreateRefusalsCarryThePluginsMessage) {
    Registry registry;
    ASSERT_TRUE(registry.load_file(broken / "throw-on-create.so"));
    auto instance = registry.create(*registry.find("throw-on-create"), {});
    ASSERT_FALSE(instance);
    EXPECT_EQ(instance.error().message,
              "plugin 'throw-on-create' refused its configuration: unexpected error: cannot "
              "start: the plugin's constructor threw");
}

TEST(Instances, ExceptionsInsideACallBecomeStatusAndMessage) {
    Registry registry;
    ASSERT_TRUE(registry.load_file(good / "test-multi.so"));
    auto instance = registry.create(*registry.find("test-throwing"), {});
    ASSERT_TRUE(instance);
    auto result = (*instance)->gate_check({});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message,
              "plugin 'test-throwing' failed in check: unexpected error: vector index 7");
    result = (*instance)->gate_check({{"precise", true}});
    ASSERT_FALSE(result);
    EXPECT_THAT(result.error().message, HasSubstr("failed in check: the precise reason"));
}

TEST(Instances, AGateJudgesADirectory) {
    Registry registry;
    ASSERT_TRUE(registry.load_file(good / "test-strict-gate.so"));
    auto gate = registry.create(*registry.find("test-strict-gate"), {{"require", "marker"}});
    ASSERT_TRUE(gate) << gate.error().message;
    fs::path dir = fs::temp_directory_path() / "gump-registry-test";
    fs::create_directories(dir);
    fs::remove(dir / "marker");
    auto verdict = (*gate)->gate_check({{"worktree", dir.string()}});
    ASSERT_TRUE(verdict);
    EXPECT_EQ(verdict->at("verdict"), "fail");
    std::ofstream(dir / "marker") << "x";
    verdict = (*gate)->gate_check({{"worktree", dir.string()}});
    EXPECT_EQ(verdict->at("verdict"), "pass");
    fs::remove_all(dir);
}

TEST(Instances, AnAgentStreamsThroughTheHostsProcessAndEventServices) {
    Registry registry;
    ASSERT_TRUE(registry.load_file(good / "test-agent.so"));
    auto context = std::make_shared<gump::plugin::RunContext>();
    std::vector<std::string> texts;
    std::mutex mutex;
    context->on_event = [&](const std::string& id, const boost::json::object& event) {
        std::lock_guard lock(mutex);
        EXPECT_EQ(id, "test-agent");
        texts.emplace_back(event.at("text").as_string());
    };
    auto agent = registry.create(*registry.find("test-agent"), {}, context);
    ASSERT_TRUE(agent) << agent.error().message;
    auto described = (*agent)->agent_describe();
    ASSERT_TRUE(described);
    EXPECT_EQ(described->at("context_file"), "AGENTS.md");
    auto result = (*agent)->agent_run({{"command", "printf 'one\\ntwo\\nthree\\n'; exit 3"},
                                       {"worktree", fs::temp_directory_path().string()}});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(texts, (std::vector<std::string>{"one", "two", "three"}));
    EXPECT_EQ(result->at("turns"), 3);
    EXPECT_EQ(result->at("success"), false);
    EXPECT_EQ(result->at("exit").at("exit_code"), 3);
}

TEST(Instances, AVcsBackendRunsAndReportsWhatItDoesNotSupport) {
    Registry registry;
    ASSERT_TRUE(registry.load_file(good / "test-vcs.so"));
    const auto& info = *registry.find("test-vcs");
    EXPECT_EQ(info.kind, GUMP_KIND_VCS);
    auto vcs = registry.create(info, {});
    ASSERT_TRUE(vcs) << vcs.error().message;
    auto table = static_cast<const gump_vcs_vtable*>(info.manifest->vtable);
    auto made = (*vcs)->call(table->create_workspace, "create_workspace", {{"run", "r1"}});
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_TRUE(fs::is_directory(std::string(made->at("path").as_string())));
    auto listed = (*vcs)->call(table->list_workspaces, "list_workspaces", {});
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->at("workspaces").as_array().size(), 1u);
    auto again = (*vcs)->call(table->create_workspace, "create_workspace", {{"run", "r1"}});
    ASSERT_FALSE(again);
    EXPECT_THAT(again.error().message, HasSubstr("exists"));
    auto unsupported = (*vcs)->call(table->snapshot, "snapshot", {});
    ASSERT_FALSE(unsupported);
    EXPECT_THAT(unsupported.error().message,
                HasSubstr("failed in snapshot: this backend does not support snapshot"));
}

} // namespace
