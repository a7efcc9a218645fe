// `gump run --dry-run`: the plan of every built-in workflow, and every input error.
#include "support.hpp"

#include <boost/json.hpp>

using namespace gump::e2e;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

const char* builtins[] = {"cheap2sota",     "tdd",    "freeform", "simple", "parallel-tasks",
                          "implement-spec", "bugfix", "refactor"};

TEST(DryRun, EveryBuiltInWorkflowPlansWithoutWarnings) {
    Project p;
    p.write("spec.md", "# Add a flag\n");
    // Every agent CLI is installed (stand-ins): the workflows themselves must say nothing.
    fs::path bin = p.home() / "bin";
    fs::create_directories(bin);
    for (const char* cli : {"claude", "qwen", "codex", "gemini", "opencode", "cursor-agent"})
        fs::create_symlink("/bin/true", bin / cli);
    std::map<std::string, std::string> env{{"PATH", bin.string() + ":/usr/bin:/bin"}};
    for (const char* name : builtins) {
        Outcome o = p.gump({"run", "spec.md", "--workflow", name, "--dry-run"}, env);
        EXPECT_EQ(o.exit_code, 0) << name << "\n" << o.err;
        EXPECT_EQ(o.err, "") << name;
        EXPECT_THAT(o.out, HasSubstr("Dry run of " + std::string(name))) << name;
    }
}

TEST(DryRun, AnAgentCliNotOnPathIsAWarningWithHowToInstallIt) {
    Project p;
    p.write("spec.md", "# Add a flag\n");
    fs::path bin = p.home() / "bin";
    fs::create_directories(bin);
    fs::create_symlink("/bin/true", bin / "claude");
    Outcome o = p.gump({"run", "spec.md", "--workflow", "cheap2sota", "--dry-run"},
                       {{"PATH", bin.string() + ":/usr/bin:/bin"}});
    EXPECT_EQ(o.exit_code, 0) << o.err;
    EXPECT_THAT(o.err, HasSubstr("cheap2sota.toml:39:9: warning: agent qwen (qwen-code) runs "
                                 "`qwen`, which is not on PATH"));
    EXPECT_THAT(o.err, HasSubstr("fix: npm install -g @qwen-code/qwen-code@0.24.4"));
    EXPECT_THAT(o.err, Not(HasSubstr("`claude`")));
}

TEST(DryRun, Cheap2sotaShowsTheSeedShape) {
    Project p;
    p.write("spec.md", "# Add a flag\n");
    Outcome o = p.gump({"run", "spec.md", "--workflow", "cheap2sota", "--dry-run"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_THAT(o.out, HasSubstr("→ Step 1: decompose (plan)"));
    EXPECT_THAT(o.out, HasSubstr("agent    claude-sonnet → claude-code, model claude-sonnet-4-6"));
    EXPECT_THAT(o.out, HasSubstr("gates    schema → plan-schema"));
    EXPECT_THAT(
        o.out, HasSubstr("→ Step 2: build (group: for each item of decompose, one after another)"));
    EXPECT_THAT(o.out, HasSubstr("→ Step 2.1: build/<item>/impl (code)"));
    EXPECT_THAT(o.out, HasSubstr("agent    qwen → qwen-code, CLI default model"));
    EXPECT_THAT(o.out, HasSubstr("attempts 5; each retry is told why the previous one failed"));
    EXPECT_THAT(o.out, HasSubstr("2: same agent, resume the session"));
    EXPECT_THAT(o.out, Not(HasSubstr("failure fed back")));
    EXPECT_THAT(
        o.out,
        HasSubstr(
            "3: escalate to claude-haiku (claude-code, claude-haiku-4-5-20251001), new session\n"));
    EXPECT_THAT(o.out, HasSubstr("5: escalate to claude-opus (claude-code, claude-opus-4-6), new "
                                 "session, worktree reset to the start of the step\n"));
    EXPECT_THAT(o.out, HasSubstr("→ Step 3: quality (gates only)"));
    EXPECT_THAT(o.out, HasSubstr("compile → command (role compile)"));
    EXPECT_THAT(o.out, HasSubstr("Budget    $10.00"));
}

TEST(DryRun, TouchesNothingAndNeedsNoGitRepository) {
    Project p;
    p.write("spec.md", "# Add a flag\n");
    auto before = tree(p.dir());
    Outcome o = p.gump({"run", "spec.md", "--workflow", "cheap2sota", "--dry-run"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_FALSE(fs::exists(p.dir() / ".git"));
    EXPECT_EQ(tree(p.dir()), before);
    EXPECT_FALSE(fs::exists(p.dir() / ".gump"));
}

TEST(DryRun, JsonDescribesThePlan) {
    Project p;
    p.write("spec.md", "# Add a flag\n");
    Outcome o = p.gump({"run", "spec.md", "--workflow", "cheap2sota", "--dry-run", "--json"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    auto plan = boost::json::parse(o.out).as_object();
    EXPECT_EQ(plan.at("workflow"), "cheap2sota");
    auto& build = plan.at("steps").as_array().at(1).as_object();
    EXPECT_EQ(build.at("foreach"), "decompose");
    auto& impl = build.at("steps").as_array().at(0).as_object();
    auto& attempts = impl.at("attempts").as_array();
    ASSERT_EQ(attempts.size(), 5u);
    EXPECT_EQ(attempts[1].at("agent"), "qwen");
    EXPECT_EQ(attempts[1].at("new_session"), false);
    EXPECT_EQ(attempts[2].at("agent"), "claude-haiku");
    EXPECT_EQ(attempts[2].at("new_session"), true);
    EXPECT_EQ(attempts[4].at("reset"), true);
}

TEST(DryRun, MissingSpecIsBadInput) {
    Project p;
    Outcome o = p.gump({"run", "nope.md", "--workflow", "cheap2sota", "--dry-run"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, HasSubstr("nope.md: error: the spec file does not exist"));
}

TEST(DryRun, UnknownWorkflowListsTheAvailableOnes) {
    Project p;
    p.write("spec.md", "x");
    Outcome o = p.gump({"run", "spec.md", "--workflow", "cheap2sotta", "--dry-run"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, HasSubstr("cheap2sotta"));
    EXPECT_THAT(o.err, HasSubstr("cheap2sota"));
    EXPECT_THAT(o.err, HasSubstr("refactor"));
}

TEST(DryRun, UnknownAgentAndGateNameTheFileAndLine) {
    Project p;
    p.write("spec.md", "x");
    p.write(".gump/workflows/mine.toml", R"(name = "mine"
[[steps]]
name = "impl"
kind = "code"
agent = "qwenn"
prompt = "{spec}"
gates = ["compille"]
)");
    Outcome o = p.gump({"run", "spec.md", "--workflow", "mine", "--dry-run"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, HasSubstr(".gump/workflows/mine.toml:5:"));
    EXPECT_THAT(o.err, HasSubstr("qwenn"));
    EXPECT_THAT(o.err, HasSubstr("did you mean 'qwen'"));
    EXPECT_THAT(o.err, HasSubstr(".gump/workflows/mine.toml:7:"));
    EXPECT_THAT(o.err, HasSubstr("did you mean 'compile'"));
}

TEST(DryRun, ProjectWorkflowOverridesTheBuiltIn) {
    Project p;
    p.write("spec.md", "x");
    p.write(".gump/workflows/cheap2sota.toml", R"(name = "cheap2sota"
[[steps]]
name = "only"
kind = "code"
agent = "codex"
prompt = "{spec}"
)");
    Outcome o = p.gump({"run", "spec.md", "--workflow", "cheap2sota", "--dry-run"});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_THAT(o.out, HasSubstr("→ Step 1: only (code)"));
    EXPECT_THAT(o.out, Not(HasSubstr("decompose")));
}

TEST(DryRun, InlineGateParametersAreCheckedAgainstThePluginSchema) {
    Project p;
    p.write("spec.md", "x");
    p.write(".gump/workflows/mine.toml", R"(name = "mine"
[[steps]]
name = "check"
kind = "gate"
gates = [{ gate = "compile", timeout = 5 }]
)");
    Outcome o = p.gump({"run", "spec.md", "--workflow", "mine", "--dry-run"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, HasSubstr(".gump/workflows/mine.toml:5:"));
    EXPECT_THAT(o.err, HasSubstr("'timeout' must be string"));
}

TEST(DryRun, WithoutDryRunSaysWhatIsMissing) {
    Project p;
    p.write("spec.md", "x");
    Outcome o = p.gump({"run", "spec.md", "--workflow", "cheap2sota"});
    EXPECT_EQ(o.exit_code, 2);
    EXPECT_THAT(o.err, HasSubstr("--dry-run"));
}

} // namespace
