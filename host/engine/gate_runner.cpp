#include "engine/gate_runner.hpp"
#include "runs/json_fields.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>

namespace gump::engine {

namespace json = boost::json;
using runs::integer;
using runs::text;

namespace {

GateOutcome check_one(const plugin::Registry& registry, const plan::ResolvedGate& gate,
                      const GateCall& call) {
    GateOutcome out;
    out.name = gate.name;
    out.plugin = gate.plugin;
    out.params = gate.params;
    out.verdict = "error";
    const plugin::PluginInfo* info = registry.find(gate.plugin);
    if (!info) {
        out.summary = "the gate plugin '" + gate.plugin + "' is not installed";
        return out;
    }
    auto context = std::make_shared<plugin::RunContext>();
    if (call.interrupted)
        context->watchdog = [context = context.get(), flag = call.interrupted] {
            if (flag->load()) context->cancelled = true;
        };
    if (call.run_workflow)
        context->run_workflow = [&call, &gate](const std::string&, const json::object& request) {
            return call.run_workflow(gate, request);
        };
    auto instance = registry.create(*info, gate.params, context);
    if (!instance) {
        out.summary = instance.error().message;
        return out;
    }
    json::object request = call.request;
    request["gate"] = gate.name;
    request["params"] = gate.params;
    if (!call.artifacts_dir.empty()) {
        std::string dir = call.artifacts_dir + "/" + gate.name;
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        request["artifacts_dir"] = dir;
    }
    auto started = std::chrono::steady_clock::now();
    auto result = (*instance)->gate_check(request);
    out.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
    if (!result) {
        out.summary = result.error().message;
        return out;
    }
    out.result = *result;
    out.verdict = text(*result, "verdict");
    if (out.verdict != "pass" && out.verdict != "fail" && out.verdict != "skip")
        out.verdict = "error";
    out.summary = text(*result, "summary");
    out.feedback = text(*result, "feedback");
    if (out.summary.empty()) out.summary = gate.name + " " + out.verdict;
    return out;
}

GateOutcome skipped(const plan::ResolvedGate& gate, const std::string& failed) {
    GateOutcome out;
    out.name = gate.name;
    out.plugin = gate.plugin;
    out.params = gate.params;
    out.verdict = "skip";
    out.summary = gate.name + " skipped: " + failed + " did not pass";
    out.result = {{"verdict", "skip"},
                  {"summary", out.summary},
                  {"findings", json::array{json::object{{"skipped_because", failed}}}}};
    return out;
}

} // namespace

std::vector<GateOutcome> run_gates(const plugin::Registry& registry, const GateCall& call) {
    std::vector<const plan::ResolvedGate*> order;
    for (const auto& gate : *call.gates)
        order.push_back(&gate);
    std::stable_partition(order.begin(), order.end(),
                          [](const plan::ResolvedGate* g) { return !g->uses_agents; });
    std::vector<GateOutcome> outcomes;
    std::string failed; // the deterministic gates that did not pass
    for (const plan::ResolvedGate* gate : order) {
        if (call.on_started) call.on_started(gate->name);
        if (gate->uses_agents && !failed.empty())
            outcomes.push_back(skipped(*gate, failed));
        else if (auto cached = call.cached ? call.cached(*gate) : std::nullopt)
            outcomes.push_back(std::move(*cached));
        else
            outcomes.push_back(check_one(registry, *gate, call));
        const GateOutcome& last = outcomes.back();
        if (!gate->uses_agents && (last.verdict == "fail" || last.verdict == "error"))
            failed += (failed.empty() ? "" : "+") + gate->name;
        if (call.on_finished) call.on_finished(last);
    }
    return outcomes;
}

std::string gate_names(const std::vector<GateOutcome>& gates, bool only_failed) {
    std::string out;
    for (const auto& g : gates) {
        if (only_failed && (g.verdict == "pass" || g.verdict == "skip")) continue;
        if (!out.empty()) out += "+";
        out += g.name;
    }
    return out;
}

std::string gate_error(const std::vector<GateOutcome>& gates) {
    std::string out;
    for (const auto& g : gates) {
        if (g.verdict == "pass" || g.verdict == "skip") continue;
        if (!out.empty()) out += "\n\n";
        out += g.summary;
        if (!g.feedback.empty() && g.feedback != g.summary) out += ":\n" + g.feedback;
    }
    return out;
}

} // namespace gump::engine
