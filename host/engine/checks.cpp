// What judges an attempt: its gates and a review's verdict.
#include "engine/engine_impl.hpp"

namespace gump::engine {

using namespace detail;
using workflow::StepKind;

std::vector<GateOutcome> Engine::Impl::check_gates(const plan::ResolvedStep& rs,
                                                   const std::string& path, int attempt,
                                                   const std::string& base,
                                                   const std::string& output, const Scope& scope) {
    if (rs.gates.empty()) return {};
    json::object request{{"worktree", m_setup.worktree.string()},
                         {"step", path},
                         {"base", base},
                         {"head", m_head},
                         {"changed_files", strings(changed_paths(base, false))},
                         {"output", output}};
    if (scope.item)
        request["item"] = json::object{{"name", scope.item->name},
                                       {"description", scope.item->description},
                                       {"files", strings(scope.item->files)},
                                       {"index", scope.item_index}};
    GateCall call;
    call.gates = &rs.gates;
    call.request = std::move(request);
    call.artifacts_dir =
        (m_setup.ledger->artifacts_dir() / attempt_dir(path, attempt) / "gates").string();
    call.interrupted = m_setup.interrupted;
    call.on_started = [&](const std::string& gate) {
        emit("gate_started", {{"step", path}, {"attempt", attempt}, {"gate", gate}});
    };
    // Each gate is in the ledger as soon as it returns, not when the last one does.
    call.on_finished = [&](const GateOutcome& g) {
        std::string artifact =
            m_setup.ledger->artifact(attempt_dir(path, attempt) + "/gates/" + g.name + ".json",
                                     json::serialize(json::object{{"verdict", g.verdict},
                                                                  {"summary", g.summary},
                                                                  {"feedback", g.feedback},
                                                                  {"result", g.result}}));
        json::object fields{{"step", path},
                            {"attempt", attempt},
                            {"gate", g.name},
                            {"plugin", g.plugin},
                            {"verdict", g.verdict},
                            {"summary", g.summary},
                            {"duration_ms", g.duration_ms},
                            {"cached", g.cached},
                            {"artifact", artifact}};
        if (const json::value* f = g.result.if_contains("findings")) fields["findings"] = *f;
        emit("gate_finished", std::move(fields));
    };
    call.cached = [&](const plan::ResolvedGate& gate) { return cached_pass(gate); };
    call.run_workflow = [&](const plan::ResolvedGate& gate, const json::object& request) {
        return run_validator(gate, request, path, attempt, base, scope);
    };
    auto outcomes = run_gates(*m_setup.registry, call);
    for (const auto& g : outcomes)
        if (!g.cached) remember_pass(g);
    m_setup.ledger->redact_tree(attempt_dir(path, attempt) + "/gates");
    exclude_gate_outputs();
    return outcomes;
}

namespace {

// Same plugin, same parameters: the key of a gate's verdicts.
std::string gate_key(const std::string& plugin, const json::object& params) {
    return plugin + " " + json::serialize(params);
}

} // namespace

// A gate that says its verdict depends only on the worktree's files ("cache": "tree") and
// passed on a commit with this tree is not run again: the quality step after the last item
// costs nothing when nothing changed since.
std::optional<GateOutcome> Engine::Impl::cached_pass(const plan::ResolvedGate& gate) {
    auto it = m_gate_passes.find(gate_key(gate.plugin, gate.params));
    if (it == m_gate_passes.end()) return std::nullopt;
    const auto& [commit, outcome] = it->second;
    if (commit != m_head && !changed_paths(commit, false, false, m_head).empty())
        return std::nullopt;
    GateOutcome reused = outcome;
    reused.name = gate.name;
    reused.cached = true;
    reused.duration_ms = 0;
    return reused;
}

void Engine::Impl::remember_pass(const GateOutcome& gate) {
    if (gate.verdict != "pass" || runs::text(gate.result, "cache") != "tree") return;
    m_gate_passes[gate_key(gate.plugin, gate.params)] = {m_head, gate};
}

void Engine::Impl::record_gates(runs::AttemptRecord& attempt,
                                const std::vector<GateOutcome>& gates) {
    for (const auto& g : gates)
        attempt.gates.push_back({g.name, g.plugin, g.verdict, g.summary, g.duration_ms, g.cached});
}

std::string Engine::Impl::attempt_dir(const std::string& path, int attempt) {
    return path + "/attempt-" + std::to_string(attempt);
}

Verdict Engine::Impl::read_verdict(const std::string& text) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object())
        return {false, false,
                "no verdict found: write .gump/out/verdict.json as "
                "{\"pass\": true|false, \"comments\": \"...\"}"};
    const json::object& o = v.as_object();
    const json::value* pass = o.if_contains("pass");
    std::string comments = runs::text(o, "comments");
    if (!pass || !pass->is_bool()) return {false, false, "the verdict has no boolean \"pass\""};
    if (comments.empty() && !pass->as_bool()) comments = "the reviewer gave no comments";
    return {true, pass->as_bool(), comments};
}

} // namespace gump::engine
