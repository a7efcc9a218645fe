// The run as it happens: fed the events the engine and `gump run` emit, with their names and
// fields (host/engine/engine.cpp, host/cli/run_execute.cpp).
#include "report/live_display.hpp"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <functional>

namespace gump::report {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::Not;

// A FILE* whose text the test reads back.
class Capture {
public:
    Capture() : m_file(std::tmpfile()) {}
    ~Capture() { std::fclose(m_file); }
    std::FILE* file() const { return m_file; }
    std::string text() const {
        std::fflush(m_file);
        long end = std::ftell(m_file);
        std::string out(static_cast<size_t>(end), '\0');
        std::rewind(m_file);
        size_t n = std::fread(out.data(), 1, out.size(), m_file);
        out.resize(n);
        std::fseek(m_file, 0, SEEK_END);
        return out;
    }

private:
    std::FILE* m_file;
};

// Emits what the engine emits, in its order, for each kind of step.
class Script {
public:
    explicit Script(engine::Observer& o) : m_o(o) {}

    void run_started() {
        m_o.on_event("run_started", {{"run", "r1"},
                                     {"workflow", "cheap2sota"},
                                     {"spec", "spec.md"},
                                     {"worktree", "/tmp/wt"},
                                     {"branch", "gump/r1"},
                                     {"base", "abc"},
                                     {"backend", "git"},
                                     {"replay_agents", ""},
                                     {"budget_usd", 10.0}});
    }
    void step_started(const std::string& path, const std::string& kind, const std::string& name,
                      bool top, int number, const std::string& item = "", int item_index = 0) {
        json::object f{
            {"step", path}, {"kind", kind}, {"name", name}, {"top", top}, {"number", number}};
        if (!item.empty()) {
            f["item"] = item;
            f["item_index"] = item_index;
        }
        m_o.on_event("step_started", f);
    }
    void group_items(const std::string& path, int items) {
        m_o.on_event("group_items", {{"step", path}, {"items", items}, {"parallel", false}});
    }
    void retry(const std::string& path, int attempt, int cap, const std::string& agent,
               const std::string& how) {
        m_o.on_event("retry", {{"step", path},
                               {"attempt", attempt},
                               {"max_attempts", cap},
                               {"agent", agent},
                               {"how", how}});
    }
    void attempt_started(const std::string& path, int attempt, int cap, const std::string& agent,
                         bool replay = false) {
        m_o.on_event("attempt_started", {{"step", path},
                                         {"attempt", attempt},
                                         {"max_attempts", cap},
                                         {"agent", agent},
                                         {"plugin", "qwen-code"},
                                         {"model", "m"},
                                         {"replay", replay},
                                         {"session", nullptr},
                                         {"resumed", false},
                                         {"prompt", path + "/attempt-1/prompt.md"}});
    }
    void agent_done(const std::string& path, int attempt, int turns, double cost) {
        m_o.on_event(
            "agent_finished",
            {{"step", path},
             {"attempt", attempt},
             {"success", true},
             {"session", "s"},
             {"turns", turns},
             {"tokens",
              json::object{{"input", 1}, {"output", 2}, {"cache_read", 0}, {"cache_write", 0}}},
             {"cost_usd", cost},
             {"cost_source", "reported"},
             {"duration_ms", 1000}});
        m_o.on_event("snapshot", {{"step", path},
                                  {"attempt", attempt},
                                  {"commit", "c0ffee"},
                                  {"files", json::array{"src/a.c"}}});
    }
    // Each gate: {name, verdict, summary}.
    void gates(const std::string& path, int attempt,
               const std::vector<std::array<std::string, 3>>& gates) {
        for (const auto& g : gates) {
            m_o.on_event("gate_started", {{"step", path}, {"attempt", attempt}, {"gate", g[0]}});
            m_o.on_event("gate_finished", {{"step", path},
                                           {"attempt", attempt},
                                           {"gate", g[0]},
                                           {"plugin", "command"},
                                           {"verdict", g[1]},
                                           {"summary", g[2]},
                                           {"duration_ms", 10},
                                           {"artifact", "artifacts/x.json"}});
        }
        m_last_gates = gates;
    }
    void attempt_finished(const std::string& path, int attempt, const std::string& status,
                          const std::string& agent, const std::string& reason = "") {
        json::object f{{"step", path},
                       {"attempt", attempt},
                       {"status", status},
                       {"agent", agent},
                       {"duration_ms", 1000}};
        if (!reason.empty()) f["reason"] = reason;
        if (!m_last_gates.empty()) {
            json::array gates;
            for (const auto& g : m_last_gates)
                gates.push_back(json::object{{"name", g[0]}, {"verdict", g[1]}});
            f["gates"] = std::move(gates);
        }
        m_last_gates.clear();
        m_o.on_event("attempt_finished", f);
    }
    void step_finished(const std::string& path, const std::string& kind, const std::string& status,
                       int attempts, int items = 0, const std::string& reason = "") {
        json::object f{{"step", path},
                       {"kind", kind},
                       {"status", status},
                       {"attempts", attempts},
                       {"duration_ms", 5000}};
        if (!reason.empty()) f["reason"] = reason;
        if (items) f["items"] = items;
        m_o.on_event("step_finished", f);
    }
    void run_finished(const std::string& status, double cost, int turns, long long ms,
                      const std::string& reason = "", const std::string& failed_step = "") {
        m_o.on_event("run_finished", {{"run", "r1"},
                                      {"status", status},
                                      {"reason", reason},
                                      {"duration_ms", ms},
                                      {"cost_usd", cost},
                                      {"cost_partial", false},
                                      {"turns", turns},
                                      {"worktree", "/tmp/wt"},
                                      {"failed_step", failed_step}});
    }

    // The seed: a plan of two items, the second failing its test once, then a gate step.
    void seed(const std::function<void(const std::string&)>& while_running = nullptr) {
        auto agent_step = [&](const std::string& path, int attempt, int cap,
                              const std::string& agent, int turns, double cost) {
            attempt_started(path, attempt, cap, agent);
            if (while_running) while_running(path);
            agent_done(path, attempt, turns, cost);
        };
        run_started();
        step_started("decompose", "plan", "decompose", true, 1);
        agent_step("decompose", 1, 1, "claude-sonnet", 3, 0.2);
        gates("decompose", 1, {{"schema", "pass", "2 items"}});
        attempt_finished("decompose", 1, "pass", "claude-sonnet");
        step_finished("decompose", "plan", "pass", 1, 2);

        step_started("build", "group", "build", true, 2);
        group_items("build", 2);
        step_started("build/1/impl", "code", "impl", false, 2, "parse-args", 1);
        agent_step("build/1/impl", 1, 5, "qwen", 2, 0.1);
        gates("build/1/impl", 1, {{"compile", "pass", "compiled"}, {"test", "pass", "passed"}});
        attempt_finished("build/1/impl", 1, "pass", "qwen");
        step_finished("build/1/impl", "code", "pass", 1);
        step_started("build/2/impl", "code", "impl", false, 2, "healthz", 2);
        agent_step("build/2/impl", 1, 5, "qwen", 1, 0.05);
        gates("build/2/impl", 1,
              {{"compile", "pass", "compiled"}, {"test", "fail", "test failed (exit 2)"}});
        attempt_finished("build/2/impl", 1, "fail", "qwen", "test did not pass");
        retry("build/2/impl", 2, 5, "qwen", "same");
        agent_step("build/2/impl", 2, 5, "qwen", 2, 0.48);
        gates("build/2/impl", 2, {{"compile", "pass", "compiled"}, {"test", "pass", "passed"}});
        attempt_finished("build/2/impl", 2, "pass", "qwen");
        step_finished("build/2/impl", "code", "pass", 2);
        step_finished("build", "group", "pass", 0);

        step_started("quality", "gate", "quality", true, 3);
        gates("quality", 1,
              {{"compile", "pass", "ok"}, {"lint", "pass", "ok"}, {"test", "pass", "ok"}});
        step_finished("quality", "gate", "pass", 1);
        run_finished("pass", 0.83, 8, 52000);
    }

private:
    engine::Observer& m_o;
    std::vector<std::array<std::string, 3>> m_last_gates;
};

const char* const seed_output = "🍿 gump run spec.md --workflow cheap2sota\n"
                                "\n"
                                "→ Step 1: Decompose\n"
                                "  ✓ plan: 2 items (claude-sonnet)\n"
                                "\n"
                                "→ Step 2: Build\n"
                                "  [build/1/impl]  running (qwen)\n"
                                "  [build/1/impl]  ✓ gate passed — compile+test\n"
                                "  [build/2/impl]  running (qwen)\n"
                                "  [build/2/impl]  ✗ gate failed — test\n"
                                "  [build/2/impl]      test failed (exit 2)\n"
                                "  [build/2/impl]  retry 2/5 (same)\n"
                                "  [build/2/impl]  running (qwen)\n"
                                "  [build/2/impl]  ✓ gate passed — compile+test\n"
                                "\n"
                                "→ Step 3: Quality\n"
                                "  ✓ compile + lint + test\n"
                                "\n"
                                "Run completed. $0.83 · 8 turns · 52s\n"
                                "\n"
                                "Now apply the result to your branch:\n"
                                "  gump apply\n"
                                "or see what each step did first:\n"
                                "  gump report\n";

TEST(LiveDisplay, ThePassingSeedRunPrintsTheSeedOutput) {
    Capture out;
    LiveDisplay display({false, false, Style::plain(), out.file()});
    Script script(display);
    // Progress is for terminals only: it must not show up here.
    script.seed([&](const std::string& step) {
        engine::Live live;
        live.turns = 1;
        live.elapsed_ms = 3000;
        live.cost_usd = 0.01;
        display.on_progress(step, live);
    });
    EXPECT_EQ(out.text(), seed_output);
    EXPECT_THAT(out.text(), Not(HasSubstr("\x1b")));
    EXPECT_THAT(out.text(), Not(HasSubstr("\r")));
}

TEST(LiveDisplay, ReplayedAgentsAreMarked) {
    Capture out;
    LiveDisplay display({false, false, Style::plain(), out.file()});
    Script script(display);
    display.on_event("run_started", {{"spec", "spec.md"},
                                     {"workflow", "cheap2sota"},
                                     {"replay_agents", "claude-sonnet, qwen"}});
    script.step_started("build/1/impl", "code", "impl", false, 2, "a", 1);
    script.attempt_started("build/1/impl", 1, 5, "qwen", true);
    EXPECT_EQ(out.text(), "🍿 gump run spec.md --workflow cheap2sota\n"
                          "   claude-sonnet, qwen: replayed from recordings, no model is called\n"
                          "  [build/1/impl]  running (qwen · replay)\n");
}

TEST(LiveDisplay, AFailedRunSaysWhyAndWhereToLook) {
    Capture out;
    LiveDisplay display({false, false, Style::plain(), out.file()});
    Script script(display);
    script.step_started("impl", "code", "impl", true, 1);
    script.attempt_started("impl", 1, 1, "qwen");
    script.agent_done("impl", 1, 4, 0.3);
    script.attempt_finished("impl", 1, "fail", "qwen", "the agent failed: it gave up");
    script.step_finished("impl", "code", "fail", 1, 0, "the agent failed: it gave up");
    script.run_finished("fail", 0.3, 4, 64000, "impl: the agent failed: it gave up", "impl");
    EXPECT_EQ(out.text(), "\n"
                          "→ Step 1: Impl\n"
                          "  ✗ the agent failed: it gave up\n"
                          "\n"
                          "Run failed. $0.30 · 4 turns · 1m04s\n"
                          "impl: the agent failed: it gave up\n"
                          "The worktree is kept for you to look at: /tmp/wt\n"
                          "  gump report --detail impl\n");
}

TEST(LiveDisplay, AFailingGateStepNamesTheGatesThatFailed) {
    Capture out;
    LiveDisplay display({false, false, Style::plain(), out.file()});
    Script script(display);
    script.step_started("quality", "gate", "quality", true, 3);
    script.gates("quality", 1,
                 {{"compile", "pass", "ok"}, {"lint", "fail", "3 warnings"}, {"test", "skip", ""}});
    script.step_finished("quality", "gate", "fail", 1, 0, "lint did not pass");
    EXPECT_EQ(out.text(), "\n"
                          "→ Step 3: Quality\n"
                          "  ✗ lint failed\n"
                          "      3 warnings\n");
}

TEST(LiveDisplay, BudgetNoteAndInterruptedLines) {
    Capture out;
    LiveDisplay display({false, false, Style::plain(), out.file()});
    Script script(display);
    script.step_started("build/1/impl", "code", "impl", false, 2, "a", 1);
    display.on_event("note", {{"step", "build/1/impl"}, {"message", "starting a new session"}});
    display.on_event("budget", {{"step", "build/1/impl"}, {"reason", "the run spent $10.00"}});
    script.attempt_started("build/1/impl", 1, 5, "qwen");
    script.attempt_finished("build/1/impl", 1, "interrupted", "qwen", "interrupted");
    script.run_finished("budget", 10.0, 30, 1000);
    EXPECT_EQ(out.text(), "  [build/1/impl]  note: starting a new session\n"
                          "  [build/1/impl]  ✗ budget — the run spent $10.00\n"
                          "  [build/1/impl]  running (qwen)\n"
                          "\n"
                          "Run stopped: budget exhausted. $10.00 · 30 turns · 1s\n"
                          "The worktree is kept for you to look at: /tmp/wt\n"
                          "  gump report\n");
}

// One item reads "1 item", not "1 items".
TEST(LiveDisplay, APlanOfOneItemIsSingular) {
    Capture out;
    LiveDisplay display({false, false, Style::plain(), out.file()});
    Script script(display);
    script.step_started("decompose", "plan", "decompose", true, 1);
    script.attempt_started("decompose", 1, 1, "claude-sonnet");
    script.attempt_finished("decompose", 1, "pass", "claude-sonnet");
    script.step_finished("decompose", "plan", "pass", 1, 1);
    EXPECT_THAT(out.text(), HasSubstr("  ✓ plan: 1 item (claude-sonnet)\n"));
}

TEST(LiveDisplay, OnATerminalTheRunningLineIsRedrawnInPlace) {
    Capture out;
    LiveDisplay display({true, false, Style::plain(), out.file()});
    Script script(display);
    script.step_started("build/1/impl", "code", "impl", false, 2, "a", 1);
    script.attempt_started("build/1/impl", 1, 5, "qwen");
    engine::Live live;
    live.elapsed_ms = 4000;
    display.on_progress("build/1/impl", live);
    live.elapsed_ms = 64000;
    live.turns = 2;
    live.tokens = {12000, 400, 0, 0};
    live.cost_usd = 0.05;
    live.cost_estimated = true;
    display.on_progress("build/1/impl", live);
    script.agent_done("build/1/impl", 1, 2, 0.05);
    script.gates("build/1/impl", 1, {{"compile", "pass", "ok"}, {"test", "pass", "ok"}});
    script.attempt_finished("build/1/impl", 1, "pass", "qwen");
    EXPECT_EQ(out.text(),
              "  [build/1/impl]  running (qwen)"
              "\r\x1b[2K  [build/1/impl]  running (qwen) 4s"
              "\r\x1b[2K  [build/1/impl]  running (qwen) 1m04s · 2 turns · 12.4k tokens · ~$0.05"
              "\r\x1b[2K  [build/1/impl]  ran (qwen)\n"
              "  [build/1/impl]  ✓ gate passed — compile+test\n");
}

TEST(LiveDisplay, OnATerminalAPrintedLineFirstClearsTheRunningLine) {
    Capture out;
    LiveDisplay display({true, false, Style::plain(), out.file()});
    Script script(display);
    script.step_started("decompose", "plan", "decompose", true, 1);
    script.attempt_started("decompose", 1, 1, "claude-sonnet");
    display.on_event("note", {{"step", "decompose"}, {"message", "hello"}});
    script.attempt_finished("decompose", 1, "pass", "claude-sonnet");
    script.step_finished("decompose", "plan", "pass", 1, 2);
    EXPECT_EQ(out.text(), "\n"
                          "→ Step 1: Decompose\n"
                          "  running (claude-sonnet)"
                          "\r\x1b[2K  note: hello\n"
                          "  ✓ plan: 2 items (claude-sonnet)\n");
}

TEST(LiveDisplay, APlainStyleOnATerminalWritesNoColours) {
    Capture out;
    LiveDisplay display({true, false, Style::plain(), out.file()});
    Script script(display);
    script.seed([&](const std::string& step) {
        engine::Live live;
        live.elapsed_ms = 1000;
        display.on_progress(step, live);
    });
    std::string text = out.text();
    EXPECT_THAT(text, HasSubstr("\r\x1b[2K"));
    // Every escape is the line clear; none is a colour or a style.
    for (size_t at = text.find('\x1b'); at != std::string::npos; at = text.find('\x1b', at + 1))
        EXPECT_EQ(text.substr(at, 4), "\x1b[2K") << "at " << at;
    EXPECT_THAT(text, HasSubstr("Run completed. $0.83 · 8 turns · 52s\n"));
}

TEST(LiveDisplay, VerboseShowsTheAgentsTextAndTools) {
    Capture out;
    LiveDisplay display({false, true, Style::plain(), out.file()});
    display.on_agent_event("impl", {{"type", "text"}, {"text", "Reading the code.\nDone."}});
    display.on_agent_event("impl", {{"type", "tool_call"}, {"name", "Read"}, {"summary", "a.c"}});
    display.on_agent_event("impl", {{"type", "usage"}, {"input", 3}});
    EXPECT_EQ(out.text(), "      │ Reading the code.\n"
                          "      │ Done.\n"
                          "      │ · Read a.c\n");

    Capture quiet;
    LiveDisplay silent({false, false, Style::plain(), quiet.file()});
    silent.on_agent_event("impl", {{"type", "text"}, {"text", "x"}});
    EXPECT_EQ(quiet.text(), "");
}

TEST(LiveDisplay, ATransientRetrySaysWhenItRunsAgainAndWhy) {
    Capture out;
    LiveDisplay display({false, false, Style::plain(), out.file()});
    Script script(display);
    script.step_started("build/1/impl", "code", "impl", false, 2, "a", 1);
    display.on_event("agent_retry",
                     {{"step", "build/1/impl"},
                      {"attempt", 1},
                      {"retry", 1},
                      {"of", 2},
                      {"wait_ms", 5000},
                      {"reason", "claude's provider failed for now (API Error: 500)"}});
    EXPECT_THAT(out.text(), HasSubstr("[build/1/impl]  ↻ the provider failed for now; running it "
                                      "again in 5s (1/2)\n"));
    EXPECT_THAT(out.text(), HasSubstr("(API Error: 500)"));
}

} // namespace
} // namespace gump::report
