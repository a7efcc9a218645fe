#include "plan/agents.hpp"

#include "process/program_lookup.hpp"
#include "runs/json_fields.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace gump::plan {

namespace {

// What a plugin says of itself with one configuration.
struct Described {
    bool reports_cost = false;
    std::string cli;     // the program it runs; empty: none (replay)
    std::string install; // how to get it
};

class AgentCheck {
public:
    AgentCheck(const plugin::Registry& registry, Diagnostics& diags, std::optional<double> budget)
        : m_registry(registry), m_diags(diags), m_budget(budget) {}

    void plan(Plan& p) {
        for (auto& step : p.steps)
            this->step(step);
        // A gate's workflow is shared between the gates that ask for it: checked, not noted.
        for (const auto& [_, validator] : p.validators) {
            Plan copy = validator->plan;
            plan(copy);
        }
    }

private:
    void step(ResolvedStep& rs) {
        if (rs.agent) agent(*rs.agent, rs.step->agent_pos);
        for (auto& rung : rs.ladder)
            if (rung.agent) agent(*rung.agent, rung.rung->agent_pos);
        for (auto& child : rs.children)
            step(child);
    }

    void agent(ResolvedAgent& a, const SourcePos& pos) {
        if (!a.installed) return;
        const Described& d = describe(a);
        a.reports_cost = d.reports_cost;
        if (!m_checked.insert(a.alias).second) return;
        if (!d.cli.empty() && !process::find_program(d.cli, m_env, "."))
            m_diags.warning(pos,
                            "agent " + a.alias + " (" + a.plugin + ") runs `" + d.cli +
                                "`, which is not on PATH: an attempt that reaches it will stop "
                                "the run",
                            (d.install.empty() ? std::string("install it") : d.install) +
                                ", or set command = \"/path/to/" + d.cli + "\" in [agents." +
                                a.alias + "]");
        if (!m_budget || a.price || a.reports_cost) return;
        std::string model = a.model.empty() ? a.alias : a.model;
        char budget[32];
        std::snprintf(budget, sizeof budget, "$%.2f", *m_budget);
        m_diags.error(pos,
                      "agent " + a.alias + " (" + a.plugin +
                          ") reports no cost and gump has no price for " +
                          (a.model.empty() ? "it" : "model " + a.model) + ", so the " + budget +
                          " budget could not be kept",
                      "add its price to gump.toml: [pricing.\"" + model +
                          "\"] input = 1.0, output = 5.0 (USD per million tokens; see `gump "
                          "models`), or run without a budget");
    }

    const Described& describe(const ResolvedAgent& a) {
        std::string key = a.plugin + boost::json::serialize(a.options);
        if (auto it = m_described.find(key); it != m_described.end()) return it->second;
        Described d;
        if (const plugin::PluginInfo* info = m_registry.find(a.plugin))
            if (auto described = m_registry.describe_agent(*info, a.options)) {
                d.reports_cost = runs::flag(*described, "reports_cost");
                if (!runs::flag(*described, "replay")) d.cli = runs::text(*described, "cli");
                d.install = runs::text(*described, "install");
            }
        return m_described[key] = d;
    }

    const plugin::Registry& m_registry;
    Diagnostics& m_diags;
    std::optional<double> m_budget;
    std::vector<std::string> m_env = process::child_environment({});
    std::map<std::string, Described> m_described;
    std::set<std::string> m_checked;
};

} // namespace

void check_agents(Plan& plan, const plugin::Registry& registry, Diagnostics& diags) {
    std::optional<double> budget;
    if (plan.workflow) budget = plan.workflow->budget.max_cost;
    AgentCheck(registry, diags, budget).plan(plan);
}

} // namespace gump::plan
