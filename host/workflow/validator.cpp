#include "workflow/validator.hpp"

#include "core/text.hpp"

#include <algorithm>

namespace gump::workflow {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

void check_agent(const std::string& alias, const SourcePos& pos, const ValidationContext& context,
                 Diagnostics& diags) {
    if (alias.empty() || contains(context.agents, alias)) return;
    diags.error(pos, "unknown agent '" + alias + "'" + did_you_mean(alias, context.agents),
                "use an alias of `gump config agents`, or define it in gump.toml as [agents." +
                    alias + "] with plugin = \"...\" and model = \"...\"");
}

void check_steps(const std::vector<Step>& steps, const ValidationContext& context,
                 Diagnostics& diags) {
    for (const auto& step : steps) {
        check_agent(step.agent, step.agent_pos, context, diags);
        for (const auto& rung : step.retry.ladder)
            if (rung.agent) check_agent(*rung.agent, rung.pos, context, diags);
        for (const auto& gate : step.gates)
            if (!contains(context.gates, gate.name))
                diags.error(gate.pos,
                            "unknown gate '" + gate.name + "'" +
                                did_you_mean(gate.name, context.gates),
                            "use a gate of `gump config gates`, or define it in gump.toml as "
                            "[gates." +
                                gate.name + "] with plugin = \"...\"");
        check_steps(step.steps, context, diags);
    }
}

} // namespace

void validate_references(const Workflow& workflow, const ValidationContext& context,
                         Diagnostics& diags) {
    check_steps(workflow.steps, context, diags);
}

} // namespace gump::workflow
