// Steps in order, groups once per item, gate steps; the ledger and the observer.
#include "core/text.hpp"
#include "engine/engine_impl.hpp"
#include "runs/record.hpp"

namespace gump::engine {

using namespace detail;
using workflow::StepKind;

Engine::Impl::Impl(EngineSetup setup, runs::RunState& state)
    : m_setup(std::move(setup)), m_state(state), m_head(m_setup.base) {
    for (const char* file : agent_context_files)
        m_exclude.insert(file);
}

Outcome Engine::Impl::run() {
    m_started = Clock::now();
    const auto& budget = m_setup.plan->workflow->budget;
    if (budget.max_time_ms) m_deadline = m_started + std::chrono::milliseconds(*budget.max_time_ms);
    Scope top;
    top.sets = &m_setup.sets;
    StepEnd end = StepEnd::pass;
    int number = 0;
    for (const auto& step : m_setup.plan->steps) {
        m_top_number = ++number;
        end = run_step(step, top);
        if (end != StepEnd::pass) break;
    }
    switch (end) {
    case StepEnd::pass:
        return Outcome::pass;
    case StepEnd::budget:
        return Outcome::budget;
    case StepEnd::interrupted:
        return Outcome::interrupted;
    case StepEnd::stop:
        return Outcome::error;
    case StepEnd::fail:
        break;
    }
    return Outcome::fail;
}

void Engine::Impl::emit(const std::string& type, json::object fields) {
    if (m_setup.observer) m_setup.observer->on_event(type, fields);
    m_setup.ledger->event(type, std::move(fields));
}

void Engine::Impl::save_state() {
    m_state.updated_at = runs::utc_now();
    m_state.duration_ms = ms_since(m_started);
    if (auto saved = m_setup.ledger->write_state(runs::to_json(m_state)); !saved)
        std::fprintf(stderr, "warning: %s\n", saved.error().message.c_str());
}

runs::StepRecord& Engine::Impl::step_record(const std::string& path) {
    if (runs::StepRecord* found = m_state.find(path)) return *found;
    m_state.steps.push_back({});
    m_state.steps.back().path = path;
    return m_state.steps.back();
}

bool Engine::Impl::interrupted() const {
    return m_setup.interrupted && m_setup.interrupted->load();
}

StepEnd Engine::Impl::run_step(const plan::ResolvedStep& rs, const Scope& scope) {
    if (interrupted()) return StepEnd::interrupted;
    if (auto why = budget_spent()) {
        fail_run_budget(scope.path(rs.step->name), *why);
        return StepEnd::budget;
    }
    switch (rs.step->kind) {
    case StepKind::group:
        return run_group(rs, scope);
    case StepKind::gate:
        return run_gate_step(rs, scope);
    default:
        return run_agent_step(rs, scope);
    }
}

void Engine::Impl::step_started(const plan::ResolvedStep& rs, const std::string& path,
                                const Scope& scope) {
    runs::StepRecord& record = step_record(path);
    record.kind = workflow::to_string(rs.step->kind);
    record.status = "running";
    m_state.current_step = path;
    m_state.current_attempt = 0;
    json::object fields{{"step", path},
                        {"kind", record.kind},
                        {"name", rs.step->name},
                        {"top", scope.prefix.empty()},
                        {"number", m_top_number}};
    if (scope.item) {
        fields["item"] = scope.item->name;
        fields["item_index"] = scope.item_index;
    }
    emit("step_started", std::move(fields));
    save_state();
}

StepEnd Engine::Impl::step_finished(const std::string& path, StepEnd end, const std::string& reason,
                                    Clock::time_point started) {
    runs::StepRecord& record = step_record(path);
    record.status = end == StepEnd::pass          ? "pass"
                    : end == StepEnd::interrupted ? "interrupted"
                                                  : "fail";
    record.reason = reason;
    record.duration_ms = ms_since(started);
    m_state.current_step.clear();
    m_state.current_attempt = 0;
    // A reviewer's "no" is its gate's verdict, not the run's reason.
    if (end != StepEnd::pass && m_state.reason.empty() && m_validating == 0)
        m_state.reason = path + ": " + reason;
    json::object fields{{"step", path},
                        {"kind", record.kind},
                        {"status", record.status},
                        {"attempts", record.attempts.size()},
                        {"duration_ms", record.duration_ms}};
    if (!reason.empty()) fields["reason"] = reason;
    if (record.items) fields["items"] = record.items;
    emit("step_finished", std::move(fields));
    save_state();
    return end;
}

StepEnd Engine::Impl::run_group(const plan::ResolvedStep& rs, const Scope& scope) {
    const workflow::Step& step = *rs.step;
    std::string path = scope.path(step.name);
    auto started = Clock::now();
    step_started(rs, path, scope);
    std::string group_base = m_head;
    StepEnd end = StepEnd::pass;
    std::string reason;
    if (step.foreach.empty()) {
        Scope inner{path, scope.item, scope.item_index, scope.sets};
        end = run_children(rs, inner, reason);
    } else {
        auto plan_path = m_values.find_step(path, step.foreach);
        const std::vector<Item>* items =
            plan_path && m_items.count(*plan_path) ? &m_items[*plan_path] : nullptr;
        if (!items) {
            reason = "the plan step '" + step.foreach + "' left no items";
            end = StepEnd::stop;
        } else {
            emit("group_items",
                 {{"step", path}, {"items", items->size()}, {"parallel", step.parallel}});
            if (step.parallel)
                emit("note", {{"step", path},
                              {"message", "this version runs parallel items one after "
                                          "another"}});
            for (size_t i = 0; i < items->size() && end == StepEnd::pass; ++i) {
                Scope inner{path + "/" + std::to_string(i + 1), &(*items)[i],
                            static_cast<int>(i + 1), scope.sets};
                end = run_children(rs, inner, reason);
            }
        }
    }
    std::string head = m_head;
    m_values.set_lazy(path, "diff", [this, group_base, head] { return patch(group_base, head); });
    m_values.set_lazy(path, "files", [this, group_base, head] {
        return join(changed_paths(group_base, false, false, head), "\n");
    });
    return step_finished(path, end, reason, started);
}

StepEnd Engine::Impl::run_children(const plan::ResolvedStep& rs, const Scope& scope,
                                   std::string& reason) {
    for (const auto& child : rs.children) {
        StepEnd end = run_step(child, scope);
        if (end != StepEnd::pass) {
            reason = scope.path(child.step->name) + " did not pass";
            return end;
        }
    }
    return StepEnd::pass;
}

StepEnd Engine::Impl::run_gate_step(const plan::ResolvedStep& rs, const Scope& scope) {
    std::string path = scope.path(rs.step->name);
    auto started = Clock::now();
    step_started(rs, path, scope);
    runs::StepRecord& record = step_record(path);
    record.attempts.push_back({});
    runs::AttemptRecord& attempt = record.attempts.back();
    attempt.number = 1;
    attempt.status = "running";
    attempt.started_at = runs::utc_now();
    // Gates judge the whole run's work so far.
    auto gates = check_gates(rs, path, 1, m_setup.base, "", scope);
    record_gates(attempt, gates);
    std::string failed = gate_names(gates, true);
    attempt.status = failed.empty() ? "pass" : "fail";
    attempt.duration_ms = ms_since(started);
    if (failed.empty()) return step_finished(path, StepEnd::pass, "", started);
    attempt.error = gate_error(gates);
    attempt.reason = failed + " did not pass";
    return step_finished(path, StepEnd::fail, attempt.reason, started);
}

Engine::Engine(EngineSetup setup, runs::RunState& state)
    : m_impl(std::make_unique<Impl>(std::move(setup), state)) {}
Engine::~Engine() = default;
Outcome Engine::run() {
    return m_impl->run();
}

} // namespace gump::engine
