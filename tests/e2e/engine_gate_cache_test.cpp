// The gate cache: a gate whose pass depends only on the files is not run again on the same files
// later in the run, and a gate configured with cache = false always runs.
#include "engine_fixture.hpp"

namespace gump::e2e {
namespace {

const char* const build_then_quality = R"(name = "w"
[[steps]]
name = "build"
kind = "code"
agent = "cheap"
gates = ["check"]
prompt = "Build it."

[[steps]]
name = "quality"
kind = "gate"
gates = ["check"]
)";

class EngineGateCache : public EngineTest {
protected:
    // The gate counts its runs in a file outside the worktree.
    fs::path counter() const { return project.home() / "gate-runs"; }

    void configure(bool cache) {
        standard_config("echo run >> '" + counter().string() + "'", cache ? "" : "cache = false\n");
        script("cheap", R"([[step]]
path = "build"
[[step.write]]
path = "built.txt"
content = "built\n"
)");
        workflow("w", build_then_quality);
        commit();
    }

    size_t gate_runs() const { return lines_of(read_file(counter())).size(); }
};

TEST_F(EngineGateCache, AGateThatPassedOnTheSameFilesIsNotRunAgain) {
    configure(true);
    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(gate_runs(), 1u);
    auto finished = of_type(events(run_id()), "gate_finished");
    ASSERT_EQ(finished.size(), 2u);
    EXPECT_FALSE(finished[0].at("cached").as_bool());
    EXPECT_TRUE(finished[1].at("cached").as_bool());
    EXPECT_EQ(str(finished[1], "step"), "quality");
    EXPECT_THAT(out.err, ::testing::HasSubstr("✓ check (1 cached)"));
    Outcome report = project.gump({"report"});
    EXPECT_THAT(report.out, ::testing::HasSubstr("check ✓ (1 cached)"));
}

TEST_F(EngineGateCache, AGateConfiguredWithoutCacheAlwaysRuns) {
    configure(false);
    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(gate_runs(), 2u);
    for (const auto& e : of_type(events(run_id()), "gate_finished"))
        EXPECT_FALSE(e.at("cached").as_bool());
}

TEST_F(EngineGateCache, ChangedFilesRunTheGateAgain) {
    configure(true);
    // A second code step changes a file: the quality step's check must run on the new files.
    workflow("w", R"(name = "w"
[[steps]]
name = "build"
kind = "code"
agent = "cheap"
gates = ["check"]
prompt = "Build it."

[[steps]]
name = "polish"
kind = "code"
agent = "cheap"
prompt = "Polish it."

[[steps]]
name = "quality"
kind = "gate"
gates = ["check"]
)");
    script("cheap", R"([[step]]
path = "build"
[[step.write]]
path = "built.txt"
content = "built\n"
[[step]]
path = "polish"
[[step.write]]
path = "built.txt"
content = "polished\n"
)");
    commit("polish");
    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(gate_runs(), 2u);
}

} // namespace
} // namespace gump::e2e
