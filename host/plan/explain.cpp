#include "plan/explain.hpp"

#include "runs/json_fields.hpp"
#include "workflow/validator.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <functional>
#include <map>

namespace gump::plan {

namespace json = boost::json;
using runs::text;

namespace {

void for_each_gate(std::vector<ResolvedStep>& steps,
                   const std::function<void(ResolvedGate&)>& visit) {
    for (auto& step : steps) {
        for (auto& gate : step.gates)
            visit(gate);
        for_each_gate(step.children, visit);
    }
}

void use_agent(std::vector<workflow::Step>& steps, const std::string& alias) {
    for (auto& step : steps) {
        if (!step.agent.empty()) step.agent = alias;
        for (auto& rung : step.retry.ladder)
            if (rung.agent) rung.agent = alias;
        use_agent(step.steps, alias);
    }
}

class Explainer {
public:
    Explainer(const workflow::Catalog& catalog, const config::Config& config,
              const plugin::Registry& registry, std::filesystem::path dir, Diagnostics& diags)
        : m_catalog(catalog), m_config(config), m_registry(registry), m_dir(std::move(dir)),
          m_diags(diags) {}

    void explain(Plan& plan, Plan& root, bool inside_validator) {
        for_each_gate(plan.steps, [&](ResolvedGate& gate) {
            if (!gate.installed) return;
            const json::object* answer = explained(gate);
            if (!answer) return;
            gate.does = text(*answer, "does");
            gate.uses_agents = runs::flag(*answer, "uses_agents");
            if (text(*answer, "workflow").empty() && text(*answer, "prompt").empty()) return;
            if (inside_validator) {
                m_diags.error(gate.pos,
                              "gate '" + gate.name +
                                  "' runs a workflow of its own, inside a workflow a gate runs",
                              "remove it from that workflow's gates: a reviewer is not reviewed");
                return;
            }
            std::string key = validator_key(*answer);
            if (root.validators.count(key)) return;
            if (auto validator = load(*answer, gate)) {
                explain(validator->plan, root, true);
                root.missing_plugins.insert(root.missing_plugins.end(),
                                            validator->plan.missing_plugins.begin(),
                                            validator->plan.missing_plugins.end());
                std::sort(root.missing_plugins.begin(), root.missing_plugins.end());
                root.missing_plugins.erase(
                    std::unique(root.missing_plugins.begin(), root.missing_plugins.end()),
                    root.missing_plugins.end());
                root.validators[key] = std::move(validator);
            }
        });
    }

private:
    // A gate named in several steps with the same parameters is asked once: the command gate's
    // detection runs probes.
    const json::object* explained(const ResolvedGate& gate) {
        std::string key = gate.name + " " + gate.plugin + " " + json::serialize(gate.params);
        if (auto it = m_answers.find(key); it != m_answers.end()) return &it->second;
        auto answer =
            explain_gate(m_registry, *m_registry.find(gate.plugin), gate.name, gate.params, m_dir);
        if (!answer) {
            m_diags.warning(gate.pos, "gate '" + gate.name + "' cannot say what it will do: " +
                                          answer.error().message);
            return nullptr;
        }
        return &(m_answers[key] = std::move(*answer));
    }

    std::shared_ptr<Validator> load(const json::object& answer, const ResolvedGate& gate) {
        auto validator = std::make_shared<Validator>();
        workflow::Workflow& wf = validator->workflow;
        std::string where = "[gates." + gate.name + "]";
        std::string agent = text(answer, "agent");
        std::string prompt = text(answer, "prompt");
        if (!prompt.empty()) {
            if (agent.empty()) {
                m_diags.error(gate.pos, "gate '" + gate.name + "' has a prompt but no agent",
                              "set agent = \"<alias>\" under " + where);
                return nullptr;
            }
            wf.name = gate.name;
            wf.source = "gate";
            wf.path = where;
            wf.inputs = {"diff", "spec"};
            workflow::Step step;
            step.name = gate.name;
            step.kind = workflow::StepKind::review;
            step.agent = agent;
            step.agent_pos = gate.pos;
            step.prompt = {prompt, gate.pos};
            step.pos = gate.pos;
            wf.steps.push_back(std::move(step));
        } else {
            std::string name = text(answer, "workflow");
            if (auto found = m_catalog.find(name); !found) {
                m_diags.error(gate.pos,
                              "gate '" + gate.name + "' runs the workflow '" + name +
                                  "': " + found.error().message,
                              "set workflow = \"...\" under " + where +
                                  " to one of `gump workflows list`");
                return nullptr;
            }
            auto loaded = m_catalog.load(name, m_diags);
            if (!loaded) return nullptr;
            wf = std::move(*loaded);
            if (!agent.empty()) use_agent(wf.steps, agent);
        }
        if (wf.steps.empty() || wf.steps.back().kind != workflow::StepKind::review) {
            m_diags.error(gate.pos,
                          "gate '" + gate.name + "' runs the workflow '" + wf.name +
                              "', whose last step is not a review step: it gives no verdict",
                          "end that workflow with a step of kind = \"review\"");
            return nullptr;
        }
        workflow::ValidationContext context{m_config.agent_names(), m_config.gate_names()};
        workflow::validate_references(wf, context, m_diags);
        validator->plan = resolve(wf, m_config, m_registry, m_diags);
        return validator;
    }

    const workflow::Catalog& m_catalog;
    const config::Config& m_config;
    const plugin::Registry& m_registry;
    std::filesystem::path m_dir;
    Diagnostics& m_diags;
    std::map<std::string, json::object> m_answers; // plugin and parameters -> explain
};

} // namespace

void explain_gates(Plan& plan, const workflow::Catalog& catalog, const config::Config& config,
                   const plugin::Registry& registry, const std::filesystem::path& dir,
                   Diagnostics& diags) {
    Explainer(catalog, config, registry, dir, diags).explain(plan, plan, false);
}

Expected<json::object> explain_gate(const plugin::Registry& registry,
                                    const plugin::PluginInfo& plugin, const std::string& gate,
                                    const json::object& params, const std::filesystem::path& dir) {
    auto instance = registry.create(plugin, params);
    if (!instance) return instance.error();
    return (*instance)->gate_explain(
        {{"worktree", dir.string()}, {"gate", gate}, {"params", params}});
}

std::string validator_key(const json::object& request) {
    return text(request, "workflow") + "\n" + text(request, "agent") + "\n" +
           text(request, "prompt");
}

} // namespace gump::plan
