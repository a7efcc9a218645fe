// One library exporting two plugins of different kinds.
#include <gump/sdk.hpp>

class AlwaysGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{"test-always", "1.0.0", "Always passes", nullptr};
    AlwaysGate(gump::sdk::Host host, const boost::json::object&) : Gate(host) {}
    boost::json::object check(const boost::json::object&) override {
        return {{"verdict", "pass"}, {"summary", "always"}};
    }
};

class ThrowingGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{"test-throwing", "1.0.0", "Throws from check", nullptr};
    ThrowingGate(gump::sdk::Host host, const boost::json::object&) : Gate(host) {}
    boost::json::object check(const boost::json::object& request) override {
        if (request.contains("precise"))
            throw gump::sdk::Error(GUMP_ERR_CONFIG, "the precise reason");
        throw std::out_of_range("vector index 7");
    }
};

GUMP_PLUGINS(AlwaysGate, ThrowingGate)
