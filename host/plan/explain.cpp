#include "plan/explain.hpp"

#include "workflow/validator.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <functional>

namespace gump::plan {

namespace json = boost::json;

namespace {

std::string text_of(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

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
            auto instance = m_registry.create(*m_registry.find(gate.plugin), gate.params);
            if (!instance) return; // the run reports it where the gate runs
            auto answer = (*instance)->gate_explain(
                {{"worktree", m_dir.string()}, {"gate", gate.name}, {"params", gate.params}});
            if (!answer) {
                m_diags.warning(gate.pos, "gate '" + gate.name + "' cannot say what it will do: " +
                                              answer.error().message);
                return;
            }
            gate.does = text_of(*answer, "does");
            const json::value* agents = answer->if_contains("uses_agents");
            gate.uses_agents = agents && agents->is_bool() && agents->as_bool();
            if (text_of(*answer, "workflow").empty() && text_of(*answer, "prompt").empty()) return;
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
    std::shared_ptr<Validator> load(const json::object& answer, const ResolvedGate& gate) {
        auto validator = std::make_shared<Validator>();
        workflow::Workflow& wf = validator->workflow;
        std::string where = "[gates." + gate.name + "]";
        std::string agent = text_of(answer, "agent");
        std::string prompt = text_of(answer, "prompt");
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
            std::string name = text_of(answer, "workflow");
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
};

} // namespace

void explain_gates(Plan& plan, const workflow::Catalog& catalog, const config::Config& config,
                   const plugin::Registry& registry, const std::filesystem::path& dir,
                   Diagnostics& diags) {
    Explainer(catalog, config, registry, dir, diags).explain(plan, plan, false);
}

std::string validator_key(const json::object& request) {
    return text_of(request, "workflow") + "\n" + text_of(request, "agent") + "\n" +
           text_of(request, "prompt");
}

} // namespace gump::plan
