#include "runs/run_state.hpp"
#include "runs/json_fields.hpp"

#include <boost/json.hpp>

namespace gump::runs {

namespace json = boost::json;

Tokens& Tokens::operator+=(const Tokens& other) {
    input += other.input;
    output += other.output;
    cache_read += other.cache_read;
    cache_write += other.cache_write;
    return *this;
}

StepRecord* RunState::find(const std::string& path) {
    for (auto& step : steps)
        if (step.path == path) return &step;
    return nullptr;
}

namespace {

json::object tokens_json(const Tokens& t) {
    return {{"input", t.input},
            {"output", t.output},
            {"cache_read", t.cache_read},
            {"cache_write", t.cache_write}};
}

json::array strings_json(const std::vector<std::string>& list) {
    json::array out;
    for (const auto& s : list)
        out.emplace_back(s);
    return out;
}

// Tolerant readers: a field of the wrong type reads as absent.

Tokens tokens_from(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    if (!v || !v->is_object()) return {};
    const json::object& t = v->as_object();
    return {integer(t, "input"), integer(t, "output"), integer(t, "cache_read"),
            integer(t, "cache_write")};
}

json::object attempt_json(const AttemptRecord& a) {
    json::array gates;
    for (const auto& g : a.gates)
        gates.push_back(json::object{{"name", g.name},
                                     {"plugin", g.plugin},
                                     {"verdict", g.verdict},
                                     {"summary", g.summary},
                                     {"duration_ms", g.duration_ms},
                                     {"cached", g.cached}});
    return {{"number", a.number},
            {"agent", a.agent},
            {"plugin", a.plugin},
            {"model", a.model},
            {"replay", a.replay},
            {"session", a.session},
            {"resumed", a.resumed},
            {"how", a.how},
            {"status", a.status},
            {"reason", a.reason},
            {"error", a.error},
            {"guard", a.guard},
            {"turns", a.turns},
            {"tokens", tokens_json(a.tokens)},
            {"cost_usd", a.cost_usd},
            {"cost_source", a.cost_source},
            {"duration_ms", a.duration_ms},
            {"started_at", a.started_at},
            {"commit", a.commit},
            {"files", strings_json(a.files)},
            {"gates", std::move(gates)}};
}

AttemptRecord attempt_from(const json::object& o) {
    AttemptRecord a;
    a.number = static_cast<int>(integer(o, "number"));
    a.agent = text(o, "agent");
    a.plugin = text(o, "plugin");
    a.model = text(o, "model");
    a.replay = flag(o, "replay");
    a.session = text(o, "session");
    a.resumed = flag(o, "resumed");
    a.how = text(o, "how");
    a.status = text(o, "status");
    a.reason = text(o, "reason");
    a.error = text(o, "error");
    a.guard = text(o, "guard");
    a.turns = static_cast<int>(integer(o, "turns"));
    a.tokens = tokens_from(o, "tokens");
    a.cost_usd = number(o, "cost_usd");
    a.cost_source = text(o, "cost_source");
    a.duration_ms = integer(o, "duration_ms");
    a.started_at = text(o, "started_at");
    a.commit = text(o, "commit");
    for (const auto& f : list(o, "files"))
        if (f.is_string()) a.files.emplace_back(f.as_string());
    for (const auto& g : list(o, "gates"))
        if (g.is_object()) {
            const json::object& go = g.as_object();
            a.gates.push_back({text(go, "name"), text(go, "plugin"), text(go, "verdict"),
                               text(go, "summary"), integer(go, "duration_ms"),
                               flag(go, "cached")});
        }
    return a;
}

} // namespace

json::object to_json(const RunState& s) {
    json::array steps;
    for (const auto& step : s.steps) {
        json::array attempts;
        for (const auto& a : step.attempts)
            attempts.push_back(attempt_json(a));
        steps.push_back(json::object{{"path", step.path},
                                     {"kind", step.kind},
                                     {"status", step.status},
                                     {"reason", step.reason},
                                     {"items", step.items},
                                     {"duration_ms", step.duration_ms},
                                     {"attempts", std::move(attempts)}});
    }
    json::object out{{"run", s.run},
                     {"workflow", s.workflow},
                     {"spec", s.spec},
                     {"status", s.status},
                     {"reason", s.reason},
                     {"started_at", s.started_at},
                     {"updated_at", s.updated_at},
                     {"duration_ms", s.duration_ms},
                     {"cost_usd", s.cost_usd},
                     {"cost_partial", s.cost_partial},
                     {"cost_estimated", s.cost_estimated},
                     {"turns", s.turns},
                     {"tokens", tokens_json(s.tokens)},
                     {"current_step", s.current_step},
                     {"current_attempt", s.current_attempt},
                     {"steps", std::move(steps)}};
    if (s.budget_usd) out["budget_usd"] = *s.budget_usd;
    return out;
}

Expected<RunState> state_from_json(const json::value& value) {
    if (!value.is_object()) return Error{"is not a JSON object"};
    const json::object& o = value.as_object();
    RunState s;
    s.run = text(o, "run");
    s.status = text(o, "status");
    if (s.run.empty() || s.status.empty()) return Error{"has no \"run\" or no \"status\""};
    s.workflow = text(o, "workflow");
    s.spec = text(o, "spec");
    s.reason = text(o, "reason");
    s.started_at = text(o, "started_at");
    s.updated_at = text(o, "updated_at");
    s.duration_ms = integer(o, "duration_ms");
    s.cost_usd = number(o, "cost_usd");
    s.cost_partial = flag(o, "cost_partial");
    s.cost_estimated = flag(o, "cost_estimated");
    s.turns = static_cast<int>(integer(o, "turns"));
    s.tokens = tokens_from(o, "tokens");
    if (const json::value* b = o.if_contains("budget_usd"); b && b->is_number())
        s.budget_usd = b->to_number<double>();
    s.current_step = text(o, "current_step");
    s.current_attempt = static_cast<int>(integer(o, "current_attempt"));
    for (const auto& v : list(o, "steps")) {
        if (!v.is_object()) continue;
        const json::object& so = v.as_object();
        StepRecord step;
        step.path = text(so, "path");
        step.kind = text(so, "kind");
        step.status = text(so, "status");
        step.reason = text(so, "reason");
        step.items = static_cast<int>(integer(so, "items"));
        step.duration_ms = integer(so, "duration_ms");
        for (const auto& a : list(so, "attempts"))
            if (a.is_object()) step.attempts.push_back(attempt_from(a.as_object()));
        s.steps.push_back(std::move(step));
    }
    return s;
}

} // namespace gump::runs
