// The review gate: asks the host to run a reviewer (a review workflow, or one agent with a
// prompt) on the worktree as the attempt left it, and turns its verdict {pass, comments} into
// the gate's. The comments are the feedback of the next attempt. Built only on the SDK.
#include <gump/sdk.hpp>

#include <string>

namespace {

namespace json = boost::json;

std::string text_of(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::object verdict(const char* v, const std::string& summary, const std::string& feedback,
                     json::object finding) {
    return {{"verdict", v},
            {"summary", summary},
            {"feedback", feedback},
            {"findings", json::array{std::move(finding)}}};
}

// The first line of the comments, for the terminal.
std::string first_line(const std::string& text, size_t limit = 100) {
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() > limit) line = line.substr(0, limit - 3) + "...";
    return line;
}

} // namespace

class ReviewGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{
        "review", "1.0.0", "Runs a reviewer agent on the change; its verdict passes or fails it",
        R"schema({"type":"object","additionalProperties":false,"properties":{
"workflow":{"type":"string","default":"validators/review","description":"the review workflow to run; its last step is a review step that gives the verdict"},
"agent":{"type":"string","description":"an agent alias that replaces the workflow's agents; with prompt, the one agent that reviews"},
"prompt":{"type":"string","description":"with agent, a review prompt run instead of the workflow ({input.diff}, {input.spec})"},
"inputs":{"type":"object","description":"more {input.NAME} values for the reviewer's prompt, a table of strings"}}})schema"};

    ReviewGate(gump::sdk::Host host, const json::object& config) : Gate(host), m_config(config) {}

    json::object explain(const json::object& request) override {
        json::object out = reviewer(gump::sdk::with_params(m_config, request));
        std::string agent = text_of(out, "agent");
        if (out.contains("prompt"))
            out["does"] =
                "asks " + (agent.empty() ? std::string("?") : agent) + " to review the change";
        else
            out["does"] = "runs the review workflow " + text_of(out, "workflow") +
                          (agent.empty() ? std::string() : " with " + agent);
        out["uses_agents"] = true;
        return out;
    }

    json::object check(const json::object& request) override {
        std::string gate = text_of(request, "gate");
        if (gate.empty()) gate = "review";
        json::object s = gump::sdk::with_params(m_config, request);
        json::object ask = reviewer(s);
        if (const json::value* inputs = s.if_contains("inputs"); inputs && inputs->is_object())
            ask["inputs"] = *inputs;
        json::object finding{{"reviewer", text_of(ask, "workflow").empty()
                                              ? text_of(ask, "agent")
                                              : text_of(ask, "workflow")}};

        json::object r = host().run_workflow(ask); // a stopped run throws GUMP_ERR_CANCELLED
        finding["steps"] = r.contains("steps") ? r.at("steps") : json::array{};
        if (const json::value* cost = r.if_contains("cost_usd")) finding["cost_usd"] = *cost;
        std::string status = text_of(r, "status");
        std::string comments = text_of(r, "comments");
        finding["comments"] = comments;
        if (status == "pass")
            return verdict("pass",
                           gate + " passed" + (comments.empty() ? "" : ": " + first_line(comments)),
                           "", std::move(finding));
        if (status == "fail")
            return verdict("fail", gate + " failed: " + first_line(comments),
                           "The reviewer did not accept the change:\n\n" + comments +
                               "\n\nAddress every comment, then make sure the change still "
                               "builds and its tests pass.",
                           std::move(finding));
        std::string reason = text_of(r, "reason");
        if (reason.empty()) reason = "the reviewer gave no verdict";
        return verdict("error", gate + " could not run: " + reason,
                       gate + " could not run: " + reason, std::move(finding));
    }

private:
    // Who reviews, as run_workflow takes it: one agent with a prompt, or a workflow (with its
    // agents replaced when an agent is named).
    static json::object reviewer(const json::object& s) {
        std::string agent = text_of(s, "agent");
        std::string prompt = text_of(s, "prompt");
        if (!prompt.empty()) return {{"agent", agent}, {"prompt", prompt}};
        std::string workflow = text_of(s, "workflow");
        json::object out{{"workflow", workflow.empty() ? "validators/review" : workflow}};
        if (!agent.empty()) out["agent"] = agent;
        return out;
    }

    json::object m_config;
};

GUMP_PLUGINS(ReviewGate)
