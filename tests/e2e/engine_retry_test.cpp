// Retries and the ladder end to end: what each attempt is told, which agent and session it
// gets, and what a reset does to the worktree and (never) to the branch's history.
#include "engine_fixture.hpp"

namespace gump::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// A gate that passes when done.txt exists, and says why it fails on stdout and on stderr.
const char* const loud_gate =
    "test -f done.txt || { echo FAILED_ON_STDOUT; echo FAILED_ON_STDERR >&2; exit 1; }";

std::string code_step(int attempts, const std::string& ladder = "",
                      const std::string& prompt = "ORIGINAL_TASK: write done.txt") {
    return "name = \"w\"\n[[steps]]\nname = \"one\"\nkind = \"code\"\nagent = \"cheap\"\n"
           "gates = [\"check\"]\nprompt = \"" +
           prompt + "\"\n[steps.retry]\nattempts = " + std::to_string(attempts) + "\n" + ladder;
}

// An entry of the replay script: `path`, optionally `attempt`, writing `file`.
std::string entry(const std::string& path, int attempt, const std::string& session,
                  const std::string& file) {
    std::string out = "[[step]]\npath = \"" + path + "\"\n";
    if (attempt > 0) out += "attempt = " + std::to_string(attempt) + "\n";
    if (!session.empty()) out += "session = \"" + session + "\"\n";
    if (!file.empty())
        out += "[[step.write]]\npath = \"" + file + "\"\ncontent = \"" + file + "\\n\"\n";
    return out;
}

std::vector<std::string> agents_of(const std::vector<json::object>& started) {
    std::vector<std::string> out;
    for (const auto& e : started)
        out.push_back(str(e, "agent"));
    return out;
}

class EngineRetry : public EngineTest {};

TEST_F(EngineRetry, AFailedGateIsFedBackWithItsStdoutAndTheSessionResumes) {
    standard_config(loud_gate);
    script("cheap", entry("one", 1, "sess-1", "notes.txt") + entry("one", 2, "", "done.txt"));
    commit();
    workflow("w", code_step(3));

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    auto evs = events(id);

    auto retries = of_type(evs, "retry", "one");
    ASSERT_EQ(retries.size(), 1u);
    EXPECT_EQ(str(retries[0], "how"), "same");
    EXPECT_EQ(num(retries[0], "attempt"), 2);

    auto started = of_type(evs, "attempt_started", "one");
    ASSERT_EQ(started.size(), 2u);
    EXPECT_FALSE(started[0].at("resumed").as_bool());
    EXPECT_TRUE(started[0].at("session").is_null());
    EXPECT_TRUE(started[1].at("resumed").as_bool());
    EXPECT_EQ(str(started[1], "session"), "sess-1");

    std::string error = artifact(id, "one/attempt-1/error.txt");
    EXPECT_THAT(error, HasSubstr("FAILED_ON_STDOUT"));
    EXPECT_THAT(error, HasSubstr("FAILED_ON_STDERR"));
    std::string prompt = artifact(id, "one/attempt-2/prompt.md");
    EXPECT_THAT(prompt, HasSubstr("FAILED_ON_STDOUT"));
    EXPECT_THAT(prompt, HasSubstr("FAILED_ON_STDERR"));
    EXPECT_THAT(prompt, HasSubstr("notes.txt")); // the previous attempt's diff

    json::object st = state(id);
    const json::object* step = state_step(st, "one");
    ASSERT_NE(step, nullptr);
    ASSERT_EQ(attempts_of(*step).size(), 2u);
    EXPECT_EQ(str(attempts_of(*step)[0].as_object(), "status"), "fail");
    EXPECT_THAT(str(attempts_of(*step)[0].as_object(), "error"), HasSubstr("FAILED_ON_STDOUT"));
    EXPECT_EQ(str(attempts_of(*step)[1].as_object(), "status"), "pass");
    EXPECT_EQ(run_commits(id).size(), 2u);
}

TEST_F(EngineRetry, AStepThatFailsEveryAttemptFailsTheRun) {
    standard_config("test -f never.txt");
    script("cheap", entry("one", 0, "", "a.txt"));
    commit();
    workflow("w", code_step(3));

    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    std::string id = run_id();
    EXPECT_EQ(of_type(events(id), "attempt_started").size(), 3u);
    json::object st = state(id);
    EXPECT_EQ(str(st, "status"), "fail");
    const json::object* step = state_step(st, "one");
    ASSERT_NE(step, nullptr);
    EXPECT_EQ(str(*step, "status"), "fail");
    EXPECT_THAT(str(*step, "reason"), HasSubstr("all 3 attempts"));
    EXPECT_EQ(str(events(id).back(), "status"), "fail");
}

TEST_F(EngineRetry, TheLadderChangesAgentsAndAChangedAgentStartsANewSession) {
    standard_config("test -f never.txt");
    script("cheap", entry("one", 0, "cheap-s", ""));
    script("strong", entry("one", 0, "strong-s", ""));
    script("other", entry("one", 0, "other-s", ""));
    commit();
    workflow("w", code_step(6, "[[steps.retry.ladder]]\nfrom = 2\nagent = \"strong\"\n"
                               "[[steps.retry.ladder]]\nfrom = 4\nagent = \"other\"\n"));

    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    auto started = of_type(evs, "attempt_started", "one");
    EXPECT_THAT(agents_of(started),
                ElementsAre("cheap", "strong", "strong", "other", "other", "other"));
    ASSERT_EQ(started.size(), 6u);
    for (size_t i : {1u, 3u}) { // a changed agent: a new session
        EXPECT_FALSE(started[i].at("resumed").as_bool()) << "attempt " << i + 1;
        EXPECT_TRUE(started[i].at("session").is_null()) << "attempt " << i + 1;
    }
    EXPECT_TRUE(started[2].at("resumed").as_bool());
    EXPECT_EQ(str(started[2], "session"), "strong-s");
    EXPECT_EQ(str(started[4], "session"), "other-s");
    EXPECT_EQ(str(started[5], "session"), "other-s");

    auto retries = of_type(evs, "retry", "one");
    ASSERT_EQ(retries.size(), 5u);
    EXPECT_EQ(str(retries[0], "how"), "strong");
    EXPECT_EQ(str(retries[1], "how"), "same");
    EXPECT_EQ(str(retries[2], "how"), "other");
    EXPECT_EQ(str(state(id), "status"), "fail");
}

TEST_F(EngineRetry, ARungPromptReplacesThePromptWithTheErrorRendered) {
    standard_config(loud_gate);
    script("cheap", entry("one", 1, "", "") + entry("one", 2, "", "done.txt"));
    commit();
    workflow("w",
             code_step(2, "[[steps.retry.ladder]]\nfrom = 2\n"
                          "prompt = \"RUNG_PROMPT attempt {attempt} of {max_attempts}; it failed "
                          "with: {error}\"\n"));

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    std::string prompt = artifact(id, "one/attempt-2/prompt.md");
    EXPECT_THAT(prompt, StartsWith("RUNG_PROMPT attempt 2 of 2; it failed with: "));
    EXPECT_THAT(prompt, HasSubstr("FAILED_ON_STDOUT"));
    EXPECT_THAT(prompt, Not(HasSubstr("ORIGINAL_TASK")));
    EXPECT_THAT(prompt, Not(HasSubstr("{error}")));
    EXPECT_THAT(artifact(id, "one/attempt-1/prompt.md"), HasSubstr("ORIGINAL_TASK"));
    EXPECT_EQ(str(of_type(events(id), "retry", "one").at(0), "how"), "same, new prompt");
}

TEST_F(EngineRetry, AResetGoesBackToTheStartOfTheStepAndKeepsTheHistory) {
    standard_config("test ! -e a.txt && test ! -e b.txt && test -f c.txt");
    script("cheap", entry("one", 1, "", "a.txt") + entry("one", 2, "", "b.txt") +
                        entry("one", 3, "", "c.txt"));
    commit();
    workflow("w", code_step(3, "[[steps.retry.ladder]]\nfrom = 3\nreset = true\n"));

    Outcome out = run("w");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    ASSERT_EQ(of_type(evs, "retry", "one").size(), 2u);
    EXPECT_EQ(str(of_type(evs, "retry", "one")[1], "how"), "same, reset");
    EXPECT_FALSE(of_type(evs, "rollback", "one").empty());
    EXPECT_FALSE(fs::exists(worktree(id) / "a.txt"));
    EXPECT_FALSE(fs::exists(worktree(id) / "b.txt"));
    EXPECT_TRUE(fs::exists(worktree(id) / "c.txt"));

    // The snapshots of attempts 1 and 2 are still on the branch: history is never rewritten.
    json::object st = state(id);
    const json::object* step = state_step(st, "one");
    ASSERT_NE(step, nullptr);
    ASSERT_EQ(attempts_of(*step).size(), 3u);
    std::string first = str(attempts_of(*step)[0].as_object(), "commit");
    std::string second = str(attempts_of(*step)[1].as_object(), "commit");
    ASSERT_FALSE(first.empty());
    ASSERT_FALSE(second.empty());
    EXPECT_EQ(test::git_in(dir(), {"merge-base", "--is-ancestor", first, branch(id)}).exit_code, 0);
    EXPECT_EQ(test::git_in(dir(), {"merge-base", "--is-ancestor", second, branch(id)}).exit_code,
              0);
    EXPECT_TRUE(in_tree(first, "a.txt"));
    EXPECT_TRUE(in_tree(second, "b.txt"));
    EXPECT_FALSE(in_tree(branch(id), "a.txt"));
    EXPECT_FALSE(in_tree(branch(id), "b.txt"));
    EXPECT_TRUE(in_tree(branch(id), "c.txt"));
    EXPECT_EQ(git({"fsck", "--no-progress", "--no-dangling"}), "");
}

TEST_F(EngineRetry, TheErrorFedBackIsThisStepsOwn) {
    standard_config("true", "[gates.check_one]\nplugin = \"command\"\n"
                            "command = \"test -f one.txt || { echo STEP_ONE_FAILED; exit 1; }\"\n"
                            "[gates.check_two]\nplugin = \"command\"\n"
                            "command = \"test -f two.txt || { echo STEP_TWO_FAILED; exit 1; }\"\n");
    script("cheap", entry("one", 1, "", "x1.txt") + entry("one", 2, "", "one.txt") +
                        entry("two", 1, "", "y1.txt") + entry("two", 2, "", "two.txt"));
    commit();
    workflow("w", R"(name = "w"
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
gates = ["check_one"]
prompt = "Task one."
[steps.retry]
attempts = 2
[[steps]]
name = "two"
kind = "code"
agent = "cheap"
gates = ["check_two"]
prompt = "Task two. Last error: [{error}]"
[steps.retry]
attempts = 2
)");

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    EXPECT_THAT(artifact(id, "one/attempt-2/prompt.md"), HasSubstr("STEP_ONE_FAILED"));
    std::string first = artifact(id, "two/attempt-1/prompt.md");
    EXPECT_THAT(first, HasSubstr("Task two."));
    EXPECT_THAT(first, Not(HasSubstr("STEP_ONE_FAILED")));
    std::string second = artifact(id, "two/attempt-2/prompt.md");
    EXPECT_THAT(second, HasSubstr("STEP_TWO_FAILED"));
    EXPECT_THAT(second, Not(HasSubstr("STEP_ONE_FAILED")));
}

TEST_F(EngineRetry, AgentOptionOverridesEveryStepButARungAgentWins) {
    standard_config();
    script("cheap", entry("one", 0, "", "") + entry("two", 0, "", "done.txt"));
    script("strong", entry("one", 0, "", "") + entry("two", 0, "", "done.txt"));
    script("other", entry("one", 0, "", "done.txt"));
    commit();
    workflow("w", code_step(3, "[[steps.retry.ladder]]\nfrom = 3\nagent = \"other\"\n") + R"(
[[steps]]
name = "two"
kind = "code"
agent = "cheap"
gates = ["check"]
prompt = "Task two."
)");

    Outcome out = run("w", {"--agent", "strong"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto evs = events(run_id());
    EXPECT_THAT(agents_of(of_type(evs, "attempt_started", "one")),
                ElementsAre("strong", "strong", "other"));
    EXPECT_THAT(agents_of(of_type(evs, "attempt_started", "two")), ElementsAre("strong"));
}

} // namespace
} // namespace gump::e2e
