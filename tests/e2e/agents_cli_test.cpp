// The CLI agent plugins end to end: the real gump binary drives fake `claude`, `qwen`, ... found
// on PATH, which check their command line and print streams captured from the real CLIs
// (tests/fixtures/agents). What a user sees: numbers per attempt, reported and estimated costs,
// resume, escalation, stops on credentials, transient retries, and guards that leave nothing
// running.
#include "engine_fixture.hpp"

#include <gmock/gmock.h>

namespace gump::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const fs::path fake_agent = fs::path(GUMP_SOURCE_DIR) / "tests/e2e/fake_cli/fake-agent";
const fs::path captured = fs::path(GUMP_SOURCE_DIR) / "tests/fixtures/agents";
const char* const claude_session = "8c9da96b-b368-4c7a-ac9c-50a42f83e8d0";

double money_of(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_number() ? v->to_number<double>() : -1;
}

class AgentCli : public EngineTest {
protected:
    fs::path bin = project.home() / "bin";
    fs::path fakes = project.home() / "fakes";

    AgentCli() {
        fs::create_directories(bin);
        fs::create_directories(fakes);
        for (const char* cli : {"claude", "qwen", "codex", "gemini", "opencode", "cursor-agent"})
            fs::create_symlink(fake_agent, bin / cli);
    }

    // The fake's files for invocation `k` of `cli` (0: every one) start with this.
    std::string file_of(const std::string& cli, int k) const {
        std::string base = (fakes / cli).string();
        if (k) base += '.' + std::to_string(k);
        return base;
    }
    // What invocation `k` of `cli` (0: every one) prints and exits with: a captured stream.
    void play(const std::string& cli, int k, const std::string& fixture) const {
        std::string base = file_of(cli, k);
        fs::copy_file(captured / fixture, base + ".stream");
        fs::copy_file(fs::path(captured / fixture).replace_extension(".exit"), base + ".exit");
        if (fs::path err = fs::path(captured / fixture).replace_extension(".stderr");
            fs::exists(err))
            fs::copy_file(err, base + ".stderr");
    }
    void also(const std::string& cli, int k, const std::string& what,
              const std::string& text) const {
        std::ofstream(file_of(cli, k) + "." + what) << text;
    }
    std::string recorded(const std::string& cli, int k, const std::string& what) const {
        return read_file(fakes / (cli + "." + std::to_string(k) + "." + what));
    }
    int invocations(const std::string& cli) const {
        std::string n = read_file(fakes / (cli + ".count"));
        return n.empty() ? 0 : std::stoi(n);
    }

    std::map<std::string, std::string> env() const {
        const char* path = std::getenv("PATH");
        return {{"PATH", bin.string() + ":" + (path ? path : "/usr/bin:/bin")},
                {"FAKE_CLI_DIR", fakes.string()},
                {"ANTHROPIC_API_KEY", "sk-ant-test"},
                {"OPENAI_API_KEY", "sk-openai-test"}};
    }
    Outcome run_fakes(const std::string& wf, std::vector<std::string> extra = {}) const {
        return run(wf, std::move(extra), env());
    }
    Outcome gump(std::vector<std::string> args) const { return project.gump(args, env()); }

    // Aliases on the real plugins, and the gate `check`.
    void agents_config(const std::string& gate = "test -f done.txt",
                       const std::string& extra = "") const {
        config("[agents.sonnet]\nplugin = \"claude-code\"\nmodel = \"claude-sonnet-4-5\"\n"
               "transient_backoff = \"10ms\"\n"
               "[agents.cheap]\nplugin = \"qwen-code\"\nmodel = \"qwen3-coder-plus\"\n"
               "[gates.check]\nplugin = \"command\"\ncommand = " +
               json::serialize(json::value(gate)) + "\n" + extra);
    }
    // One code step on `agent` with `attempts` and an optional ladder.
    void one_step(const std::string& agent, int attempts, const std::string& rest = "") const {
        workflow("w", "name = \"w\"\n[[steps]]\nname = \"one\"\nkind = \"code\"\nagent = \"" +
                          agent + "\"\ngates = [\"check\"]\nprompt = \"write done.txt\"\n" +
                          "[steps.retry]\nattempts = " + std::to_string(attempts) + "\n" + rest);
    }
    json::object attempt(const std::string& id, const std::string& step, size_t n) const {
        json::object st = state(id);
        const json::object* s = state_step(st, step);
        if (!s || attempts_of(*s).size() <= n) {
            ADD_FAILURE() << "no attempt " << n + 1 << " of " << step;
            return {};
        }
        return attempts_of(*s)[n].as_object();
    }
};

TEST_F(AgentCli, ClaudeRunsHeadlessInTheWorktreeAndReportsItsNumbers) {
    agents_config();
    commit();
    one_step("sonnet", 1);
    play("claude", 1, "claude/success.jsonl");
    also("claude", 1, "write", "done.txt\n");
    also("claude", 1, "context", "CLAUDE.md");

    Outcome out = run_fakes("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();

    std::string argv = recorded("claude", 1, "argv");
    EXPECT_TRUE(in_order(argv, {"-p\n", "write done.txt", "--output-format\nstream-json\n",
                                "--verbose\n", "--model\nclaude-sonnet-4-5\n"}));
    EXPECT_THAT(argv, Not(HasSubstr("--resume")));
    // Its own credential stays; another provider's never reaches it.
    std::string env_seen = recorded("claude", 1, "env");
    EXPECT_THAT(env_seen, HasSubstr("ANTHROPIC_API_KEY=sk-ant-test"));
    EXPECT_THAT(env_seen, Not(HasSubstr("OPENAI_API_KEY")));
    // The context file was there while it ran, and never reached the branch.
    EXPECT_THAT(recorded("claude", 1, "context"), HasSubstr("gump runs these checks: check"));
    EXPECT_FALSE(in_tree(branch(id), "CLAUDE.md"));
    EXPECT_TRUE(in_tree(branch(id), "done.txt"));

    json::object a = attempt(id, "one", 0);
    EXPECT_EQ(str(a, "session"), claude_session);
    EXPECT_EQ(num(a, "turns"), 2);
    EXPECT_EQ(num(a.at("tokens").as_object(), "input"), 240);
    EXPECT_EQ(num(a.at("tokens").as_object(), "output"), 60);
    EXPECT_DOUBLE_EQ(money_of(a, "cost_usd"), 0.00162);
    EXPECT_EQ(str(a, "cost_source"), "reported");

    // The live events of the stream reached the ledger as they came.
    auto evs = events(id);
    auto finished = of_type(evs, "agent_finished", "one");
    ASSERT_EQ(finished.size(), 1u);
    EXPECT_EQ(num(finished[0], "turns"), 2);
    std::string attempt_events = artifact(id, "one/attempt-1/events.jsonl");
    EXPECT_TRUE(in_order(attempt_events, {"\"session\"", "\"turn\"", "\"tool_call\"",
                                          "\"file_change\"", "\"turn\"", "\"usage\""}));
    EXPECT_THAT(artifact(id, "one/attempt-1/stream.jsonl"), HasSubstr("\"type\":\"result\""));

    Outcome report = gump({"report", "--detail", "one"});
    EXPECT_THAT(report.out, HasSubstr("$0.0016 (reported)"));
    EXPECT_THAT(report.out, HasSubstr(std::string("session: ") + claude_session));
}

TEST_F(AgentCli, ARetryResumesTheSessionAndCountsOnlyItsOwnTokens) {
    agents_config();
    commit();
    one_step("sonnet", 2);
    play("claude", 1, "claude/success.jsonl");
    play("claude", 2, "claude/resume.jsonl");
    also("claude", 2, "require", std::string("--resume\n") + claude_session + "\n");
    also("claude", 2, "write", "done.txt\n");

    Outcome out = run_fakes("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    json::object second = attempt(id, "one", 1);
    EXPECT_TRUE(second.at("resumed").as_bool());
    EXPECT_EQ(num(second, "turns"), 1);
    EXPECT_EQ(num(second.at("tokens").as_object(), "input"), 120);
    EXPECT_DOUBLE_EQ(money_of(second, "cost_usd"), 0.00081); // not the session's 0.00243
    EXPECT_NEAR(money_of(state(id), "cost_usd"), 0.00243, 1e-9);
}

TEST_F(AgentCli, EscalationShowsEstimatedAndReportedCostsSideBySide) {
    agents_config();
    commit();
    one_step("cheap", 2, "[[steps.retry.ladder]]\nfrom = 2\nagent = \"sonnet\"\n");
    play("qwen", 1, "qwen/success.jsonl");
    play("claude", 1, "claude/success.jsonl");
    also("claude", 1, "write", "done.txt\n");

    Outcome out = run_fakes("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    EXPECT_EQ(invocations("qwen"), 1);
    EXPECT_EQ(invocations("claude"), 1);
    json::object cheap = attempt(id, "one", 0);
    EXPECT_EQ(str(cheap, "cost_source"), "estimated");
    // qwen3-coder-plus at $1 in / $5 out per million: 240 in, 60 out.
    EXPECT_NEAR(money_of(cheap, "cost_usd"), 0.00054, 1e-9);
    json::object strong = attempt(id, "one", 1);
    EXPECT_EQ(str(strong, "cost_source"), "reported");
    EXPECT_TRUE(state(id).at("cost_estimated").as_bool());

    Outcome report = gump({"report", "--detail", "one"});
    EXPECT_TRUE(in_order(report.out, {"~$0.0005 (estimated)", "$0.0016 (reported)"}));
    EXPECT_THAT(gump({"report"}).out, HasSubstr("~$0.0022"));
}

TEST_F(AgentCli, RejectedCredentialsStopTheRunAtOnceWithTheFix) {
    agents_config();
    commit();
    one_step("sonnet", 3);
    play("claude", 0, "claude/error-auth.jsonl");

    Outcome out = run_fakes("w");
    EXPECT_EQ(out.exit_code, 4) << out.err;
    EXPECT_EQ(invocations("claude"), 1); // no ladder burnt on it
    std::string all = out.out + out.err;
    EXPECT_THAT(all, HasSubstr("agent sonnet (claude-code)"));
    EXPECT_THAT(all, HasSubstr("401"));
    EXPECT_THAT(all, HasSubstr("ANTHROPIC_API_KEY"));
    EXPECT_EQ(str(attempt(run_id(), "one", 0), "status"), "fail");
}

TEST_F(AgentCli, ATransientFailureIsRunAgainWithoutSpendingAnAttempt) {
    agents_config();
    commit();
    one_step("sonnet", 1);
    play("claude", 1, "claude/error-500.jsonl");
    play("claude", 2, "claude/success.jsonl");
    also("claude", 2, "write", "done.txt\n");

    Outcome out = run_fakes("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    EXPECT_EQ(invocations("claude"), 2);
    auto retries = of_type(events(id), "agent_retry", "one");
    ASSERT_EQ(retries.size(), 1u);
    EXPECT_EQ(num(retries[0], "attempt"), 1);
    EXPECT_THAT(str(retries[0], "reason"), HasSubstr("500"));
    json::object a = attempt(id, "one", 0);
    EXPECT_EQ(str(a, "status"), "pass");
    EXPECT_EQ(num(a.at("tokens").as_object(), "input"), 240);
    // Both runs' streams are kept: the failed one where it ran, the next one beside it.
    EXPECT_THAT(artifact(id, "one/attempt-1/stream.jsonl"), HasSubstr("api_retry"));
    EXPECT_THAT(artifact(id, "one/attempt-1/again-1/stream.jsonl"), HasSubstr("\"done\""));
}

TEST_F(AgentCli, TransientRetriesThatRunOutFailTheAttemptAndTheLadderGoesOn) {
    agents_config("test -f done.txt", "[agents.flaky]\nplugin = \"claude-code\"\n"
                                      "transient_retries = 1\ntransient_backoff = \"10ms\"\n");
    commit();
    one_step("flaky", 2);
    play("claude", 0, "claude/error-500.jsonl");

    Outcome out = run_fakes("w");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_EQ(invocations("claude"), 4); // each of the 2 attempts: once, and once again
    std::string id = run_id();
    EXPECT_EQ(of_type(events(id), "agent_retry", "one").size(), 2u);
    json::object second = attempt(id, "one", 1);
    EXPECT_EQ(str(second, "status"), "fail");
    EXPECT_THAT(str(second, "reason"), HasSubstr("provider failed for now"));
}

TEST_F(AgentCli, AnEstimatedCostTripsTheCostGuardWhileTheCliRuns) {
    agents_config();
    commit();
    workflow("w", "name = \"w\"\n[[steps]]\nname = \"one\"\nkind = \"code\"\nagent = \"cheap\"\n"
                  "gates = [\"check\"]\nprompt = \"write done.txt\"\n"
                  "[steps.guards]\nmax_cost = 0.0001\n");
    play("qwen", 1, "qwen/success.jsonl");
    also("qwen", 1, "hang", "");

    Outcome out = run_fakes("w");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    json::object a = attempt(run_id(), "one", 0);
    EXPECT_EQ(str(a, "guard"), "max_cost");
    EXPECT_EQ(str(a, "cost_source"), "estimated");
    // Stopped at the first request's numbers (120 in, 30 out: $0.00027), not at the end.
    EXPECT_LT(num(a.at("tokens").as_object(), "input"), 240);
    pid_t pid = std::stoi(recorded("qwen", 1, "child"));
    EXPECT_TRUE(wait_for([&] { return !process_alive(pid); }, std::chrono::seconds(5)));
}

TEST_F(AgentCli, AGuardKillsTheCliAndTheChildThatIgnoresSigterm) {
    agents_config();
    commit();
    workflow("w", "name = \"w\"\n[[steps]]\nname = \"one\"\nkind = \"code\"\nagent = \"sonnet\"\n"
                  "gates = [\"check\"]\nprompt = \"write done.txt\"\n"
                  "[steps.guards]\nmax_turns = 1\n");
    play("claude", 1, "claude/success.jsonl");
    also("claude", 1, "hang", "");

    auto started = std::chrono::steady_clock::now();
    Outcome out = run_fakes("w");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
    std::string id = run_id();
    json::object a = attempt(id, "one", 0);
    EXPECT_EQ(str(a, "guard"), "max_turns");
    std::string child = recorded("claude", 1, "child");
    ASSERT_FALSE(child.empty());
    pid_t pid = std::stoi(child);
    EXPECT_TRUE(wait_for([&] { return !process_alive(pid); }, std::chrono::seconds(5)))
        << "the CLI's child " << pid << " survived the kill";
}

TEST_F(AgentCli, ACliSilentForItsIdleTimeoutIsStoppedAsATimeout) {
    agents_config();
    write("gump.toml", read_file(dir() / "gump.toml") + "[agents.slow]\nplugin = \"claude-code\"\n"
                                                        "idle_timeout = \"1s\"\n");
    commit();
    one_step("slow", 1);
    auto lines = lines_of(read_file(captured / "claude/success.jsonl"));
    also("claude", 1, "stream", lines[0] + "\n" + lines[1] + "\n"); // no result: then silence
    also("claude", 1, "hang", "");

    auto started = std::chrono::steady_clock::now();
    Outcome out = run_fakes("w");
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
    std::string id = run_id();
    auto finished = of_type(events(id), "agent_finished", "one");
    ASSERT_EQ(finished.size(), 1u);
    const json::object& failure = finished[0].at("failure").as_object();
    EXPECT_EQ(str(failure, "class"), "timeout");
    EXPECT_THAT(str(failure, "message"), HasSubstr("printed nothing for 1s"));
    pid_t pid = std::stoi(recorded("claude", 1, "child"));
    EXPECT_TRUE(wait_for([&] { return !process_alive(pid); }, std::chrono::seconds(5)));
}

TEST_F(AgentCli, ACliThatHangsAfterItsResultIsStoppedAndItsWorkKept) {
    agents_config();
    write("gump.toml", read_file(dir() / "gump.toml") + "[agents.slow]\nplugin = \"claude-code\"\n"
                                                        "idle_timeout = \"1s\"\n");
    commit();
    one_step("slow", 1);
    play("claude", 1, "claude/success.jsonl");
    also("claude", 1, "write", "done.txt\n");
    also("claude", 1, "hang", "");

    Outcome out = run_fakes("w");
    EXPECT_EQ(out.exit_code, 0) << out.err;
    json::object a = attempt(run_id(), "one", 0);
    EXPECT_EQ(str(a, "status"), "pass");
    EXPECT_EQ(num(a, "turns"), 2);
    pid_t pid = std::stoi(recorded("claude", 1, "child"));
    EXPECT_TRUE(wait_for([&] { return !process_alive(pid); }, std::chrono::seconds(5)));
}

TEST_F(AgentCli, ACliThatIsNotInstalledStopsTheRunWithHowToInstallIt) {
    agents_config();
    commit();
    one_step("sonnet", 3);
    fs::remove(bin / "claude");

    Outcome out = project.gump({"run", "spec.md", "--workflow", "w"},
                               {{"PATH", bin.string() + ":/usr/bin:/bin"}});
    EXPECT_EQ(out.exit_code, 4) << out.err;
    EXPECT_THAT(out.out + out.err, HasSubstr("npm install -g @anthropic-ai/claude-code"));
}

// Every CLI plugin through gump on its captured success stream: the numbers its parser gives
// reach the run's state with the right cost source.
struct CliCase {
    const char* plugin;
    const char* cli;
    const char* model;
    const char* session;
    int turns;
    long long input, output;
    const char* cost_source;
    const char* context_file; // where the CLI reads gump's instructions
    const char* context_start;
};

class EveryCli : public AgentCli, public ::testing::WithParamInterface<CliCase> {};

TEST_P(EveryCli, RunsItsCapturedSuccessThroughGump) {
    const CliCase& c = GetParam();
    config(std::string("[agents.a]\nplugin = \"") + c.plugin + "\"\nmodel = \"" + c.model +
           "\"\n[gates.check]\nplugin = \"command\"\ncommand = \"test -f done.txt\"\n"
           "[pricing.\"" +
           c.model + "\"]\ninput = 1.0\noutput = 5.0\n");
    commit();
    one_step("a", 1);
    play(c.cli, 1,
         std::string(c.cli == std::string("cursor-agent") ? "cursor" : c.cli) + "/success.jsonl");
    also(c.cli, 1, "write", "done.txt\n");
    also(c.cli, 1, "context", c.context_file);

    Outcome out = run_fakes("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    EXPECT_EQ(recorded(c.cli, 1, "context").rfind(c.context_start, 0), 0u)
        << recorded(c.cli, 1, "context");
    EXPECT_FALSE(in_tree(branch(id), c.context_file));
    EXPECT_FALSE(fs::exists(worktree(id) / c.context_file));
    json::object a = attempt(id, "one", 0);
    EXPECT_EQ(str(a, "session"), c.session);
    EXPECT_EQ(num(a, "turns"), c.turns);
    EXPECT_EQ(num(a.at("tokens").as_object(), "input"), c.input);
    EXPECT_EQ(num(a.at("tokens").as_object(), "output"), c.output);
    EXPECT_EQ(str(a, "cost_source"), c.cost_source);
    EXPECT_THAT(recorded(c.cli, 1, "argv"), HasSubstr(c.model));
}

INSTANTIATE_TEST_SUITE_P(
    Plugins, EveryCli,
    ::testing::Values(
        CliCase{"qwen-code", "qwen", "qwen3-coder-plus", "61a97a74-62ae-42fc-9f45-13eebfaf2f7c", 2,
                240, 60, "estimated", "QWEN.md", "# Instructions from gump"},
        CliCase{"codex", "codex", "gpt-5.5", "01a20d65-698b-7e31-b82f-77be6a1db923", 2, 240, 60,
                "estimated", "AGENTS.md", "# Instructions from gump"},
        CliCase{"gemini-cli", "gemini", "gemini-2.5-pro", "3917f450-f5a0-40b7-94ab-09231fe5a090", 2,
                240, 60, "estimated", "GEMINI.md", "# Instructions from gump"},
        CliCase{"opencode", "opencode", "local/test-model", "ses_df29a839effeXuAX7hUk1tcexo", 2,
                240, 60, "reported", "AGENTS.md", "# Instructions from gump"},
        CliCase{"cursor", "cursor-agent", "gpt-5", "5d3f8a21-9c4e-4b7a-8e12-6f0a3c9b7d54", 2, 240,
                60, "estimated", ".cursor/rules/gump.mdc",
                "---\ndescription: gump's instructions for the current step\nalwaysApply: true\n"
                "---\n\n# Instructions from gump"}),
    [](const auto& info) {
        std::string name = info.param.plugin;
        name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
        return name;
    });

// The built-in cheap2sota on fake claude and qwen: claude plans, qwen fails twice (the second
// time resuming its session), claude-haiku takes over and passes; the report shows qwen's
// estimated costs next to claude's reported ones.
TEST_F(AgentCli, Cheap2sotaEscalatesFromQwenToClaude) {
    config("[gates.compile]\ncommand = \"true\"\n[gates.test]\ncommand = \"test -f hello.txt\"\n"
           "[gates.lint]\ncommand = \"true\"\n");
    commit();
    fs::path plan = fakes / "plan.json";
    std::ofstream(plan)
        << R"({"items":[{"name":"hello","description":"Write hello.txt with a greeting in it.",)"
           R"("files":["hello.txt"]}]})";
    play("claude", 1, "claude/success.jsonl");
    also("claude", 1, "write", ".gump/out/plan.json\t" + plan.string() + "\n");
    also("claude", 1, "require", "--model\nclaude-sonnet-4-6\n");
    play("qwen", 1, "qwen/success.jsonl");
    play("qwen", 2, "qwen/resume.jsonl");
    also("qwen", 2, "require", "--resume\n61a97a74-62ae-42fc-9f45-13eebfaf2f7c\n");
    play("claude", 2, "claude/success.jsonl");
    also("claude", 2, "require", "--model\nclaude-haiku-4-5-20251001\n");
    also("claude", 2, "write", "hello.txt\n");

    Outcome out = run_fakes("cheap2sota");
    ASSERT_EQ(out.exit_code, 0) << out.out << out.err;
    std::string id = run_id();
    EXPECT_EQ(invocations("claude"), 2);
    EXPECT_EQ(invocations("qwen"), 2);
    json::object st = state(id);
    const json::object* impl = state_step(st, "build/1/impl");
    ASSERT_TRUE(impl);
    const json::array& tries = attempts_of(*impl);
    ASSERT_EQ(tries.size(), 3u);
    EXPECT_EQ(str(tries[0].as_object(), "cost_source"), "estimated");
    EXPECT_TRUE(tries[1].as_object().at("resumed").as_bool());
    EXPECT_EQ(num(tries[1].as_object().at("tokens").as_object(), "input"), 120);
    EXPECT_EQ(str(tries[2].as_object(), "agent"), "claude-haiku");
    EXPECT_EQ(str(tries[2].as_object(), "cost_source"), "reported");
    EXPECT_TRUE(in_tree(branch(id), "hello.txt"));

    Outcome report = gump({"report", "--detail", "build/1/impl"});
    EXPECT_TRUE(in_order(report.out, {"qwen", "~$0.0005 (estimated)", "qwen", "~$0.0003",
                                      "claude-haiku", "$0.0016 (reported)"}))
        << report.out;
}

TEST_F(AgentCli, ABudgetWithAnUnpricedModelIsRefusedAtTheDryRun) {
    config("[agents.mystery]\nplugin = \"codex\"\nmodel = \"gpt-unpriced\"\n"
           "[gates.check]\nplugin = \"command\"\ncommand = \"true\"\n");
    commit();
    one_step("mystery", 1);
    Outcome refused = gump({"run", "spec.md", "--workflow", "w", "--budget", "5", "--dry-run"});
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_THAT(refused.err, HasSubstr("w.toml:5"));
    EXPECT_THAT(refused.err, HasSubstr("agent mystery (codex) reports no cost"));
    EXPECT_THAT(refused.err, HasSubstr("[pricing.\"gpt-unpriced\"]"));
    // Without a budget the unknown cost is shown, not refused.
    Outcome shown = gump({"run", "spec.md", "--workflow", "w", "--dry-run"});
    EXPECT_EQ(shown.exit_code, 0);
    EXPECT_THAT(shown.out, HasSubstr("mystery → codex, model gpt-unpriced · cost ? (no price: add "
                                     "[pricing.\"gpt-unpriced\"])"));
    // With a price it is estimated, and the budget can be kept.
    write("gump.toml", read_file(dir() / "gump.toml") +
                           "[pricing.\"gpt-unpriced\"]\ninput = 1.0\noutput = 4.0\n");
    Outcome priced = gump({"run", "spec.md", "--workflow", "w", "--budget", "5", "--dry-run"});
    EXPECT_EQ(priced.exit_code, 0) << priced.err;
    EXPECT_THAT(priced.out, HasSubstr("cost estimated at $1 in / $4 out per M tokens"));
}

TEST_F(AgentCli, ModelsListsEveryAliasWithItsPriceAndCostSource) {
    config("[pricing.\"gpt-5.3-codex-spark\"]\ninput = 0.5\noutput = 2.0\n");
    Outcome out = gump({"models"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_TRUE(in_order(out.out, {"claude-opus", "claude-code", "claude-opus-4-6", "200k",
                                   "5 / 25 / 0.5 / 6.25", "reported"}));
    EXPECT_TRUE(in_order(out.out, {"codex-gpt53-spark", "codex", "gpt-5.3-codex-spark", "?",
                                   "0.5 / 2 / 0.5 / 0.5", "estimated"}));
    EXPECT_TRUE(
        in_order(out.out, {"qwen-plus", "qwen-code", "qwen3-coder-plus", "1M", "estimated"}));
    Outcome json_out = gump({"models", "--json"});
    boost::system::error_code ec;
    json::value v = json::parse(json_out.out, ec);
    ASSERT_FALSE(ec) << json_out.out;
    bool found = false;
    for (const auto& row : v.as_array())
        if (str(row.as_object(), "alias") == "codex-gpt53-spark") {
            found = true;
            EXPECT_EQ(str(row.as_object(), "cost"), "estimated");
            EXPECT_THAT(str(row.at("price").as_object(), "from"), HasSubstr("gump.toml:2"));
        }
    EXPECT_TRUE(found);
}

TEST_F(AgentCli, DoctorShowsEachCliVersionRangeAndCredentialsWithoutAModelCall) {
    also("claude", 0, "version", "2.1.331 (Claude Code)\n");
    also("qwen", 0, "version", "0.14.2\n");
    also("codex", 0, "version", "codex-cli 0.170.0\n");
    fs::remove(bin / "gemini");
    Outcome out = gump({"doctor"});
    EXPECT_TRUE(in_order(out.out, {"claude-code", "claude: 2.1.331 (Claude Code)",
                                   "credentials: $ANTHROPIC_API_KEY"}))
        << out.out;
    EXPECT_TRUE(in_order(out.out, {"codex", "0.170.0", "newer than 0.169.0"})) << out.out;
    EXPECT_TRUE(
        in_order(out.out, {"gemini-cli", "not found on PATH", "npm install -g @google/gemini-cli"}))
        << out.out;
    EXPECT_TRUE(in_order(out.out, {"qwen-code", "0.14.2", "older than 0.15.10"})) << out.out;
    EXPECT_EQ(out.exit_code, 1); // a CLI too old is a problem; a missing one is not
    // Only --version was asked of each CLI: no prompt, no stream.
    EXPECT_EQ(recorded("claude", 1, "argv"), "--version\n");
}

TEST_F(AgentCli, DoctorLiveMakesOneRealCallAndReportsItsNumbers) {
    play("claude", 1, "claude/success.jsonl");
    Outcome out = gump({"doctor", "--live", "claude-sonnet"});
    EXPECT_EQ(out.exit_code, 0) << out.out << out.err;
    EXPECT_THAT(out.out,
                HasSubstr("claude-sonnet (claude-code, model claude-sonnet-4-6) answered"));
    EXPECT_THAT(out.out, HasSubstr("2 turns · 240 in / 60 out tokens · $0.0016 (reported)"));
    EXPECT_THAT(recorded("claude", 1, "argv"), HasSubstr("--max-turns\n1\n"));

    play("qwen", 1, "qwen/error-auth.jsonl");
    Outcome refused = gump({"doctor", "--live", "qwen"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_THAT(refused.out, HasSubstr("was refused by its provider"));
    EXPECT_EQ(gump({"doctor", "--live", "no-such-alias"}).exit_code, 2);
}

} // namespace
} // namespace gump::e2e
