#include "plan/resolve.hpp"

#include "plugin/config_check.hpp"

#include <algorithm>
#include <set>

namespace gump::plan {

namespace {

class Resolver {
public:
    Resolver(const config::Config& config, const plugin::Registry& registry, Diagnostics& diags)
        : m_config(config), m_registry(registry), m_diags(diags) {}

    std::vector<ResolvedStep> steps(const std::vector<workflow::Step>& steps,
                                    const std::string& prefix) {
        std::vector<ResolvedStep> out;
        for (const auto& step : steps)
            out.push_back(resolve_step(step, prefix));
        return out;
    }

    std::vector<std::string> missing() const { return {m_missing.begin(), m_missing.end()}; }

private:
    ResolvedStep resolve_step(const workflow::Step& step, const std::string& prefix) {
        ResolvedStep r;
        r.step = &step;
        r.path = prefix.empty() ? step.name : prefix + "/" + step.name;
        if (!step.agent.empty()) r.agent = agent(step.agent);
        for (const auto& gate_ref : step.gates)
            r.gates.push_back(gate(gate_ref));
        for (const auto& rung : step.retry.ladder) {
            ResolvedRung rr{&rung, std::nullopt};
            if (rung.agent) rr.agent = agent(*rung.agent);
            r.ladder.push_back(std::move(rr));
        }
        r.children = steps(step.steps, r.path);
        return r;
    }

    bool installed(const std::string& plugin_id, gump_kind kind) {
        const plugin::PluginInfo* info = m_registry.find(plugin_id);
        if (info && info->kind == kind) return true;
        m_missing.insert(plugin_id);
        return false;
    }

    // Unknown aliases were reported by the workflow validator; here they resolve to nothing.
    ResolvedAgent agent(const std::string& alias) {
        ResolvedAgent a;
        a.alias = alias;
        auto it = m_config.agents().find(alias);
        if (it == m_config.agents().end()) return a;
        a.plugin = it->second.plugin;
        a.model = it->second.model;
        a.options = it->second.values;
        a.installed = installed(a.plugin, GUMP_KIND_AGENT);
        if (const config::Price* price = m_config.price_of(it->second)) a.price = *price;
        a.transient_retries = it->second.transient_retries;
        a.transient_backoff_ms = it->second.transient_backoff_ms;
        return a;
    }

    ResolvedGate gate(const workflow::GateRef& ref) {
        ResolvedGate g;
        g.name = ref.name;
        g.pos = ref.pos;
        auto it = m_config.gates().find(ref.name);
        if (it == m_config.gates().end()) return g;
        g.plugin = it->second.plugin;
        g.params = it->second.values;
        for (const auto& [key, value] : ref.params)
            g.params[key] = value;
        g.installed = installed(g.plugin, GUMP_KIND_GATE);
        if (g.installed && !ref.params.empty()) {
            // Inline parameters are checked where the workflow sets them.
            std::map<std::string, SourcePos> positions = it->second.value_pos;
            for (const auto& [key, _] : ref.params)
                positions[std::string(key)] = ref.pos;
            plugin::check_plugin_values(*m_registry.find(g.plugin), g.params, positions, ref.pos,
                                        "gate '" + ref.name + "'", m_diags);
        }
        return g;
    }

    const config::Config& m_config;
    const plugin::Registry& m_registry;
    Diagnostics& m_diags;
    std::set<std::string> m_missing;
};

} // namespace

Plan resolve(const workflow::Workflow& workflow, const config::Config& config,
             const plugin::Registry& registry, Diagnostics& diags) {
    Resolver resolver(config, registry, diags);
    Plan plan;
    plan.workflow = &workflow;
    plan.steps = resolver.steps(workflow.steps, "");
    plan.missing_plugins = resolver.missing();
    return plan;
}

} // namespace gump::plan
