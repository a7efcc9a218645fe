// A plugin whose constructor throws: the SDK's thunk turns it into a refusal with the message.
#include <gump/sdk.hpp>

class Throws final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{"throw-on-create", "1.0.0", "Throws when created",
                                          nullptr};
    Throws(gump::sdk::Host host, const boost::json::object&) : Gate(host) {
        throw std::runtime_error("cannot start: the plugin's constructor threw");
    }
    boost::json::object check(const boost::json::object&) override { return {}; }
};

GUMP_PLUGINS(Throws)
