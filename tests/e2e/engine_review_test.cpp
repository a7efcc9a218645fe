// The review gate through `gump run`: a reviewer (the built-in validators/review workflow, run
// by a replay agent) judges each attempt after the deterministic gates passed, and its comments
// reach the next attempt's prompt.
#include "engine_fixture.hpp"

namespace gump::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class EngineReview : public EngineTest {
protected:
    void SetUp() override {
        EngineTest::SetUp();
        config(R"([agents.cheap]
plugin = "replay"
script = "replay/cheap.toml"
[gates.review]
plugin = "review"
agent = "cheap"
[gates.done]
plugin = "command"
command = "test -f done.txt"
)");
        workflow("w", R"(name = "w"
[[steps]]
name = "work"
kind = "code"
agent = "cheap"
gates = ["review", "done"]
prompt = "Do the work."

[steps.retry]
attempts = 2
)");
    }
};

TEST_F(EngineReview, TheReviewersCommentsReachTheNextAttempt) {
    script("cheap", R"([[step]]
path = "work"
attempt = 1
[[step.write]]
path = "done.txt"
content = "x"
[[step]]
path = "work@1/review/review"
text = '{"pass": false, "comments": "done.txt:1: write the date, not x."}'
[[step]]
path = "work"
attempt = 2
[[step.write]]
path = "done.txt"
content = "2026-12-05"
[[step]]
path = "work@2/review/review"
text = '{"pass": true, "comments": "Good."}'
)");
    commit();
    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    EXPECT_THAT(artifact(id, "work/attempt-2/prompt.md"),
                HasSubstr("done.txt:1: write the date, not x."));
    // The reviewer ran the built-in workflow's prompt, with the attempt's diff in it.
    std::string review_prompt = artifact(id, "work@1/review/review/attempt-1/prompt.md");
    EXPECT_THAT(review_prompt, HasSubstr("senior engineer reviewing a change"));
    EXPECT_THAT(review_prompt, HasSubstr("+x"));
    auto finished = of_type(events(id), "gate_finished");
    ASSERT_EQ(finished.size(), 4u);
    // The deterministic gate runs first, whatever the order the workflow lists them in.
    EXPECT_EQ(str(finished[0], "gate"), "done");
    EXPECT_EQ(str(finished[1], "gate"), "review");
    EXPECT_EQ(str(finished[1], "verdict"), "fail");
    EXPECT_EQ(str(finished[3], "verdict"), "pass");
    // The reviewer's steps are steps of the run: the report shows them.
    Outcome report = project.gump({"report", id});
    EXPECT_THAT(report.out, HasSubstr("work@1/review/review"));
}

TEST_F(EngineReview, NoReviewOfAnAttemptWhoseCheaperGateFailed) {
    script("cheap", R"([[step]]
path = "work"
attempt = 1
[[step.write]]
path = "notes.txt"
content = "x"
[[step]]
path = "work"
attempt = 2
[[step.write]]
path = "done.txt"
content = "x"
[[step]]
path = "work@2/review/review"
text = '{"pass": true, "comments": "Good."}'
)");
    commit();
    Outcome out = run("w");
    ASSERT_EQ(out.exit_code, 0) << out.err;
    std::string id = run_id();
    auto evs = events(id);
    auto finished = of_type(evs, "gate_finished");
    ASSERT_EQ(finished.size(), 4u);
    EXPECT_EQ(str(finished[0], "verdict"), "fail");
    EXPECT_EQ(str(finished[1], "verdict"), "skip");
    EXPECT_EQ(str(finished[1], "summary"), "review skipped: done did not pass");
    for (const auto& e : of_type(evs, "step_started"))
        EXPECT_THAT(str(e, "step"), Not(HasSubstr("work@1")));
    EXPECT_THAT(artifact(id, "work/attempt-2/prompt.md"), Not(HasSubstr("review skipped")));
}

TEST_F(EngineReview, AnUnknownReviewWorkflowIsBadInputBeforeAnythingRuns) {
    config(R"([agents.cheap]
plugin = "replay"
script = "replay/cheap.toml"
[gates.review]
plugin = "review"
workflow = "team/reviw"
[gates.done]
plugin = "command"
command = "true"
)");
    commit();
    Outcome out = run("w", {"--dry-run"});
    EXPECT_EQ(out.exit_code, 2) << out.err;
    EXPECT_THAT(out.err, HasSubstr("gate 'review' runs the workflow 'team/reviw'"));
    EXPECT_THAT(out.err, HasSubstr("w.toml:6"));
}

} // namespace
} // namespace gump::e2e
