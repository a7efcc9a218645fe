// A gate with a strict configuration schema, for the configuration checks. It passes when the
// file named by `require` exists in the worktree.
#include <gump/sdk.hpp>

#include <filesystem>

class StrictGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{
        "test-strict-gate", "1.2.3", "Passes when a required file exists (tests only)",
        R"({"type":"object","additionalProperties":false,"required":["require"],
            "properties":{
              "require":{"type":"string","description":"file that must exist"},
              "level":{"type":"integer","minimum":1,"maximum":5,"default":1},
              "mode":{"type":"string","enum":["fast","slow"]}}})"};

    StrictGate(gump::sdk::Host host, const boost::json::object& config)
        : Gate(host), m_require(config.at("require").as_string()) {}

    boost::json::object check(const boost::json::object& request) override {
        std::filesystem::path worktree(std::string(request.at("worktree").as_string()));
        bool found = std::filesystem::exists(worktree / m_require);
        return {{"verdict", found ? "pass" : "fail"},
                {"summary", found ? m_require + " exists" : m_require + " is missing"},
                {"feedback", found ? "" : "create " + m_require},
                {"findings", boost::json::array{}}};
    }

private:
    std::string m_require;
};

GUMP_PLUGINS(StrictGate)
