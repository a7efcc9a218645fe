#include "plan/prices.hpp"

#include "core/text.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace gump::plan {

namespace {

class PriceCheck {
public:
    PriceCheck(const plugin::Registry& registry, Diagnostics& diags, std::optional<double> budget)
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
        a.reports_cost = reports_cost(a);
        if (!m_budget || a.price || a.reports_cost || !m_refused.insert(a.alias).second) return;
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

    bool reports_cost(const ResolvedAgent& a) {
        if (auto it = m_reports.find(a.plugin); it != m_reports.end()) return it->second;
        bool reports = false;
        if (const plugin::PluginInfo* info = m_registry.find(a.plugin))
            if (auto instance = m_registry.create(*info, a.options))
                if (auto described = (*instance)->agent_describe())
                    if (const auto* r = described->if_contains("reports_cost"); r && r->is_bool())
                        reports = r->as_bool();
        return m_reports[a.plugin] = reports;
    }

    const plugin::Registry& m_registry;
    Diagnostics& m_diags;
    std::optional<double> m_budget;
    std::map<std::string, bool> m_reports;
    std::set<std::string> m_refused;
};

} // namespace

void check_prices(Plan& plan, const plugin::Registry& registry, Diagnostics& diags) {
    std::optional<double> budget;
    if (plan.workflow) budget = plan.workflow->budget.max_cost;
    PriceCheck(registry, diags, budget).plan(plan);
}

} // namespace gump::plan
