// The gump_host table as a plugin uses it: events, the watchdog, and the processes a plugin
// spawns, which a cancellation (or the end of the plugin instance) terminates.
#include "plugin/host_services.hpp"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <signal.h>
#include <string>
#include <thread>
#include <vector>

namespace gump::plugin {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using Clock = std::chrono::steady_clock;

long long ms_since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Whether `pid` is gone (or a zombie nobody reaped yet: it runs no more).
bool gone(pid_t pid) {
    if (::kill(pid, 0) != 0) return errno == ESRCH;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    size_t paren = text.rfind(')');
    return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'Z';
}

bool gone_within(pid_t pid, long long ms) {
    auto start = Clock::now();
    while (ms_since(start) < ms) {
        if (gone(pid)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return gone(pid);
}

// A plugin's calls through the table, as a C plugin makes them.
struct PluginSide {
    const gump_host* host;

    gump_status spawn(const std::string& script, gump_process** process) {
        std::string request =
            json::serialize(json::object{{"argv", json::array{"sh", "-c", script}}});
        gump_str error{};
        return host->spawn(host->ctx, request.data(), request.size(), process, &error);
    }
    gump_status read_line(gump_process* process, int32_t timeout_ms, std::string& line) {
        gump_str text{};
        gump_status status = host->read_line(host->ctx, process, timeout_ms, &text);
        line.assign(text.data ? text.data : "", text.size);
        return status;
    }
    json::object wait(gump_process* process) {
        gump_str result{};
        EXPECT_EQ(host->wait(host->ctx, process, &result), GUMP_OK);
        return json::parse(std::string_view(result.data, result.size)).as_object();
    }
    void emit(const std::string& event) { host->emit(host->ctx, event.data(), event.size()); }
    bool cancelled() { return host->cancelled(host->ctx) != 0; }
};

TEST(HostServices, TheWatchdogsCancellationEndsAProcessThePluginWaitsOnForever) {
    auto context = std::make_shared<RunContext>();
    int calls = 0;
    context->watchdog = [&] {
        if (++calls >= 5) context->cancelled = true;
    };
    context->kill_grace_ms = 500;
    HostServices services("agent-test", context);
    PluginSide plugin{services.table()};

    gump_process* process = nullptr;
    ASSERT_EQ(plugin.spawn("sleep 8", &process), GUMP_OK);
    ASSERT_NE(process, nullptr);
    auto start = Clock::now();
    std::string line;
    EXPECT_EQ(plugin.read_line(process, -1, line), GUMP_END_OF_STREAM);
    EXPECT_LT(ms_since(start), 3000);
    EXPECT_GE(calls, 5);
    EXPECT_TRUE(line.empty());
    json::object result = plugin.wait(process);
    EXPECT_EQ(result.at("exit_code").to_number<int>(), -1) << json::serialize(result);
    EXPECT_NE(result.at("signal").to_number<int>(), 0) << json::serialize(result);

    // Once cancelled, nothing new starts, and the plugin is told.
    EXPECT_TRUE(plugin.cancelled());
    gump_process* another = nullptr;
    EXPECT_EQ(plugin.spawn("true", &another), GUMP_ERR_CANCELLED);
    EXPECT_EQ(another, nullptr);
}

TEST(HostServices, TheCancellationReachesTheWholeProcessGroup) {
    auto context = std::make_shared<RunContext>();
    context->kill_grace_ms = 200;
    HostServices services("agent-test", context);
    PluginSide plugin{services.table()};

    gump_process* process = nullptr;
    // The shell starts a grandchild and reports its pid, then waits for it.
    ASSERT_EQ(plugin.spawn("sleep 8 & echo $!; wait", &process), GUMP_OK);
    std::string line;
    ASSERT_EQ(plugin.read_line(process, 5000, line), GUMP_OK);
    pid_t grandchild = std::stoi(line);
    EXPECT_FALSE(gone(grandchild));

    int calls = 0;
    context->watchdog = [&] {
        if (++calls >= 3) context->cancelled = true;
    };
    auto start = Clock::now();
    EXPECT_EQ(plugin.read_line(process, -1, line), GUMP_END_OF_STREAM);
    EXPECT_LT(ms_since(start), 3000);
    plugin.wait(process);
    EXPECT_TRUE(gone_within(grandchild, 3000));
}

TEST(HostServices, WithoutACancellationAProcessRunsToItsEnd) {
    auto context = std::make_shared<RunContext>();
    int calls = 0;
    context->watchdog = [&] { ++calls; };
    HostServices services("agent-test", context);
    PluginSide plugin{services.table()};

    gump_process* process = nullptr;
    ASSERT_EQ(plugin.spawn("echo one; sleep 0.3; echo two", &process), GUMP_OK);
    std::vector<std::string> lines;
    std::string line;
    gump_status status;
    while ((status = plugin.read_line(process, -1, line)) == GUMP_OK)
        lines.push_back(line);
    EXPECT_EQ(status, GUMP_END_OF_STREAM);
    EXPECT_THAT(lines, ElementsAre("one", "two"));
    EXPECT_GT(calls, 0); // the watchdog ran while the plugin waited for "two"
    json::object result = plugin.wait(process);
    EXPECT_EQ(result.at("exit_code").to_number<int>(), 0);
    EXPECT_FALSE(plugin.cancelled());
}

TEST(HostServices, AReadWithATimeoutTimesOutAndRunsTheWatchdog) {
    auto context = std::make_shared<RunContext>();
    int calls = 0;
    context->watchdog = [&] { ++calls; };
    context->kill_grace_ms = 0;
    HostServices services("agent-test", context);
    PluginSide plugin{services.table()};

    gump_process* process = nullptr;
    ASSERT_EQ(plugin.spawn("sleep 8", &process), GUMP_OK);
    auto start = Clock::now();
    std::string line;
    EXPECT_EQ(plugin.read_line(process, 350, line), GUMP_ERR_TIMEOUT);
    long long took = ms_since(start);
    EXPECT_GE(took, 300);
    EXPECT_LT(took, 2000);
    EXPECT_GE(calls, 2);
    services.table()->kill(services.table()->ctx, process, 0);
    plugin.wait(process);
}

TEST(HostServices, EmitCallsOnEventAndThenTheWatchdog) {
    auto context = std::make_shared<RunContext>();
    std::vector<std::string> calls;
    context->on_event = [&](const std::string& plugin_id, const json::object& event) {
        calls.push_back("event " + plugin_id + " " + std::string(event.at("type").as_string()));
    };
    context->watchdog = [&] { calls.push_back("watchdog"); };
    HostServices services("agent-test", context);
    PluginSide plugin{services.table()};

    plugin.emit(R"({"type": "turn", "n": 1})");
    plugin.emit(R"({"type": "usage"})");
    EXPECT_THAT(calls, ElementsAre("event agent-test turn", "watchdog", "event agent-test usage",
                                   "watchdog"));

    // Not a JSON object: ignored.
    calls.clear();
    plugin.emit("not json");
    plugin.emit("[1]");
    EXPECT_TRUE(calls.empty());
}

TEST(HostServices, AnEmitThatTripsTheWatchdogKillsTheSpawnedProcesses) {
    auto context = std::make_shared<RunContext>();
    context->kill_grace_ms = 200;
    context->on_event = [&](const std::string&, const json::object& event) {
        // The engine's limits: 3 turns.
        if (event.at("n").to_number<int>() > 3) context->cancelled = true;
    };
    HostServices services("agent-test", context);
    PluginSide plugin{services.table()};

    gump_process* process = nullptr;
    ASSERT_EQ(plugin.spawn("echo $$; exec sleep 8", &process), GUMP_OK);
    std::string line;
    ASSERT_EQ(plugin.read_line(process, 5000, line), GUMP_OK);
    pid_t pid = std::stoi(line);
    plugin.emit(R"({"type": "turn", "n": 3})");
    EXPECT_FALSE(gone_within(pid, 300));
    // No further host call: the emit itself ends the process.
    plugin.emit(R"({"type": "turn", "n": 4})");
    EXPECT_TRUE(gone_within(pid, 2000));
    EXPECT_EQ(plugin.read_line(process, 5000, line), GUMP_END_OF_STREAM);
    plugin.wait(process);
}

TEST(HostServices, TheDestructorKillsAProcessNeverWaitedFor) {
    auto context = std::make_shared<RunContext>();
    auto services = std::make_unique<HostServices>("agent-test", context);
    PluginSide plugin{services->table()};

    gump_process* process = nullptr;
    // The shell becomes sleep: the pid read is the spawned process itself.
    ASSERT_EQ(plugin.spawn("echo $$; exec sleep 8", &process), GUMP_OK);
    std::string line;
    ASSERT_EQ(plugin.read_line(process, 5000, line), GUMP_OK);
    pid_t pid = std::stoi(line);
    EXPECT_FALSE(gone(pid));

    auto start = Clock::now();
    services.reset(); // the plugin instance ends without waiting
    EXPECT_LT(ms_since(start), 3000);
    EXPECT_TRUE(gone_within(pid, 3000));
}

// RunContext promises the watchdog runs "at least every 100 ms while a plugin waits on the host",
// but wait() blocks in Child::wait() without it, and untracks the process first: a plugin that
// waits for its agent (after its stdout closed, or without reading it) can be neither timed out
// nor cancelled. Here the process should end as soon as the watchdog cancels (~0.3 s), not after
// its own 8 seconds.
TEST(HostServices, WaitRunsTheWatchdogAndACancellationEndsTheProcess) {
    auto context = std::make_shared<RunContext>();
    int calls = 0;
    context->watchdog = [&] {
        if (++calls >= 3) context->cancelled = true;
    };
    context->kill_grace_ms = 200;
    HostServices services("agent-test", context);
    PluginSide plugin{services.table()};

    gump_process* process = nullptr;
    ASSERT_EQ(plugin.spawn("exec >&-; sleep 8", &process), GUMP_OK);
    auto start = Clock::now();
    json::object result = plugin.wait(process);
    EXPECT_LT(ms_since(start), 3000) << json::serialize(result);
    EXPECT_GE(calls, 3);
}

TEST(HostServices, AProcessWaitedForIsNoLongerTracked) {
    auto context = std::make_shared<RunContext>();
    HostServices services("agent-test", context);
    PluginSide plugin{services.table()};

    gump_process* process = nullptr;
    ASSERT_EQ(plugin.spawn("exit 3", &process), GUMP_OK);
    json::object result = plugin.wait(process);
    EXPECT_EQ(result.at("exit_code").to_number<int>(), 3);
    // A later cancellation has nothing left to kill (the handle was released: touching it would
    // be a use after free, which the sanitizers and valgrind would catch).
    context->cancelled = true;
    services.tick();
    EXPECT_TRUE(plugin.cancelled());
}

} // namespace
} // namespace gump::plugin
