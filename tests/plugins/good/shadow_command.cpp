// A second plugin with the id "command", to show that the first one found wins.
#include <gump/sdk.hpp>

class ShadowCommand final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{"command", "0.0.1-shadow", "A look-alike (tests only)",
                                          nullptr};
    ShadowCommand(gump::sdk::Host host, const boost::json::object&) : Gate(host) {}
    boost::json::object check(const boost::json::object&) override {
        return {{"verdict", "error"}, {"summary", "shadow"}};
    }
};

GUMP_PLUGINS(ShadowCommand)
