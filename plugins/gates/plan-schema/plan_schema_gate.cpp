// The plan-schema gate: checks the items a plan step produced (names, descriptions, files) and
// tells the agent exactly what to fix. Built only on the SDK, like any third-party plugin; it runs
// nothing and reads at most the plan file.
#include "settings.hpp"
#include "validate.hpp"

#include <gump/sdk.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

json::object error_verdict(const std::string& summary) {
    return {
        {"verdict", "error"}, {"summary", summary}, {"feedback", ""}, {"findings", json::array()}};
}

} // namespace

class PlanSchemaGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{
        "plan-schema", "1.0.0", "Checks the items of a plan step: names, descriptions, files",
        R"schema({"type":"object","additionalProperties":false,"properties":{
"min_items":{"type":"integer","minimum":0,"default":1,"description":"fewest items the plan may have"},
"max_items":{"type":"integer","minimum":1,"default":50,"description":"most items the plan may have"},
"require_files":{"type":"boolean","default":false,"description":"every item must list the files or globs it will create or change"}}})schema"};

    PlanSchemaGate(gump::sdk::Host host, const json::object& config)
        : Gate(host), m_config(config), m_settings(plan_schema::parse_settings(config)) {}

    json::object check(const json::object& request) override {
        std::string gate = "schema";
        if (const json::value* g = request.if_contains("gate"); g && g->is_string())
            gate = std::string(g->as_string());
        std::string worktree;
        if (const json::value* w = request.if_contains("worktree"); w && w->is_string())
            worktree = std::string(w->as_string());

        plan_schema::Settings settings = m_settings;
        try {
            if (request.contains("params"))
                settings = plan_schema::parse_settings(gump::sdk::with_params(m_config, request));
        } catch (const gump::sdk::Error& e) {
            return error_verdict(gate + " could not check the plan: " + e.what());
        }

        std::string output;
        if (const json::value* o = request.if_contains("output")) {
            if (!o->is_string())
                return error_verdict(gate + " could not check the plan: the request's \"output\" "
                                            "is not a string");
            output = std::string(o->as_string());
        } else {
            // No step output (e.g. `gump check schema`): the plan file in the worktree, if any.
            if (worktree.empty())
                return error_verdict(gate + " could not check the plan: the request has neither "
                                            "\"output\" nor \"worktree\"");
            std::ifstream file(fs::path(worktree) / ".gump" / "out" / "plan.json",
                               std::ios::binary);
            if (file) {
                std::ostringstream text;
                text << file.rdbuf();
                output = text.str();
            }
        }
        return plan_schema::verdict_of(plan_schema::validate_plan(output, settings, worktree),
                                       settings);
    }

private:
    json::object m_config;
    plan_schema::Settings m_settings;
};

GUMP_PLUGINS(PlanSchemaGate)
