// The workflows compiled into gump: each is clean, and the flagship has the promised shape.
#include "support.hpp"
#include "workflow/catalog.hpp"

#include <gmock/gmock.h>

using namespace gump;
using namespace gump::workflow;
using namespace gump::workflow::test;

namespace {

const std::vector<std::string> builtin_names = {
    "bugfix",   "cheap2sota", "freeform", "implement-spec",   "parallel-tasks",
    "refactor", "simple",     "tdd",      "validators/review"};

Workflow load_builtin(const std::string& name) {
    Catalog catalog(std::nullopt, std::nullopt);
    Diagnostics diags;
    auto wf = catalog.load(name, diags);
    EXPECT_TRUE(wf) << name;
    EXPECT_TRUE(diags.empty()) << diags.to_string();
    return wf ? *wf : Workflow{};
}

} // namespace

TEST(BuiltIn, TheNineAreAllThere) {
    std::vector<std::string> names;
    for (const auto& entry : Catalog(std::nullopt, std::nullopt).list()) {
        EXPECT_EQ(entry.source, "built-in");
        EXPECT_EQ(entry.path, "built-in:workflows/" + entry.name + ".toml");
        EXPECT_FALSE(entry.description.empty()) << entry.name;
        names.push_back(entry.name);
    }
    EXPECT_EQ(names, builtin_names);
}

TEST(BuiltIn, EachParsesAndValidatesWithoutAnyDiagnostic) {
    ValidationContext context = default_context();
    for (const auto& name : builtin_names) {
        Catalog catalog(std::nullopt, std::nullopt);
        Diagnostics diags;
        auto wf = catalog.load(name, diags);
        ASSERT_TRUE(wf) << name << "\n" << diags.to_string();
        validate_references(*wf, context, diags);
        EXPECT_TRUE(diags.empty()) << name << ":\n" << diags.to_string();
        EXPECT_EQ(wf->source, "built-in");
        EXPECT_EQ(wf->path, "built-in:workflows/" + name + ".toml");
        EXPECT_FALSE(wf->description.empty()) << name;
    }
}

TEST(BuiltIn, EachFileInTheSourceTreeIsEmbedded) {
    // A workflow added to workflows/ must reach the binary (and so this test's list).
    std::vector<std::string> on_disk;
    std::filesystem::path dir = std::filesystem::path(GUMP_SOURCE_DIR) / "workflows";
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.path().extension() == ".toml")
            on_disk.push_back(
                e.path().lexically_relative(dir).replace_extension().generic_string());
    std::sort(on_disk.begin(), on_disk.end());
    EXPECT_EQ(on_disk, builtin_names);
}

TEST(BuiltIn, Cheap2sotaHasThePromisedShape) {
    Workflow wf = load_builtin("cheap2sota");
    EXPECT_EQ(wf.name, "cheap2sota");
    EXPECT_EQ(*wf.budget.max_cost, 10.0);
    ASSERT_EQ(wf.steps.size(), 3u);

    const Step& decompose = wf.steps[0];
    EXPECT_EQ(decompose.name, "decompose");
    EXPECT_EQ(decompose.kind, StepKind::plan);
    EXPECT_EQ(decompose.agent, "claude-sonnet");
    ASSERT_EQ(decompose.gates.size(), 1u);
    EXPECT_EQ(decompose.gates[0].name, "schema");

    const Step& build = wf.steps[1];
    EXPECT_EQ(build.name, "build");
    EXPECT_EQ(build.kind, StepKind::group);
    EXPECT_EQ(build.foreach, "decompose");
    EXPECT_FALSE(build.parallel);
    ASSERT_EQ(build.steps.size(), 1u);
    const Step& impl = build.steps[0];
    EXPECT_EQ(impl.name, "impl");
    EXPECT_EQ(impl.kind, StepKind::code);
    EXPECT_EQ(impl.agent, "qwen");
    ASSERT_EQ(impl.gates.size(), 2u);
    EXPECT_EQ(impl.gates[0].name, "compile");
    EXPECT_EQ(impl.gates[1].name, "test");
    EXPECT_EQ(*impl.guards.max_turns, 60);
    EXPECT_EQ(impl.retry.attempts, 5);
    ASSERT_EQ(impl.retry.ladder.size(), 3u); // attempt 2 has no rung: the same agent again
    const auto& ladder = impl.retry.ladder;
    EXPECT_EQ(ladder[0].from, 3);
    EXPECT_EQ(*ladder[0].agent, "claude-haiku");
    EXPECT_FALSE(ladder[0].reset);
    EXPECT_EQ(ladder[1].from, 4);
    EXPECT_EQ(*ladder[1].agent, "claude-sonnet");
    EXPECT_FALSE(ladder[1].reset);
    EXPECT_EQ(ladder[2].from, 5);
    EXPECT_EQ(*ladder[2].agent, "claude-opus");
    EXPECT_TRUE(ladder[2].reset);
    for (const auto& rung : ladder)
        EXPECT_FALSE(rung.prompt);

    const Step& quality = wf.steps[2];
    EXPECT_EQ(quality.name, "quality");
    EXPECT_EQ(quality.kind, StepKind::gate);
    std::vector<std::string> gates;
    for (const auto& g : quality.gates)
        gates.push_back(g.name);
    EXPECT_EQ(gates, (std::vector<std::string>{"compile", "lint", "test"}));
}

TEST(BuiltIn, TddGuardsTestFilesWithFullPathGlobs) {
    Workflow wf = load_builtin("tdd");
    ASSERT_EQ(wf.steps.size(), 3u);
    const Step& build = wf.steps[1];
    ASSERT_EQ(build.steps.size(), 2u);
    const Step& red = build.steps[0];
    const Step& green = build.steps[1];
    EXPECT_EQ(green.session_from, "red");
    auto files_gate = [](const Step& s) -> const GateRef* {
        for (const auto& g : s.gates)
            if (g.name == "files") return &g;
        return nullptr;
    };
    ASSERT_TRUE(files_gate(red));
    ASSERT_TRUE(files_gate(green));
    const auto& touched = files_gate(red)->params.at("touched").as_array();
    const auto& untouched = files_gate(green)->params.at("untouched").as_array();
    EXPECT_EQ(touched, untouched); // the tests red writes are the ones green must not touch
    for (const auto& glob : touched)
        EXPECT_EQ(std::string(glob.as_string()).rfind("**/", 0), 0u) << glob; // not basenames
}

TEST(BuiltIn, TheReviewValidatorReadsItsInputs) {
    Workflow wf = load_builtin("validators/review");
    EXPECT_EQ(wf.inputs, (std::vector<std::string>{"diff", "spec"}));
    ASSERT_EQ(wf.steps.size(), 1u);
    EXPECT_EQ(wf.steps[0].kind, StepKind::review);
    EXPECT_THAT(wf.steps[0].prompt.text, ::testing::HasSubstr("{input.diff}"));
    EXPECT_THAT(wf.steps[0].prompt.text, ::testing::HasSubstr("{input.spec}"));
}

TEST(BuiltIn, EveryAgentStepHasATurnGuardOrIsAPlanner) {
    // A step with no max_turns relies on the agent CLI's own limit; only planners may.
    for (const auto& name : builtin_names) {
        Workflow wf = load_builtin(name);
        std::function<void(const std::vector<Step>&)> walk = [&](const std::vector<Step>& steps) {
            for (const auto& s : steps) {
                if (s.kind == StepKind::code || s.kind == StepKind::review) {
                    EXPECT_TRUE(s.guards.max_turns) << name << ": " << s.name;
                }
                walk(s.steps);
            }
        };
        walk(wf.steps);
    }
}
