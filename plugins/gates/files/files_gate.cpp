// The files gate: checks which files a step changed against globs (tests written, tests left
// alone, the plan item's files). Built only on the SDK, like any third-party plugin; it runs
// nothing and reads nothing but its request.
#include "check.hpp"
#include "settings.hpp"

#include <gump/sdk.hpp>

#include <optional>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;

json::object verdict(const char* verdict, const std::string& summary) {
    return {
        {"verdict", verdict}, {"summary", summary}, {"feedback", ""}, {"findings", json::array()}};
}

// The strings of an array, or nothing when `v` is not an array of strings.
std::optional<std::vector<std::string>> strings(const json::value& v) {
    if (!v.is_array()) return std::nullopt;
    std::vector<std::string> out;
    for (const json::value& s : v.as_array()) {
        if (!s.is_string()) return std::nullopt;
        out.emplace_back(s.as_string());
    }
    return out;
}

} // namespace

class FilesGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{
        "files", "1.0.0",
        "Checks which files a step changed: tests written, tests untouched, the item's scope",
        R"schema({"type":"object","additionalProperties":false,"properties":{
"touched":{"type":"array","items":{"type":"string","minLength":1},"description":"globs of which at least one changed file must match one (e.g. tests written)"},
"untouched":{"type":"array","items":{"type":"string","minLength":1},"description":"globs that no changed file may match (e.g. tests in a green step)"},
"scope":{"type":"boolean","default":false,"description":"every changed file must match one of the plan item's files"},
"allow":{"type":"array","items":{"type":"string","minLength":1},"description":"globs always within the item's scope (e.g. lock files)"}}})schema"};

    FilesGate(gump::sdk::Host host, const json::object& config)
        : Gate(host), m_config(config), m_settings(files_gate::parse_settings(config)) {}

    json::object check(const json::object& request) override {
        std::string gate = "files";
        if (const json::value* g = request.if_contains("gate"); g && g->is_string())
            gate = std::string(g->as_string());
        std::string cannot = gate + " could not check the step: ";

        files_gate::Settings settings = m_settings;
        try {
            if (request.contains("params"))
                settings = files_gate::parse_settings(gump::sdk::with_params(m_config, request));
        } catch (const gump::sdk::Error& e) {
            return verdict("error", cannot + e.what());
        }

        std::vector<std::string> item_files;
        if (const json::value* item = request.if_contains("item"); item && !item->is_null()) {
            if (!item->is_object())
                return verdict("error", cannot + "the request's \"item\" is not an object");
            if (const json::value* files = item->as_object().if_contains("files");
                files && !files->is_null()) {
                auto list = strings(*files);
                if (!list)
                    return verdict("error", cannot +
                                                "the request's \"item\" has \"files\" that are not "
                                                "an array of strings");
                item_files = std::move(*list);
            }
        }

        const json::value* changed = request.if_contains("changed_files");
        std::vector<std::string> changed_files;
        if (changed) {
            auto list = strings(*changed);
            if (!list)
                return verdict("error", cannot + "the request's \"changed_files\" is not an array "
                                                 "of strings");
            changed_files = std::move(*list);
        }
        files_gate::Report report = files_gate::check_files(settings, changed_files, item_files);
        if (!changed && !report.checked.empty())
            // E.g. `gump check files` on a directory: no step, so no changes to judge.
            return verdict("skip", gate + ": skipped, the request has no changed files (the gate "
                                          "judges what a step changed)");
        return files_gate::verdict_of(report, gate);
    }

private:
    json::object m_config;
    files_gate::Settings m_settings;
};

GUMP_PLUGINS(FilesGate)
