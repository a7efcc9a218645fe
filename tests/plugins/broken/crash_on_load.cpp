// A library whose static initialisation crashes: `gump plugins check` must survive it.
#include <gump/sdk.hpp>

#include <csignal>

namespace {
struct CrashAtLoad {
    CrashAtLoad() {
        if (!std::getenv("GUMP_TEST_NO_CRASH")) std::raise(SIGSEGV);
    }
} crash_at_load;
} // namespace

class Never final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{"crash-on-load", "1.0.0", "Crashes when loaded", nullptr};
    Never(gump::sdk::Host host, const boost::json::object&) : Gate(host) {}
    boost::json::object check(const boost::json::object&) override { return {}; }
};

GUMP_PLUGINS(Never)
