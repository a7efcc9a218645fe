#pragma once
// The run as it happens, on stderr. On a terminal the running agent's line updates in place
// (elapsed time, turns, cost); elsewhere every line is printed once, plain and final.
#include "core/style.hpp"
#include "engine/observer.hpp"

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace gump::report {

struct DisplayOptions {
    bool tty = false;
    bool verbose = false; // the agent's stream, live
    Style style = Style::plain();
    std::FILE* out = stderr;
};

class LiveDisplay final : public engine::Observer {
public:
    explicit LiveDisplay(DisplayOptions options) : m_options(options) {}

    void on_event(const std::string& type, const boost::json::object& fields) override;
    void on_progress(const std::string& step, const engine::Live& live) override;
    void on_agent_event(const std::string& step, const boost::json::object& event) override;

private:
    struct Running {
        std::string agent; // "qwen" or "qwen · replay"
        bool top = false;  // a step of its own, not inside a group
    };
    void line(const std::string& text);
    void clear_live();
    std::string prefix(const std::string& step) const;
    void attempt_finished(const boost::json::object& f);
    void step_finished(const boost::json::object& f);
    void print_failed_gates(const std::string& step);

    DisplayOptions m_options;
    bool m_live_shown = false;
    std::map<std::string, Running> m_running; // step -> its current attempt
    struct Gate {
        std::string name, verdict, summary;
        bool cached = false;
    };
    std::map<std::string, std::vector<Gate>> m_gates;   // step -> this attempt's gates
    std::map<std::string, std::string> m_budget_reason; // step -> the budget line printed
};

} // namespace gump::report
