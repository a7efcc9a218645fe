// The bundled example, run the way its README says: a fresh repository holding
// examples/healthz, `gump run spec.md --workflow cheap2sota`, then `gump report`.
#include "engine_fixture.hpp"

namespace gump::e2e {
namespace {

using ::testing::HasSubstr;

bool have_program(const std::string& name) {
    process::CommandSpec spec;
    spec.argv = {"sh", "-c", "command -v " + name};
    auto r = process::run(spec);
    return r && r->exit_code == 0;
}

class EngineExample : public EngineTest {};

TEST_F(EngineExample, HealthzRunsCheap2sotaToTheEnd) {
    if (!have_program("make") || !have_program("cc"))
        GTEST_SKIP() << "the healthz example needs make and cc";
    fs::path example = fs::path(GUMP_SOURCE_DIR) / "examples/healthz";
    fs::copy(example, dir(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    commit("the healthz example");
    ASSERT_EQ(repo.status(), "");

    Outcome out = run("cheap2sota");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(
        in_order(out.err, {"→ Step 1: Decompose", "✓ plan: 2 items", "[build/1/impl]",
                           "✓ gate passed — compile+test", "[build/2/impl]  ✗ gate failed — test",
                           "retry 2/5 (same)", "→ Step 3: Quality", "✓ compile + lint + test",
                           "Run completed. $0.33 · 10 turns"}));

    std::string id = run_id();
    EXPECT_EQ(str(state(id), "status"), "pass");
    EXPECT_EQ(repo.status(), "");

    Outcome report = project.gump({"report"});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    bool row = false;
    for (const auto& line : lines_of(report.out))
        if (line.starts_with("build/2/impl")) {
            row = true;
            EXPECT_THAT(line, HasSubstr("(1 retry)"));
        }
    EXPECT_TRUE(row) << report.out;
}

} // namespace
} // namespace gump::e2e
