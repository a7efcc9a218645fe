#include "runs/record.hpp"

#include "runs/json_fields.hpp"

#include <boost/json.hpp>

#include <ctime>

namespace gump::runs {

namespace json = boost::json;

json::object to_json(const RunRecord& r) {
    json::object o{{"id", r.id},
                   {"status", r.status},
                   {"workflow", r.workflow},
                   {"spec", r.spec},
                   {"title", r.title},
                   {"created_at", r.created_at},
                   {"updated_at", r.updated_at},
                   {"pid", r.pid},
                   {"pid_start", r.pid_start},
                   {"hostname", r.hostname},
                   {"backend", r.backend},
                   {"branch", r.branch},
                   {"base", r.base},
                   {"workspace", r.workspace},
                   {"workspace_branch", r.workspace_branch},
                   {"items", r.items},
                   {"cost_usd", r.cost_usd},
                   {"turns", r.turns},
                   {"duration_ms", r.duration_ms}};
    if (r.applied)
        o["applied"] = json::object{{"at", r.applied->at},
                                    {"commit", r.applied->commit},
                                    {"mode", r.applied->mode},
                                    {"into", r.applied->into}};
    else
        o["applied"] = nullptr;
    return o;
}

Expected<RunRecord> record_from_json(const json::value& value) {
    if (!value.is_object()) return Error{"is not a JSON object"};
    const json::object& o = value.as_object();
    RunRecord r;
    r.id = text(o, "id");
    r.status = text(o, "status");
    if (r.id.empty() || r.status.empty()) return Error{"has no \"id\" or no \"status\""};
    r.workflow = text(o, "workflow");
    r.spec = text(o, "spec");
    r.title = text(o, "title");
    r.created_at = text(o, "created_at");
    r.updated_at = text(o, "updated_at");
    r.pid = integer(o, "pid");
    r.pid_start = integer(o, "pid_start");
    r.hostname = text(o, "hostname");
    r.backend = text(o, "backend");
    r.branch = text(o, "branch");
    r.base = text(o, "base");
    r.workspace = text(o, "workspace");
    r.workspace_branch = text(o, "workspace_branch");
    r.items = static_cast<int>(integer(o, "items"));
    r.cost_usd = number(o, "cost_usd");
    r.turns = static_cast<int>(integer(o, "turns"));
    r.duration_ms = integer(o, "duration_ms");
    if (const json::value* a = o.if_contains("applied"); a && a->is_object())
        r.applied = Applied{text(a->as_object(), "at"), text(a->as_object(), "commit"),
                            text(a->as_object(), "mode"), text(a->as_object(), "into")};
    return r;
}

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<long long> parse_utc(const std::string& stamp) {
    std::tm tm{};
    const char* end = strptime(stamp.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
    if (!end) return std::nullopt;
    return static_cast<long long>(timegm(&tm));
}

} // namespace gump::runs
