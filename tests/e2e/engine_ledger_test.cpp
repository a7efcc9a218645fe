// What a run leaves behind, end to end: the context file and gate outputs kept off the branch,
// secrets kept out of the ledger, a ledger that survives kill -9, and the reports read from it.
#include "engine_fixture.hpp"

namespace gump::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string toml_string(const std::string& text) {
    return json::serialize(json::value(text));
}

class EngineLedger : public EngineTest {
protected:
    ScratchDir scratch;

    // Every commit reachable from the run branch.
    std::vector<std::string> all_commits(const std::string& id) const {
        return lines_of(git({"rev-list", branch(id)}));
    }
};

const char* const two_code_steps = R"(name = "w"
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
prompt = "Look around."
[[steps]]
name = "two"
kind = "code"
agent = "cheap"
prompt = "Look again."
)";

// A command agent that copies the context file it finds into the worktree.
const char* const context_reader = R"([[step]]
path = "one"
[step.command]
argv = ["sh", "-c", "cat CLAUDE.md > seen.txt"]
[[step]]
path = "two"
[step.command]
argv = ["sh", "-c", "cat CLAUDE.md > seen-again.txt"]
)";

TEST_F(EngineLedger, TheContextFileIsThereDuringTheAttemptAndNeverCommitted) {
    config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n"
           "context_file = \"CLAUDE.md\"\n");
    script("cheap", context_reader);
    commit();
    workflow("w", two_code_steps);

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    std::string seen = read_file(worktree(id) / "seen.txt");
    EXPECT_THAT(seen, HasSubstr("gump"));
    EXPECT_THAT(seen, HasSubstr("step one"));
    EXPECT_THAT(read_file(worktree(id) / "seen-again.txt"), HasSubstr("step two"));
    EXPECT_TRUE(in_tree(branch(id), "seen.txt"));
    for (const auto& c : all_commits(id))
        EXPECT_FALSE(in_tree(c, "CLAUDE.md")) << "commit " << c << " holds CLAUDE.md";
    EXPECT_FALSE(fs::exists(worktree(id) / "CLAUDE.md"));
    EXPECT_EQ(e2e::git(worktree(id), {"status", "--porcelain"}), "");
}

TEST_F(EngineLedger, ATrackedContextFileIsExtendedThenRestoredByteForByte) {
    const std::string ours = "# Our rules\n\nBe kind to the build.\n\n\n";
    write("CLAUDE.md", ours);
    config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n"
           "context_file = \"CLAUDE.md\"\n");
    script("cheap", context_reader);
    commit();
    workflow("w", two_code_steps);

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    std::string seen = read_file(worktree(id) / "seen.txt");
    EXPECT_THAT(seen, HasSubstr("Be kind to the build."));
    EXPECT_THAT(seen, HasSubstr("gump"));
    EXPECT_EQ(read_file(worktree(id) / "CLAUDE.md"), ours);
    EXPECT_EQ(git({"rev-parse", branch(id) + ":CLAUDE.md"}), git({"rev-parse", "main:CLAUDE.md"}));
    EXPECT_EQ(git({"log", "--format=%H", "main.." + branch(id), "--", "CLAUDE.md"}), "");
    EXPECT_EQ(repo.read("CLAUDE.md"), ours);
}

TEST_F(EngineLedger, TheDirectoriesMadeForAContextFileAreRemovedAgain) {
    config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n"
           "context_file = \".cursor/rules/gump.mdc\"\n");
    script("cheap", R"([[step]]
path = "one"
[step.command]
argv = ["sh", "-c", "cat .cursor/rules/gump.mdc > seen.txt"]
)");
    commit();
    workflow("w", R"(name = "w"
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
prompt = "Look around."
)");

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    EXPECT_THAT(read_file(worktree(id) / "seen.txt"), HasSubstr("gump"));
    EXPECT_FALSE(fs::exists(worktree(id) / ".cursor"));
    for (const auto& c : all_commits(id))
        EXPECT_FALSE(in_tree(c, ".cursor/rules/gump.mdc")) << "commit " << c;
}

TEST_F(EngineLedger, WhatGatesWriteNeverReachesTheBranch) {
    config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n"
           "[gates.check]\nplugin = \"command\"\n"
           "command = \"echo x > gate-output.bin; mkdir -p build && echo o > build/out.o; "
           "test -f done.txt\"\n");
    script("cheap", R"([[step]]
path = "one"
attempt = 1
[[step.write]]
path = "a.txt"
[[step]]
path = "one"
attempt = 2
[[step.write]]
path = "done.txt"
[[step]]
path = "two"
[[step.write]]
path = "b.txt"
)");
    commit();
    workflow("w", R"(name = "w"
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
gates = ["check"]
prompt = "Write done.txt."
[steps.retry]
attempts = 2
[[steps]]
name = "two"
kind = "code"
agent = "cheap"
gates = ["check"]
prompt = "Write b.txt."
)");

    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    auto commits = run_commits(id);
    EXPECT_EQ(commits.size(), 3u); // attempts 1 and 2 of one, attempt 1 of two
    for (const auto& c : commits) {
        EXPECT_FALSE(in_tree(c, "gate-output.bin")) << "commit " << c;
        EXPECT_FALSE(in_tree(c, "build/out.o")) << "commit " << c;
    }
    EXPECT_TRUE(in_tree(branch(id), "a.txt"));
    EXPECT_TRUE(in_tree(branch(id), "done.txt"));
    EXPECT_TRUE(in_tree(branch(id), "b.txt"));
    EXPECT_TRUE(fs::exists(worktree(id) / "gate-output.bin")); // still there, just not recorded
}

TEST_F(EngineLedger, SecretsFromTheEnvironmentNeverReachTheLedger) {
    const std::string secret = "sk-supersecret-123456";
    spec("# Add a greeting\n\nCall the API with key " + secret + ".\n");
    config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n"
           "[gates.check]\nplugin = \"command\"\n"
           "command = \"echo \\\"gate saw $MY_API_KEY\\\"; test -f done.txt\"\n");
    script("cheap", "[[step]]\npath = \"one\"\nattempt = 1\ntext = \"I used the key " + secret +
                        "\"\n[[step.write]]\npath = \"key.txt\"\ncontent = \"" + secret +
                        "\\n\"\n[[step]]\npath = \"one\"\nattempt = 2\n"
                        "[step.command]\nargv = [\"sh\", \"-c\", " +
                        toml_string("echo \"{\\\"type\\\":\\\"text\\\",\\\"text\\\":\\\"key "
                                    "$MY_API_KEY\\\"}\"; echo \"stderr $MY_API_KEY\" >&2; "
                                    "touch done.txt") +
                        "]\n");
    commit();
    workflow("w", R"(name = "w"
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
gates = ["check"]
prompt = "{spec}"
[steps.retry]
attempts = 2
)");

    Outcome out = run("w", {}, {{"MY_API_KEY", secret}});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    int redacted = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir() / ".gump/runs")) {
        if (!e.is_regular_file()) continue;
        std::string text = read_file(e.path());
        EXPECT_THAT(text, Not(HasSubstr(secret))) << e.path();
        if (text.find("[redacted $MY_API_KEY]") != std::string::npos) ++redacted;
    }
    EXPECT_THAT(artifact(id, "one/attempt-1/prompt.md"), HasSubstr("[redacted $MY_API_KEY]"));
    EXPECT_THAT(artifact(id, "one/attempt-1/error.txt"),
                HasSubstr("gate saw [redacted $MY_API_KEY]"));
    EXPECT_THAT(artifact(id, "one/attempt-2/events.jsonl"), HasSubstr("[redacted $MY_API_KEY]"));
    EXPECT_GE(redacted, 4);
}

// A command agent that records its pid, starts a turn and sleeps.
std::string sleeping_agent(const fs::path& pidfile) {
    return "[[step]]\npath = \"one\"\n[step.command]\nargv = [\"sh\", \"-c\", " +
           toml_string("echo $$ > \"$PIDFILE\"; echo '{\"type\":\"turn\",\"number\":1}'; "
                       "exec sleep 60") +
           "]\nenv = { PIDFILE = " + toml_string(pidfile.string()) + " }\n";
}

const char* const one_slow_step = R"(name = "w"
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
prompt = "Take your time."
)";

TEST_F(EngineLedger, AfterKillNineTheRunReadsAsInterrupted) {
    fs::path pidfile = scratch.path() / "agent.pid";
    config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n");
    script("cheap", sleeping_agent(pidfile));
    commit();
    workflow("w", one_slow_step);

    auto child = start_run("w");
    ASSERT_TRUE(child);
    bool running = wait_running("one", [&] { return fs::exists(pidfile); });
    pid_t agent = fs::exists(pidfile) ? static_cast<pid_t>(std::stol(read_file(pidfile))) : 0;
    Outcome live = project.gump({"status"});
    ::kill(child->pid(), SIGKILL);
    child->wait();
    ASSERT_TRUE(running) << "the step never showed as running";
    std::string id = run_id();

    EXPECT_EQ(live.exit_code, 0) << live.err;
    EXPECT_THAT(live.out, HasSubstr("running"));
    EXPECT_THAT(live.out, HasSubstr("Current step: one"));

    Outcome status = project.gump({"status"});
    EXPECT_EQ(status.exit_code, 0) << status.err;
    EXPECT_THAT(status.out, HasSubstr("interrupted"));
    EXPECT_THAT(status.out, Not(HasSubstr("— running")));

    Outcome report = project.gump({"report"});
    EXPECT_EQ(report.exit_code, 0) << report.err;
    EXPECT_THAT(report.out, HasSubstr("Status: interrupted"));
    bool row = false;
    for (const auto& line : lines_of(report.out))
        if (line.starts_with("one ")) row = true;
    EXPECT_TRUE(row) << report.out;

    auto lines = lines_of(read_file(run_dir(id) / "events.jsonl"));
    EXPECT_EQ(json_lines(read_file(run_dir(id) / "events.jsonl")).size(), lines.size());
    EXPECT_GE(lines.size(), 3u);

    if (agent > 0) {
        ::kill(-agent, SIGKILL);
        ::kill(agent, SIGKILL);
    }
}

TEST_F(EngineLedger, CtrlCStopsTheAgentAndFinishesTheLedger) {
    fs::path pidfile = scratch.path() / "agent.pid";
    config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n");
    script("cheap", sleeping_agent(pidfile));
    commit();
    workflow("w", one_slow_step);

    auto child = start_run("w");
    ASSERT_TRUE(child);
    bool running = wait_running("one", [&] { return fs::exists(pidfile); });
    pid_t agent = fs::exists(pidfile) ? static_cast<pid_t>(std::stol(read_file(pidfile))) : 0;
    ::kill(child->pid(), SIGINT);
    process::CommandResult result = child->wait();
    ASSERT_TRUE(running) << "the step never showed as running";
    EXPECT_EQ(result.exit_code, 130);
    std::string id = run_id();
    json::object st = state(id);
    EXPECT_EQ(str(st, "status"), "interrupted");
    ASSERT_NE(state_step(st, "one"), nullptr);
    EXPECT_EQ(str(*state_step(st, "one"), "status"), "interrupted");
    auto evs = events(id);
    ASSERT_FALSE(evs.empty());
    EXPECT_EQ(str(evs.back(), "type"), "run_finished");
    EXPECT_EQ(str(evs.back(), "status"), "interrupted");
    EXPECT_TRUE(fs::exists(worktree(id)));
    bool gone = wait_for([&] { return !process_alive(agent); }, std::chrono::seconds(5));
    EXPECT_TRUE(gone) << "the agent survived Ctrl-C";
    if (!gone && agent > 0) ::kill(-agent, SIGKILL);
}

TEST_F(EngineLedger, ASecretInTheSpecTitleStaysOutOfTheLedger) {
    const std::string secret = "sk-supersecret-123456";
    spec("# Rotate the key " + secret + "\n\nDo it.\n");
    config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n");
    script("cheap", "[[step]]\npath = \"one\"\n");
    commit();
    workflow("w", one_slow_step);

    Outcome out = run("w", {}, {{"MY_API_KEY", secret}});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    for (const auto& e : fs::recursive_directory_iterator(dir() / ".gump/runs"))
        if (e.is_regular_file())
            EXPECT_THAT(read_file(e.path()), Not(HasSubstr(secret))) << e.path();
}

class EngineReport : public EngineTest {
protected:
    void SetUp() override {
        standard_config(
            "test -f done.txt || { echo FAILED_ON_STDOUT; echo FAILED_ON_STDERR >&2; exit 1; }");
        script("cheap", R"([[step]]
path = "one"
attempt = 1
cost_usd = 0.02
[[step.write]]
path = "a.txt"
[[step]]
path = "one"
attempt = 2
cost_usd = 0.03
[[step.write]]
path = "done.txt"
)");
        commit();
        workflow("w", R"(name = "w"
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
gates = ["check"]
prompt = "Write done.txt."
[steps.retry]
attempts = 3
)");
    }
};

TEST_F(EngineReport, ShowsTheStepsTheirRetriesAndTheErrorFedBack) {
    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;

    Outcome report = project.gump({"report"});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    EXPECT_THAT(report.out, HasSubstr("Step"));
    EXPECT_THAT(report.out, HasSubstr("Agent"));
    EXPECT_THAT(report.out, HasSubstr("Gate"));
    bool row = false;
    for (const auto& line : lines_of(report.out))
        if (line.starts_with("one ")) {
            row = true;
            EXPECT_THAT(line, HasSubstr("(1 retry)"));
            EXPECT_THAT(line, HasSubstr("cheap"));
            EXPECT_THAT(line, HasSubstr("$0.05"));
        }
    EXPECT_TRUE(row) << report.out;

    Outcome detail = project.gump({"report", "--detail", "one"});
    ASSERT_EQ(detail.exit_code, 0) << detail.err;
    EXPECT_TRUE(in_order(detail.out, {"Attempt 1", "FAILED_ON_STDOUT", "Attempt 2"}));
    EXPECT_THAT(detail.out, HasSubstr("fed back to attempt 2"));

    Outcome as_json = project.gump({"report", "--json"});
    ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
    boost::system::error_code ec;
    json::value doc = json::parse(as_json.out, ec);
    ASSERT_FALSE(ec) << as_json.out;
    ASSERT_TRUE(doc.is_object());
    const json::array& steps = doc.at("state").at("steps").as_array();
    ASSERT_EQ(steps.size(), 1u);
    EXPECT_EQ(steps[0].at("attempts").as_array().size(), 2u);

    Outcome again = run("w");
    ASSERT_EQ(again.exit_code, 0) << again.err;
    Outcome last = project.gump({"report", "--last", "2"});
    ASSERT_EQ(last.exit_code, 0) << last.err;
    EXPECT_THAT(last.out, HasSubstr("Success rate: 2/2"));
}

} // namespace
} // namespace gump::e2e
