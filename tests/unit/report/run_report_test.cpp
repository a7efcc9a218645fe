// `gump report` and `gump status`, rendered from state.json and run.json.
#include "report/run_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <sstream>

namespace gump::report {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const Style plain = Style::plain();

runs::AttemptRecord attempt(int number, const std::string& agent, int turns, double cost,
                            std::vector<runs::GateRecord> gates,
                            const std::string& status = "pass") {
    runs::AttemptRecord a;
    a.number = number;
    a.agent = agent;
    a.plugin = agent.empty() ? "" : "replay";
    a.turns = turns;
    a.cost_usd = cost;
    a.cost_source = agent.empty() ? "" : "reported";
    a.status = status;
    a.gates = std::move(gates);
    return a;
}

runs::StepRecord step(const std::string& path, const std::string& kind,
                      std::vector<runs::AttemptRecord> attempts,
                      const std::string& status = "pass") {
    runs::StepRecord s;
    s.path = path;
    s.kind = kind;
    s.status = status;
    s.attempts = std::move(attempts);
    return s;
}

// The seed run: a plan, two items (the second retried on a stronger agent) and a gate step.
RunView seed_run() {
    RunView v;
    v.record.id = "r1";
    v.record.status = "pass";
    v.record.items = 2;
    v.record.pid = 4242;
    runs::RunState& s = v.state;
    s.run = "r1";
    s.workflow = "cheap2sota";
    s.spec = "spec.md";
    s.status = "pass";
    s.duration_ms = 52000;
    s.cost_usd = 0.83;
    s.turns = 8;
    s.steps.push_back(step(
        "decompose", "plan",
        {attempt(1, "claude-sonnet", 3, 0.20, {{"schema", "plan-schema", "pass", "2 items", 5}})}));
    s.steps.back().items = 2;
    s.steps.push_back(step("build", "group", {}));
    s.steps.push_back(step("build/1/impl", "code",
                           {attempt(1, "qwen", 2, 0.10,
                                    {{"compile", "command", "pass", "ok", 800},
                                     {"test", "command", "pass", "ok", 900}})}));
    runs::AttemptRecord failed =
        attempt(1, "qwen", 1, 0.05,
                {{"compile", "command", "pass", "ok", 800},
                 {"test", "command", "fail", "test failed (exit 2)", 3000}},
                "fail");
    failed.reason = "test did not pass";
    failed.error = "test failed (exit 2)\nexpected 200, got 404";
    failed.session = "sess-1";
    failed.model = "qwen3-coder";
    failed.tokens = {12400, 980, 0, 0};
    failed.duration_ms = 30000;
    failed.commit = "abcdef0123456789";
    failed.files = {"src/a.c", "src/b.c"};
    runs::AttemptRecord escalated = attempt(
        2, "claude-haiku", 2, 0.48,
        {{"compile", "command", "pass", "ok", 800}, {"test", "command", "pass", "ok", 900}});
    escalated.how = "claude-haiku";
    escalated.session = "sess-2";
    escalated.model = "claude-haiku-4";
    escalated.duration_ms = 20000;
    s.steps.push_back(step("build/2/impl", "code", {failed, escalated}));
    s.steps.back().duration_ms = 64000;
    s.steps.push_back(step("quality", "gate",
                           {attempt(1, "", 0, 0,
                                    {{"compile", "command", "pass", "ok", 1},
                                     {"lint", "command", "pass", "ok", 1},
                                     {"test", "command", "pass", "ok", 1}})}));
    return v;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

// The table row of a step.
std::string row(const std::string& table, const std::string& path) {
    for (const auto& line : lines_of(table))
        if (line.starts_with(path + " ")) return line;
    return "(no row for " + path + ")";
}

// The cells of a row: runs of text separated by two or more spaces.
std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    int spaces = 0;
    for (char c : line) {
        if (c == ' ') {
            ++spaces;
            continue;
        }
        if (spaces >= 2 && !cell.empty()) {
            out.push_back(cell);
            cell.clear();
        } else if (spaces == 1) {
            cell += ' ';
        }
        spaces = 0;
        cell += c;
    }
    if (!cell.empty()) out.push_back(cell);
    return out;
}

size_t code_points(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

TEST(RenderRun, HeaderSaysRunWorkflowStatusDurationAndCost) {
    RunView v = seed_run();
    v.state.budget_usd = 10.0;
    std::string out = render_run(v, plain);
    EXPECT_THAT(out, StartsWith("Run: r1\nWorkflow: cheap2sota · Status: pass · Duration: 52s · "
                                "Cost: $0.83 of $10.00\n"));
    EXPECT_THAT(out, Not(HasSubstr("Why:")));
    EXPECT_THAT(out, Not(HasSubstr("\x1b[")));
}

TEST(RenderRun, OneRowPerStepThatIsNotAGroup) {
    std::string out = render_run(seed_run(), plain);
    EXPECT_THAT(cells(row(out, "Step")),
                ::testing::ElementsAre("Step", "Agent", "Turns", "Cost", "Gate"));
    EXPECT_THAT(cells(row(out, "decompose")),
                ::testing::ElementsAre("decompose", "claude-sonnet", "3", "$0.20", "schema ✓"));
    EXPECT_THAT(cells(row(out, "build/1/impl")),
                ::testing::ElementsAre("build/1/impl", "qwen", "2", "$0.10", "compile+test ✓"));
    EXPECT_THAT(cells(row(out, "build/2/impl")),
                ::testing::ElementsAre("build/2/impl", "qwen → claude-haiku", "3", "$0.53",
                                       "compile+test ✓ (1 retry)"));
    EXPECT_THAT(cells(row(out, "quality")),
                ::testing::ElementsAre("quality", "—", "—", "—", "compile+lint+test ✓"));
    EXPECT_EQ(row(out, "build"), "(no row for build)");
}

TEST(RenderRun, ColumnsLineUpWhateverTheCharacters) {
    std::string out = render_run(seed_run(), plain);
    // The agent column starts at the same display column on every row, "→" and "—" included.
    size_t column = 0;
    for (std::string path : {"Step", "decompose", "build/1/impl", "build/2/impl", "quality"}) {
        std::string line = row(out, path);
        std::string agent = cells(line).at(1);
        size_t at = line.find(agent, path.size());
        ASSERT_NE(at, std::string::npos);
        size_t shown = code_points(line.substr(0, at));
        if (!column) column = shown;
        EXPECT_EQ(shown, column) << line;
    }
}

TEST(RenderRun, RetriesArePluralAndFailedGatesAreCrossed) {
    RunView v = seed_run();
    auto& impl = v.state.steps[3];
    impl.attempts.insert(impl.attempts.begin(), impl.attempts.front());
    impl.attempts.back().gates[1].verdict = "fail";
    impl.status = "fail";
    std::string out = render_run(v, plain);
    EXPECT_EQ(cells(row(out, "build/2/impl")).back(), "compile+test ✗ (2 retries)");
}

TEST(RenderRun, ReplayedAgentsAndUnknownCostsAreMarked) {
    RunView v = seed_run();
    v.state.steps[2].attempts[0].replay = true;
    v.state.steps[2].attempts[0].cost_source = "unknown";
    v.state.cost_partial = true;
    std::string out = render_run(v, plain);
    std::string line = row(out, "build/1/impl");
    EXPECT_EQ(cells(line).at(1), "qwen (replay)");
    EXPECT_TRUE(std::regex_search(line, std::regex(R"(  2   \$0\.10\+\? +compile\+test ✓$)")))
        << line;
    EXPECT_THAT(out, HasSubstr("Cost: $0.83+?"));
}

// The cost column is 8 characters wide with nothing after it, so a cost of 8 characters or more
// ("$12.50+?", "$100.00" is 7) runs into the gate column: "$12.50+?compile+test ✓".
TEST(RenderRun, AWideCostStillLeavesASpaceBeforeTheGate) {
    RunView v = seed_run();
    v.state.steps[2].attempts[0].cost_usd = 12.5;
    v.state.steps[2].attempts[0].cost_source = "unknown";
    v.state.steps[3].attempts[1].cost_usd = 1234.0;
    std::string out = render_run(v, plain);
    EXPECT_TRUE(std::regex_search(row(out, "build/1/impl"), std::regex(R"(\$12\.50\+\? +compile)")))
        << row(out, "build/1/impl");
    EXPECT_TRUE(std::regex_search(row(out, "build/2/impl"), std::regex(R"(\$1234\.05 +compile)")))
        << row(out, "build/2/impl");
}

TEST(RenderRun, AFailedRunSaysWhyAndAnAppliedRunWhere) {
    RunView v = seed_run();
    v.state.status = "fail";
    v.state.reason = "build/2/impl: all 5 attempts failed";
    v.record.applied =
        runs::Applied{"2026-11-25T11:00:00Z", "0123456789abcdef0123", "squash", "main"};
    std::string out = render_run(v, plain);
    EXPECT_THAT(out, HasSubstr("Status: fail"));
    EXPECT_THAT(out, HasSubstr("\nWhy: build/2/impl: all 5 attempts failed\n"));
    EXPECT_THAT(out, HasSubstr("\nApplied: 0123456789ab on main\n"));
}

TEST(RenderRun, ARunningStateWhoseProcessIsGoneIsInterrupted) {
    RunView v = seed_run();
    v.state.status = "running";
    v.alive = false;
    EXPECT_EQ(v.status(), "interrupted");
    std::string out = render_run(v, plain);
    EXPECT_THAT(out, HasSubstr("Status: interrupted"));
    EXPECT_THAT(out, HasSubstr("Its process is gone"));

    v.alive = true;
    EXPECT_EQ(v.status(), "running");
    out = render_run(v, plain);
    EXPECT_THAT(out, HasSubstr("Status: running"));
    EXPECT_THAT(out, Not(HasSubstr("Its process is gone")));
}

TEST(RenderRun, RunningAndInterruptedStepsSaySo) {
    RunView v = seed_run();
    v.state.status = "running";
    v.alive = true;
    v.state.steps[3].status = "running";
    v.state.steps[4].status = "interrupted";
    std::string out = render_run(v, plain);
    EXPECT_EQ(cells(row(out, "build/2/impl")).back(), "running…");
    EXPECT_EQ(cells(row(out, "quality")).back(), "interrupted");
}

// A run whose process died leaves its current step "running" in state.json: its row says
// "interrupted", like the run, not "running…".
TEST(RenderRun, TheStepOfADeadRunIsNotShownAsRunning) {
    RunView v = seed_run();
    v.state.status = "running";
    v.alive = false;
    v.state.steps[3].status = "running";
    std::string out = render_run(v, plain);
    EXPECT_EQ(cells(row(out, "build/2/impl")).back(), "interrupted");
}

TEST(RenderDetail, MatchesTheFullPathAndShowsEveryAttempt) {
    auto out = render_detail(seed_run(), "build/2/impl", plain);
    ASSERT_TRUE(out) << out.error().message;
    auto lines = lines_of(*out);
    ASSERT_GE(lines.size(), 6u);
    EXPECT_EQ(lines[0], "Step build/2/impl (code) · pass · 1m04s");
    EXPECT_THAT(*out, HasSubstr("\nAttempt 1 · fail · qwen [qwen3-coder] · 30s\n"
                                "  session: sess-1 (new)\n"
                                "  turns: 1 · tokens: 12.4k in, 980 out, 0 cache read, 0 cache "
                                "write · cost: $0.05 (reported)\n"
                                "  snapshot: abcdef012345 · 2 files\n"
                                "  gate compile: pass — ok (1s)\n"
                                "  gate test: fail — test failed (exit 2) (3s)\n"
                                "  why: test did not pass\n"
                                "  fed back to attempt 2:\n"
                                "    │ test failed (exit 2)\n"
                                "    │ expected 200, got 404\n"));
    EXPECT_THAT(*out, HasSubstr("\nAttempt 2 · pass · claude-haiku [claude-haiku-4] · escalated · "
                                "20s\n"));
    EXPECT_THAT(*out, Not(HasSubstr("fed back to attempt 3")));
}

TEST(RenderDetail, MatchesAUniqueSuffix) {
    auto by_suffix = render_detail(seed_run(), "2/impl", plain);
    ASSERT_TRUE(by_suffix) << by_suffix.error().message;
    auto full = render_detail(seed_run(), "build/2/impl", plain);
    ASSERT_TRUE(full);
    EXPECT_EQ(*by_suffix, *full);
}

TEST(RenderDetail, AnAmbiguousSuffixNamesTheCandidates) {
    auto out = render_detail(seed_run(), "impl", plain);
    ASSERT_FALSE(out);
    EXPECT_THAT(out.error().message, HasSubstr("'impl' names several steps (build/1/impl, "
                                               "build/2/impl); give the full path"));
}

TEST(RenderDetail, AnUnknownStepListsTheSteps) {
    auto out = render_detail(seed_run(), "implx", plain);
    ASSERT_FALSE(out);
    EXPECT_THAT(out.error().message, HasSubstr("run r1 has no step 'implx'"));
    EXPECT_THAT(out.error().message,
                HasSubstr("its steps: decompose, build/1/impl, build/2/impl, quality"));
    // A suffix must end at a '/': "mpl" is not "impl".
    EXPECT_FALSE(render_detail(seed_run(), "mpl", plain));
}

TEST(RenderDetail, AFullPathWinsOverASuffix) {
    RunView v = seed_run();
    v.state.steps.push_back(step("impl", "code", {attempt(1, "qwen", 1, 0.01, {})}));
    auto out = render_detail(v, "impl", plain);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_THAT(*out, StartsWith("Step impl (code)"));
}

TEST(RenderDetail, ReplayUnknownCostResumedSessionAndGateSteps) {
    RunView v = seed_run();
    auto& a = v.state.steps[2].attempts[0];
    a.replay = true;
    a.cost_source = "unknown";
    a.resumed = true;
    a.session = "sess-0";
    a.guard = "max_turns";
    auto out = render_detail(v, "build/1/impl", plain);
    ASSERT_TRUE(out);
    EXPECT_THAT(*out, HasSubstr("· qwen (replay) ·"));
    EXPECT_THAT(*out, HasSubstr("  session: sess-0 (resumed)\n"));
    EXPECT_THAT(*out, HasSubstr("cost: unknown\n"));
    EXPECT_THAT(*out, HasSubstr("  guard: max_turns\n"));

    auto gate = render_detail(v, "quality", plain);
    ASSERT_TRUE(gate);
    EXPECT_THAT(*gate, StartsWith("Step quality (gate) · pass"));
    EXPECT_THAT(*gate, Not(HasSubstr("session:")));
    EXPECT_THAT(*gate, HasSubstr("  gate lint: pass — ok (0s)\n"));
}

std::vector<RunView> last_runs() {
    // Newest first, as the store lists them.
    RunView r3 = seed_run();
    r3.state.run = "r3";
    r3.state.cost_usd = 0.90;
    RunView r2 = seed_run();
    r2.state.run = "r2";
    r2.state.status = "fail";
    r2.state.cost_usd = 0.30;
    r2.record.items = 0;
    for (auto& s : r2.state.steps)
        for (auto& a : s.attempts)
            a.how.clear();
    RunView r1 = seed_run();
    r1.state.run = "r1";
    r1.state.cost_usd = 0.60;
    r1.record.items = 1;
    for (auto& s : r1.state.steps)
        for (auto& a : s.attempts)
            a.how.clear();
    return {r3, r2, r1};
}

TEST(RenderLast, SuccessRateCostPerItemAndEscalations) {
    std::string out = render_last(last_runs(), plain);
    EXPECT_THAT(out, StartsWith("Last 3 runs\n\n"));
    EXPECT_THAT(out, HasSubstr("\nSuccess rate: 2/3 (66%)\n"));
    // $1.80 over the 2 + 1 items of the passed runs.
    EXPECT_THAT(out, HasSubstr("\nCost per passed item: $0.60 "));
    EXPECT_THAT(out, HasSubstr("\nEscalations per rung: claude-haiku 1 "));
    auto lines = lines_of(out);
    EXPECT_THAT(cells(lines.at(2)),
                ::testing::ElementsAre("r3", "cheap2sota", "pass", "52s", "$0.90"));
    EXPECT_THAT(cells(lines.at(3)),
                ::testing::ElementsAre("r2", "cheap2sota", "fail", "52s", "$0.30"));
}

TEST(RenderLast, TheTrendRunsOldestFirstWithBarsInProportion) {
    std::string out = render_last(last_runs(), plain);
    auto lines = lines_of(out);
    auto trend = std::find(lines.begin(), lines.end(), "Cost trend (oldest first):");
    ASSERT_NE(trend, lines.end());
    ASSERT_GE(lines.end() - trend, 4);
    auto bar = [](const std::string& line) {
        size_t at = line.find("█");
        return at == std::string::npos ? 0 : code_points(line.substr(at));
    };
    EXPECT_THAT(trend[1], StartsWith("  r1 "));
    EXPECT_THAT(trend[2], StartsWith("  r2 "));
    EXPECT_THAT(trend[3], StartsWith("  r3 "));
    EXPECT_THAT(trend[1], HasSubstr("$0.60"));
    EXPECT_EQ(bar(trend[3]), 20u); // the most expensive fills the bar
    EXPECT_EQ(bar(trend[1]), 13u); // 20 * 0.60 / 0.90
    EXPECT_EQ(bar(trend[2]), 7u);  // 20 * 0.30 / 0.90
}

TEST(RenderLast, NothingPassedAndNothingEscalated) {
    auto runs = last_runs();
    for (auto& r : runs) {
        r.state.status = "fail";
        for (auto& s : r.state.steps)
            for (auto& a : s.attempts)
                a.how = a.number > 1 ? "same" : "";
    }
    std::string out = render_last(runs, plain);
    EXPECT_THAT(out, HasSubstr("Success rate: 0/3 (0%)"));
    EXPECT_THAT(out, HasSubstr("Cost per passed item: — (nothing passed)"));
    EXPECT_THAT(out, HasSubstr("Escalations per rung: none\n"));
}

TEST(RenderLast, ADeadRunningRunCountsAsInterrupted) {
    auto runs = last_runs();
    runs[0].state.status = "running";
    runs[0].alive = false;
    std::string out = render_last(runs, plain);
    EXPECT_THAT(lines_of(out).at(2), HasSubstr("interrupted"));
    EXPECT_THAT(out, HasSubstr("Success rate: 1/3 (33%)"));
}

TEST(RenderStatus, ARunningRunShowsItsCurrentStepAndSpend) {
    RunView v = seed_run();
    v.state.status = "running";
    v.alive = true;
    v.state.current_step = "build/2/impl";
    v.state.current_attempt = 2;
    v.state.steps[3].status = "running";
    std::string out = render_status({v}, plain);
    EXPECT_EQ(out, "Run r1 (cheap2sota) — running\n"
                   "Spec: spec.md\n"
                   "Running for 52s · spent $0.83 · 8 turns\n"
                   "Current step: build/2/impl, attempt 2 (claude-haiku) · 2 turns · $0.48\n");
}

TEST(RenderStatus, ADeadRunIsInterruptedWithItsPid) {
    RunView v = seed_run();
    v.state.status = "running";
    v.alive = false;
    v.state.current_step = "build/2/impl";
    v.state.current_attempt = 2;
    std::string out = render_status({v}, plain);
    EXPECT_THAT(out, StartsWith("Run r1 (cheap2sota) — interrupted: its process (pid 4242) is "
                                "gone during build/2/impl, attempt 2.\n"));
    EXPECT_THAT(out, HasSubstr("Spent $0.83 · 8 turns."));
    EXPECT_THAT(out, HasSubstr("`gump report r1`"));
}

TEST(RenderStatus, NoRunAtAllOrOnlyFinishedOnes) {
    EXPECT_EQ(render_status({}, plain), "No run in progress, and no run yet.\n");
    auto runs = last_runs();
    EXPECT_EQ(render_status(runs, plain),
              "No run in progress. The last: r3 (cheap2sota) — pass, $0.90.\n");
}

TEST(RenderStatus, TheRunningRunIsFoundAmongFinishedOnes) {
    auto runs = last_runs();
    runs[1].state.status = "running";
    runs[1].alive = true;
    EXPECT_THAT(render_status(runs, plain), StartsWith("Run r2 (cheap2sota) — running\n"));
}

} // namespace
} // namespace gump::report
