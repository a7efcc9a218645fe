// Guards, the run budget and the stops no retry can fix, end to end: an attempt that crosses a
// limit fails even when its gates pass, its changes are undone, and its processes are gone.
#include "engine_fixture.hpp"

#include <fstream>

namespace gump::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string one_step(const std::string& guards, int attempts = 1, const std::string& budget = "") {
    std::string out = "name = \"w\"\n" + budget +
                      "[[steps]]\nname = \"one\"\nkind = \"code\"\nagent = \"cheap\"\n"
                      "gates = [\"check\"]\nprompt = \"Write done.txt.\"\n";
    if (!guards.empty()) out += "[steps.guards]\n" + guards;
    out += "[steps.retry]\nattempts = " + std::to_string(attempts) + "\n";
    return out;
}

// TOML basic string of `text`.
std::string toml_string(const std::string& text) {
    return json::serialize(json::value(text));
}

class EngineGuard : public EngineTest {
protected:
    ScratchDir scratch; // pid files and markers, outside the project

    void SetUp() override { standard_config(); }

    const json::object& only_attempt(const json::object& st, const std::string& path) {
        const json::object* step = state_step(st, path);
        if (!step || attempts_of(*step).empty()) {
            ADD_FAILURE() << "no attempt of " << path << " in state.json";
            static const json::object none;
            return none;
        }
        return attempts_of(*step).back().as_object();
    }
};

TEST_F(EngineGuard, MaxTokensFailsAnAttemptWhoseGatesPassAndUndoesItsChanges) {
    script("cheap", R"([[step]]
path = "one"
input_tokens = 200
output_tokens = 50
[[step.write]]
path = "done.txt"
content = "done\n"
)");
    commit();
    workflow("w", one_step("max_tokens = 100\n"));

    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    auto guards = of_type(evs, "guard", "one");
    ASSERT_EQ(guards.size(), 1u);
    EXPECT_EQ(str(guards[0], "guard"), "max_tokens");
    EXPECT_FALSE(of_type(evs, "rollback", "one").empty());
    json::object st = state(id);
    EXPECT_EQ(str(st, "status"), "fail");
    EXPECT_EQ(str(only_attempt(st, "one"), "guard"), "max_tokens");
    // What a stopped attempt used still counts.
    EXPECT_EQ(num(st.at("tokens").as_object(), "input"), 200);
    EXPECT_EQ(num(st.at("tokens").as_object(), "output"), 50);
    EXPECT_EQ(str(only_attempt(st, "one"), "status"), "fail");
    EXPECT_EQ(str(*state_step(st, "one"), "status"), "fail");
    EXPECT_FALSE(fs::exists(worktree(id) / "done.txt"));
    EXPECT_FALSE(in_tree(branch(id), "done.txt"));
}

TEST_F(EngineGuard, MaxTimeKillsTheAgentAndEveryProcessItStarted) {
    fs::path pidfile = scratch.path() / "grandchild.pid";
    // The agent prints a turn, then waits on a grandchild that ignores SIGTERM.
    std::string shell = "echo '{\"type\":\"turn\",\"number\":1}'; "
                        "sh -c 'trap \"\" TERM; sleep 1000 & echo $! > \"$PIDFILE\"; wait' & "
                        "wait";
    script("cheap", "[[step]]\npath = \"one\"\n[step.command]\nargv = [\"sh\", \"-c\", " +
                        toml_string(shell) +
                        "]\nenv = { PIDFILE = " + toml_string(pidfile.string()) + " }\n");
    commit();
    workflow("w", one_step("max_time = \"1s\"\n"));

    auto started = std::chrono::steady_clock::now();
    Outcome out = run("w");
    auto took = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_LT(took, std::chrono::seconds(10));
    std::string id = run_id();
    auto guards = of_type(events(id), "guard", "one");
    ASSERT_EQ(guards.size(), 1u);
    EXPECT_EQ(str(guards[0], "guard"), "max_time");
    json::object st = state(id);
    EXPECT_EQ(str(only_attempt(st, "one"), "guard"), "max_time");

    ASSERT_TRUE(fs::exists(pidfile)) << "the grandchild never started";
    pid_t pid = static_cast<pid_t>(std::stol(read_file(pidfile)));
    bool gone = wait_for([&] { return !process_alive(pid); }, std::chrono::seconds(3));
    EXPECT_TRUE(gone) << "the grandchild " << pid << " survived the guard";
    if (!gone) ::kill(pid, SIGKILL);
}

TEST_F(EngineGuard, MaxTurnsStopsTheAgentAtTheTurnThatCrossesIt) {
    fs::path marker = scratch.path() / "finished";
    std::string shell;
    for (int turn = 1; turn <= 5; ++turn)
        shell += "echo '{\"type\":\"turn\",\"number\":" + std::to_string(turn) + "}'; sleep 0.5; ";
    shell += "touch \"$MARKER\"";
    script("cheap", "[[step]]\npath = \"one\"\n[[step.write]]\npath = \"done.txt\"\n"
                    "[step.command]\nargv = [\"sh\", \"-c\", " +
                        toml_string(shell) + "]\nenv = { MARKER = " + toml_string(marker.string()) +
                        " }\n");
    commit();
    workflow("w", one_step("max_turns = 2\n"));

    auto started = std::chrono::steady_clock::now();
    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    std::string id = run_id();
    auto guards = of_type(events(id), "guard", "one");
    ASSERT_EQ(guards.size(), 1u);
    EXPECT_EQ(str(guards[0], "guard"), "max_turns");
    EXPECT_THAT(str(guards[0], "reason"), HasSubstr("max_turns"));
    EXPECT_THAT(str(guards[0], "reason"), HasSubstr("3 turns"));
    json::object st = state(id);
    EXPECT_EQ(num(only_attempt(st, "one"), "turns"), 3);
    // Stopped at turn 3: the agent never reached turn 4, nor its end.
    std::string stream = artifact(id, "one/attempt-1/events.jsonl");
    EXPECT_THAT(stream, HasSubstr("\"number\":3"));
    EXPECT_THAT(stream, Not(HasSubstr("\"number\":4")));
    // Left alone, the agent would have finished 2.5 s after it started.
    std::this_thread::sleep_until(started + std::chrono::milliseconds(3000));
    EXPECT_FALSE(fs::exists(marker)) << "the agent ran to its end";
    EXPECT_FALSE(fs::exists(worktree(id) / "done.txt")); // undone
}

TEST_F(EngineGuard, APlanStepThatWritesSourceFailsAndItsChangeNeverReachesTheBranch) {
    script("cheap", R"([[step]]
path = "decompose"
[[step.write]]
path = ".gump/out/plan.json"
content = '{"items":[{"name":"one","description":"the first item to build here","files":[]}]}'
[[step.write]]
path = "src/evil.c"
content = "int evil;\n"
)");
    commit();
    workflow("w", R"(name = "w"
[[steps]]
name = "decompose"
kind = "plan"
agent = "cheap"
prompt = "Plan it."
)");

    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    auto finished = of_type(evs, "attempt_finished", "decompose");
    ASSERT_EQ(finished.size(), 1u);
    EXPECT_EQ(str(finished[0], "status"), "fail");
    EXPECT_THAT(str(finished[0], "reason"), HasSubstr("may not change files"));
    EXPECT_THAT(str(finished[0], "reason"), HasSubstr("src/evil.c"));
    EXPECT_THAT(artifact(id, "decompose/attempt-1/error.txt"), HasSubstr("src/evil.c"));
    EXPECT_EQ(str(of_type(evs, "guard", "decompose").at(0), "guard"), "no_write");
    EXPECT_THAT(git({"ls-tree", "-r", "--name-only", branch(id)}), Not(HasSubstr("evil")));
    EXPECT_FALSE(fs::exists(worktree(id) / "src/evil.c"));
}

TEST_F(EngineGuard, TheRunBudgetStopsAnAttemptThatSpendsPastIt) {
    script("cheap", R"([[step]]
path = "one"
cost_usd = 0.15
[[step.write]]
path = "done.txt"
)");
    commit();
    workflow("w", one_step("", 1, "[budget]\nmax_cost = 0.10\n"));

    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 3) << out.err;
    std::string id = run_id();
    EXPECT_EQ(of_type(events(id), "budget").size(), 1u);
    json::object st = state(id);
    EXPECT_EQ(str(st, "status"), "budget");
    EXPECT_NEAR(st.at("cost_usd").to_number<double>(), 0.15, 1e-9); // spent, and counted
    EXPECT_FALSE(fs::exists(worktree(id) / "done.txt"));            // and undone
    json::object record = json::parse(read_file(run_dir(id) / "run.json")).as_object();
    EXPECT_EQ(str(record, "status"), "budget");
}

TEST_F(EngineGuard, TheBudgetOptionReplacesTheWorkflowsBudget) {
    script("cheap", R"([[step]]
path = "one"
cost_usd = 0.15
[[step.write]]
path = "done.txt"
)");
    commit();
    workflow("w", one_step("", 1, "[budget]\nmax_cost = 5.0\n"));

    Outcome out = run("w", {"--budget", "0.10"});
    EXPECT_EQ(out.exit_code, 3) << out.err;
    std::string id = run_id();
    EXPECT_EQ(of_type(events(id), "budget").size(), 1u);
    EXPECT_EQ(str(state(id), "status"), "budget");
}

TEST_F(EngineGuard, AnAttemptTheBudgetCannotAffordIsNotLaunched) {
    standard_config("test -f never.txt");
    script("cheap", R"([[step]]
path = "one"
cost_usd = 0.15
)");
    commit();
    workflow("w", one_step("", 2, "[budget]\nmax_cost = 0.20\n"));

    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 3) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    EXPECT_EQ(of_type(evs, "attempt_started").size(), 1u);
    auto budget = of_type(evs, "budget");
    ASSERT_EQ(budget.size(), 1u);
    EXPECT_THAT(str(budget[0], "reason"), HasSubstr("$0.15"));
    EXPECT_THAT(str(budget[0], "reason"), HasSubstr("$0.05 left"));
    EXPECT_EQ(str(state(id), "status"), "budget");
}

TEST_F(EngineGuard, AGateWithoutACommandStopsTheRunAtOnce) {
    config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n"
           "[gates.check]\nplugin = \"command\"\n");
    script("cheap", "[[step]]\npath = \"one\"\n");
    commit();
    workflow("w", one_step("", 3));

    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 4) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    EXPECT_EQ(of_type(evs, "attempt_started").size(), 1u);
    EXPECT_TRUE(of_type(evs, "retry").empty());
    EXPECT_EQ(str(of_type(evs, "gate_finished").at(0), "verdict"), "error");
    EXPECT_EQ(str(state(id), "status"), "error");
}

TEST_F(EngineGuard, AnAuthFailureStopsTheRunAtOnce) {
    script("cheap", R"([[step]]
path = "one"
success = false
failure_class = "auth"
failure_message = "not logged in: run `cheap login`"
)");
    commit();
    workflow("w", one_step("", 3));

    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 4) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    EXPECT_EQ(of_type(evs, "attempt_started").size(), 1u);
    EXPECT_TRUE(of_type(evs, "retry").empty());
    EXPECT_THAT(out.err, HasSubstr("not logged in"));
}

} // namespace
} // namespace gump::e2e
