// gump run end to end: the ledger a passing run leaves, the run branch seen through git, the
// user's checkout untouched, and the inputs refused before anything runs.
#include "engine_fixture.hpp"

namespace gump::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const char* const one_code_step = R"(name = "single"
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
gates = ["check"]
prompt = "Write the greeting.\n\n{spec}"
)";

class EngineRun : public EngineTest {
protected:
    void SetUp() override {
        standard_config();
        script("cheap", R"([[step]]
path = "one"
session = "cheap-one"
text = "Wrote done.txt."
input_tokens = 40
output_tokens = 10
cost_usd = 0.01
[[step.write]]
path = "done.txt"
content = "done\n"
)");
        commit();
        workflow("single", one_code_step);
    }
};

TEST_F(EngineRun, ASingleCodeStepPassesAndLeavesOneSnapshotPerAttempt) {
    std::string head = repo.head();
    std::string status = repo.status();
    ASSERT_EQ(status, "");

    Outcome out = run("single");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();

    auto evs = events(id);
    EXPECT_THAT(types_of(evs),
                ElementsAre("run_started", "step_started", "attempt_started", "agent_finished",
                            "snapshot", "gate_started", "gate_finished", "attempt_finished",
                            "step_finished", "run_finished"));
    for (size_t i = 0; i < evs.size(); ++i)
        EXPECT_EQ(num(evs[i], "seq"), static_cast<long long>(i + 1));
    EXPECT_EQ(str(of_type(evs, "run_finished").at(0), "status"), "pass");
    EXPECT_EQ(str(of_type(evs, "gate_finished").at(0), "verdict"), "pass");

    json::object st = state(id);
    EXPECT_EQ(str(st, "status"), "pass");
    const json::object* step = state_step(st, "one");
    ASSERT_NE(step, nullptr);
    EXPECT_EQ(str(*step, "status"), "pass");
    ASSERT_EQ(attempts_of(*step).size(), 1u);
    const json::object& attempt = attempts_of(*step).at(0).as_object();
    EXPECT_EQ(str(attempt, "session"), "cheap-one");
    EXPECT_THAT(artifact(id, "one/attempt-1/prompt.md"), HasSubstr("Write the greeting."));
    EXPECT_THAT(artifact(id, "one/attempt-1/prompt.md"), HasSubstr("# Add a greeting"));
    EXPECT_THAT(artifact(id, "one/attempt-1/context.md"), HasSubstr("gump"));

    // One commit per attempt on gump/run-<id>, with the trailers.
    auto commits = run_commits(id);
    ASSERT_EQ(commits.size(), 1u);
    EXPECT_EQ(str(attempt, "commit"), commits[0]);
    EXPECT_EQ(git({"log", "-1", "--format=%(trailers:key=Gump-Run,valueonly)", commits[0]}), id);
    EXPECT_EQ(git({"log", "-1", "--format=%(trailers:key=Gump-Step,valueonly)", commits[0]}),
              "one");
    EXPECT_TRUE(in_tree(branch(id), "done.txt"));
    EXPECT_EQ(git({"rev-parse", branch(id) + "^"}), head);

    // The user's checkout is as it was.
    EXPECT_EQ(repo.head(), head);
    EXPECT_EQ(git({"rev-parse", "--abbrev-ref", "HEAD"}), "main");
    EXPECT_EQ(repo.status(), status);
    EXPECT_FALSE(fs::exists(dir() / "done.txt"));
    EXPECT_EQ(git({"fsck", "--no-progress", "--no-dangling"}), "");

    // run.json and the index agree.
    json::object record = json::parse(read_file(run_dir(id) / "run.json")).as_object();
    EXPECT_EQ(str(record, "status"), "pass");
    EXPECT_EQ(str(record, "workspace_branch"), branch(id));
    auto index = json_lines(read_file(dir() / ".gump/runs/index.jsonl"));
    ASSERT_EQ(index.size(), 1u);
    EXPECT_EQ(str(index[0], "id"), id);
}

TEST_F(EngineRun, AGateStepRunsNoAgent) {
    workflow("two", std::string(one_code_step) + R"(
[[steps]]
name = "verify"
kind = "gate"
gates = ["check"]
)");
    Outcome out = run("two");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    EXPECT_EQ(of_type(evs, "attempt_started").size(), 1u);
    EXPECT_EQ(of_type(evs, "agent_finished").size(), 1u);
    EXPECT_TRUE(of_type(evs, "attempt_started", "verify").empty());
    ASSERT_EQ(of_type(evs, "gate_finished", "verify").size(), 1u);
    EXPECT_EQ(str(of_type(evs, "gate_finished", "verify")[0], "verdict"), "pass");
    json::object st = state(id);
    const json::object* verify = state_step(st, "verify");
    ASSERT_NE(verify, nullptr);
    EXPECT_EQ(str(*verify, "kind"), "gate");
    EXPECT_EQ(str(*verify, "status"), "pass");
    EXPECT_EQ(run_commits(id).size(), 1u); // the gate step recorded nothing
}

TEST_F(EngineRun, EachGateIsReportedAsItRunsOneAfterTheOther) {
    standard_config("test -f done.txt",
                    "[gates.second]\nplugin = \"command\"\ncommand = \"sleep 0.2\"\n");
    commit("two gates");
    workflow("gated", R"(name = "gated"
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
gates = ["check", "second"]
prompt = "Write done.txt."
)");
    Outcome out = run("gated");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::vector<std::string> gate_events;
    for (const auto& e : events(run_id()))
        if (str(e, "type").starts_with("gate_"))
            gate_events.push_back(str(e, "type") + " " + str(e, "gate"));
    // The ledger tells things as they happen: `check` finished before `second` started.
    EXPECT_THAT(gate_events, ElementsAre("gate_started check", "gate_finished check",
                                         "gate_started second", "gate_finished second"));
}

TEST_F(EngineRun, StatusWithoutARunSaysSo) {
    Outcome out = project.gump({"status"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_THAT(out.out, HasSubstr("No run in progress"));
}

TEST_F(EngineRun, JsonPrintsOneDocumentAtTheEnd) {
    Outcome out = run("single", {"--json"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    boost::system::error_code ec;
    json::value doc = json::parse(out.out, ec);
    ASSERT_FALSE(ec) << "stdout is not one JSON document:\n" << out.out;
    ASSERT_TRUE(doc.is_object());
    EXPECT_EQ(str(doc.at("run").as_object(), "status"), "pass");
    EXPECT_EQ(str(doc.at("run").as_object(), "id"), run_id());
    EXPECT_EQ(str(doc.at("state").as_object(), "status"), "pass");
    EXPECT_EQ(doc.at("state").at("steps").as_array().size(), 1u);
}

TEST_F(EngineRun, SetValuesMayHoldCommas) {
    // A workflow's own variables are its `inputs`, given with --set input.<name>=VALUE.
    workflow("noted", R"(name = "noted"
inputs = ["note", "mode"]
[[steps]]
name = "one"
kind = "code"
agent = "cheap"
gates = ["check"]
prompt = "Note: {input.note}. Mode: {input.mode}"
)");
    Outcome out = run("noted", {"--set", "input.note=a,b", "--set", "input.mode=x=y"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string prompt = artifact(run_id(), "one/attempt-1/prompt.md");
    EXPECT_THAT(prompt, HasSubstr("Note: a,b."));
    EXPECT_THAT(prompt, HasSubstr("Mode: x=y"));
}

TEST_F(EngineRun, ADirtyTreeIsRefusedAndLeavesNoRun) {
    repo.write("README.md", "# my unsaved work\n");
    std::string head = repo.head();
    Outcome out = run("single");
    EXPECT_EQ(out.exit_code, 2) << out.err;
    EXPECT_THAT(out.err, HasSubstr("README.md"));
    EXPECT_THAT(out.err, HasSubstr("--allow-dirty"));
    EXPECT_TRUE(run_ids().empty());
    EXPECT_FALSE(fs::exists(dir() / ".gump/worktrees") && !fs::is_empty(dir() / ".gump/worktrees"));
    EXPECT_EQ(git({"for-each-ref", "refs/heads/gump/"}), "");
    EXPECT_EQ(repo.read("README.md"), "# my unsaved work\n");
    EXPECT_EQ(repo.head(), head);
}

TEST_F(EngineRun, AllowDirtyCarriesTheChangeIntoTheRun) {
    repo.write("README.md", "# my unsaved work\n");
    std::string status = repo.status();
    Outcome out = run("single", {"--allow-dirty"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    EXPECT_EQ(read_file(worktree(id) / "README.md"), "# my unsaved work\n");
    EXPECT_EQ(git({"show", branch(id) + ":README.md"}), "# my unsaved work");
    EXPECT_EQ(git({"show", branch(id) + ":done.txt"}), "done");
    // The user's checkout keeps its change, uncommitted.
    EXPECT_EQ(repo.read("README.md"), "# my unsaved work\n");
    EXPECT_EQ(repo.status(), status);
}

TEST_F(EngineRun, OutsideAGitRepositoryIsBadInput) {
    Project plain;
    plain.write("gump.toml", read_file(dir() / "gump.toml"));
    plain.write("replay/cheap.toml", read_file(dir() / "replay/cheap.toml"));
    plain.write(".gump/workflows/single.toml", one_code_step);
    plain.write("spec.md", "# Spec\n");
    Outcome out = plain.gump({"run", "spec.md", "--workflow", "single"});
    EXPECT_EQ(out.exit_code, 2) << out.err;
    EXPECT_THAT(out.err, HasSubstr("git repository"));
    EXPECT_FALSE(fs::exists(plain.dir() / ".gump/runs"));
}

TEST_F(EngineRun, AnUntrackedGumpDirectoryIsNotADirtyTree) {
    // A project that has never run gump: nothing ignores .gump/ yet.
    std::ofstream(dir() / ".git/info/exclude", std::ios::trunc) << "";
    ASSERT_THAT(repo.status(), HasSubstr(".gump/"));
    Outcome out = run("single");
    EXPECT_EQ(out.exit_code, 0) << out.err;
}

} // namespace
} // namespace gump::e2e
