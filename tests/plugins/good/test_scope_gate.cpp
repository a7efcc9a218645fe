// A gate that fails when the step changed a file its item does not name: the engine's tests use
// it to prove that gates judge the whole step's changes, not only the last attempt's.
#include <gump/sdk.hpp>

#include <algorithm>
#include <string>

class ScopeGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{
        "test-scope", "1.0.0", "Fails on changed files outside the item's files", nullptr};
    ScopeGate(gump::sdk::Host host, const boost::json::object&) : Gate(host) {}

    boost::json::object check(const boost::json::object& request) override {
        boost::json::array allowed;
        if (const auto* item = request.if_contains("item"); item && item->is_object())
            allowed = item->as_object().at("files").as_array();
        std::string outside;
        for (const auto& file : request.at("changed_files").as_array())
            if (std::find(allowed.begin(), allowed.end(), file) == allowed.end())
                outside += (outside.empty() ? "" : ", ") + std::string(file.as_string());
        if (outside.empty()) return {{"verdict", "pass"}, {"summary", "in scope"}};
        return {{"verdict", "fail"},
                {"summary", "outside the item's scope: " + outside},
                {"feedback", "undo your changes to " + outside}};
    }
};

GUMP_PLUGINS(ScopeGate)
