#include "workflow/validator.hpp"

#include "core/text.hpp"

#include <algorithm>

namespace gump::workflow {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

class ReferenceCheck {
public:
    ReferenceCheck(const ValidationContext& context, Diagnostics& diags)
        : m_context(context), m_diags(diags) {}

    void steps(const std::vector<Step>& steps) {
        for (const auto& step : steps) {
            agent(step.agent, step.agent_pos);
            for (const auto& rung : step.retry.ladder)
                if (rung.agent) agent(*rung.agent, rung.agent_pos);
            for (const auto& gate : step.gates)
                this->gate(gate);
            this->steps(step.steps);
        }
    }

private:
    void agent(const std::string& alias, const SourcePos& pos) {
        if (alias.empty() || contains(m_context.agents, alias)) return;
        m_diags.error(pos, "unknown agent '" + alias + "'" + did_you_mean(alias, m_context.agents),
                      "use an alias that `gump config agents` lists, or define [agents." + alias +
                          "] with plugin = \"...\" and model = \"...\" in gump.toml");
    }

    void gate(const GateRef& gate) {
        if (contains(m_context.gates, gate.name)) return;
        m_diags.error(gate.pos,
                      "unknown gate '" + gate.name + "'" + did_you_mean(gate.name, m_context.gates),
                      "use a gate that `gump config gates` lists, or define [gates." + gate.name +
                          "] with plugin = \"...\" in gump.toml");
    }

    const ValidationContext& m_context;
    Diagnostics& m_diags;
};

} // namespace

void validate_references(const Workflow& workflow, const ValidationContext& context,
                         Diagnostics& diags) {
    ReferenceCheck(context, diags).steps(workflow.steps);
}

} // namespace gump::workflow
