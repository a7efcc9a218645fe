#include "workflow/kind_rules.hpp"

#include <cctype>

namespace gump::workflow {

namespace {

bool blank(const std::string& text) {
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) return false;
    return true;
}

} // namespace

void check_kind_rules(const TableReader& r, const Step& step, bool has_children,
                      ParseContext& ctx) {
    std::string kind = to_string(step.kind);
    std::string what = r.what() + " (kind " + kind + ")";
    auto forbid = [&](std::string_view key, const std::string& why, const std::string& fix) {
        if (r.has(key))
            ctx.diags.error(r.key_pos(key),
                            std::string(key) + " does not belong in " + what + ": " + why, fix);
    };

    if (has_agent(step.kind)) {
        if (!r.has("agent"))
            ctx.diags.error(
                step.pos, what + " has no agent",
                "add agent = \"<alias>\", e.g. agent = \"claude-sonnet\" (`gump config agents` "
                "lists the aliases)");
        if (!r.has("prompt"))
            ctx.diags.error(step.pos, what + " has no prompt",
                            "add prompt = \"\"\"...\"\"\" saying what the agent must do; {spec} is "
                            "the spec's text");
        else if (const toml::node* n = r.peek("prompt");
                 n && n->is_string() && blank(step.prompt.text))
            ctx.diags.error(r.pos("prompt"), "the prompt of " + what + " is empty",
                            "say what the agent must do; {spec} is the spec's text");
    } else {
        std::string why = step.kind == StepKind::gate ? "a gate step runs no agent"
                                                      : "a group step runs no agent itself";
        std::string fix = step.kind == StepKind::gate
                              ? "remove it, or make this a code step that the gates then check"
                              : "remove it, and give it to a child step";
        forbid("agent", why, fix);
        forbid("prompt", why, fix);
        forbid("guards", why, fix);
        forbid("session_from", why, fix);
        forbid("retry",
               step.kind == StepKind::gate ? "without an agent nothing changes between attempts"
                                           : "retries belong to the child steps",
               step.kind == StepKind::gate ? "remove it; give the retry to the step whose work "
                                             "the gates check"
                                           : "remove it, and give it to a child step");
    }

    if (step.kind == StepKind::group) {
        forbid("gates", "a group's children have the gates",
               "give the gates to a child, or add a child with kind = \"gate\"");
        if (!has_children)
            ctx.diags.error(step.pos, what + " has no steps",
                            "add its children as [[steps.steps]] tables after it");
        if (step.parallel && step.foreach.empty() && r.has("parallel"))
            ctx.diags.error(r.key_pos("parallel"),
                            "parallel in " + what +
                                " needs foreach: parallel runs the items of a plan side by side",
                            "add foreach = \"<plan step>\", or remove parallel");
    } else {
        forbid("steps", "only group steps have child steps",
               "write kind = \"group\", or remove the children");
        forbid("foreach", "only group steps run once per item",
               "put this step inside a group with foreach = \"<plan step>\"");
        forbid("parallel", "only group steps run items in parallel", "remove it");
    }

    if (step.kind != StepKind::gate) return;
    const toml::node* gates = r.peek("gates");
    if (!gates)
        ctx.diags.error(step.pos, what + " has no gates", "add gates = [\"compile\", \"test\"]");
    else if (gates->is_array() && gates->as_array()->empty())
        ctx.diags.error(r.pos("gates"), what + " has an empty list of gates",
                        "list the gates to run, e.g. gates = [\"compile\", \"test\"]");
}

} // namespace gump::workflow
