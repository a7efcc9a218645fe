#include "gate_harness.hpp"

#include <gmock/gmock.h>

namespace {

using ::testing::HasSubstr;

std::string text(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

const json::object request{{"worktree", "/tmp"}, {"gate", "review"}, {"step", "build/1/impl"}};

TEST(ReviewGateTest, ExplainsTheBuiltInReviewWorkflowByDefault) {
    Gate gate;
    json::object e = gate.explain(request);
    EXPECT_EQ(e.at("uses_agents"), true);
    EXPECT_EQ(text(e, "workflow"), "validators/review");
    EXPECT_FALSE(e.contains("agent"));
    EXPECT_EQ(text(e, "does"), "runs the review workflow validators/review");
}

TEST(ReviewGateTest, ExplainsAnAgentThatReplacesTheWorkflowsAgents) {
    Gate gate(R"({"workflow":"team/review","agent":"claude-sonnet"})");
    json::object e = gate.explain(request);
    EXPECT_EQ(text(e, "workflow"), "team/review");
    EXPECT_EQ(text(e, "agent"), "claude-sonnet");
    EXPECT_EQ(text(e, "does"), "runs the review workflow team/review with claude-sonnet");
}

TEST(ReviewGateTest, ExplainsOneAgentWithAPromptWithoutAWorkflow) {
    Gate gate(R"({"agent":"claude-opus","prompt":"Review {input.diff}"})");
    json::object e = gate.explain(request);
    EXPECT_FALSE(e.contains("workflow"));
    EXPECT_EQ(text(e, "prompt"), "Review {input.diff}");
    EXPECT_EQ(text(e, "does"), "asks claude-opus to review the change");
}

TEST(ReviewGateTest, InlineParametersChangeWhatItAsksFor) {
    Gate gate;
    json::object r = request;
    r["params"] = json::object{{"agent", "qwen"}};
    EXPECT_EQ(text(gate.explain(r), "agent"), "qwen");
}

TEST(ReviewGateTest, AsksTheHostForWhatItExplainedWithItsInputs) {
    Gate gate(R"({"inputs":{"focus":"security"}})");
    gate.host().workflow_status = GUMP_OK;
    gate.host().workflow_answer = R"({"status":"pass","pass":true,"comments":"Looks right."})";
    gate.check(request);
    ASSERT_EQ(gate.host().workflow_requests.size(), 1u);
    const json::object& asked = gate.host().workflow_requests[0];
    EXPECT_EQ(text(asked, "workflow"), "validators/review");
    EXPECT_EQ(asked.at("inputs").at("focus"), "security");
    EXPECT_FALSE(asked.contains("uses_agents"));
}

TEST(ReviewGateTest, PassesWhenTheReviewerPasses) {
    Gate gate;
    gate.host().workflow_status = GUMP_OK;
    gate.host().workflow_answer =
        R"({"status":"pass","pass":true,"comments":"Clean change.\nNothing to add.","cost_usd":0.12,"steps":["impl@1/review/review"]})";
    json::object v = gate.check(request);
    EXPECT_EQ(text(v, "verdict"), "pass");
    EXPECT_EQ(text(v, "summary"), "review passed: Clean change.");
    const json::object& finding = v.at("findings").as_array()[0].as_object();
    EXPECT_EQ(finding.at("cost_usd"), 0.12);
    EXPECT_EQ(finding.at("steps").as_array()[0], "impl@1/review/review");
}

TEST(ReviewGateTest, FailsWithTheReviewersCommentsAsFeedback) {
    Gate gate;
    gate.host().workflow_status = GUMP_OK;
    gate.host().workflow_answer =
        R"({"status":"fail","pass":false,"comments":"src/server.c:42: the port is never validated; reject 0 and values over 65535."})";
    json::object v = gate.check(request);
    EXPECT_EQ(text(v, "verdict"), "fail");
    EXPECT_THAT(text(v, "summary"), HasSubstr("review failed: src/server.c:42: the port"));
    EXPECT_THAT(text(v, "feedback"),
                HasSubstr("src/server.c:42: the port is never validated; reject 0 and values "
                          "over 65535."));
    EXPECT_THAT(text(v, "feedback"), HasSubstr("Address every comment"));
}

TEST(ReviewGateTest, AReviewerThatGaveNoVerdictIsAnError) {
    Gate gate;
    gate.host().workflow_status = GUMP_OK;
    gate.host().workflow_answer =
        R"({"status":"error","pass":false,"reason":"the agent failed: 401 Unauthorized"})";
    json::object v = gate.check(request);
    EXPECT_EQ(text(v, "verdict"), "error");
    EXPECT_EQ(text(v, "summary"), "review could not run: the agent failed: 401 Unauthorized");
}

TEST(ReviewGateTest, AStoppedRunStopsTheGate) {
    Gate gate;
    gate.host().workflow_status = GUMP_ERR_CANCELLED;
    gate.host().workflow_answer = "the run was interrupted";
    std::string message;
    EXPECT_EQ(gate.check_status(request, message), GUMP_ERR_CANCELLED);
    EXPECT_EQ(message, "the run was interrupted");
}

TEST(ReviewGateTest, AHostThatRunsNoWorkflowsIsRefusedWithItsReason) {
    Gate gate; // the test host's default: unsupported
    std::string message;
    EXPECT_EQ(gate.check_status(request, message), GUMP_ERR_UNSUPPORTED);
    EXPECT_EQ(message, "this test host runs no workflow");
}

} // namespace
