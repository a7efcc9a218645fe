// Passes when the worktree holds the marker file the team's configuration names.
#include <gump/sdk.hpp>

#include <filesystem>

class TeamGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{
        "team-check", "2.0.0", "Checks the team's release marker",
        R"({"type":"object","additionalProperties":false,"required":["marker"],
            "properties":{"marker":{"type":"string","description":"file that must exist"}}})"};

    TeamGate(gump::sdk::Host host, const boost::json::object& config)
        : Gate(host), m_marker(config.at("marker").as_string()) {}

    boost::json::object check(const boost::json::object& request) override {
        std::filesystem::path dir(std::string(request.at("worktree").as_string()));
        bool ok = std::filesystem::exists(dir / m_marker);
        return {{"verdict", ok ? "pass" : "fail"},
                {"summary", ok ? "marker present" : "marker " + m_marker + " missing"},
                {"feedback", ok ? "" : "create the file " + m_marker}};
    }

private:
    std::string m_marker;
};

GUMP_PLUGINS(TeamGate)
