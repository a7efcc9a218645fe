#pragma once
// `gump report` and `gump status`: what a run did, read from its state.json and run.json.
#include "core/style.hpp"
#include "runs/record.hpp"
#include "runs/run_state.hpp"

#include <string>
#include <vector>

namespace gump::report {

struct RunView {
    runs::RunRecord record;
    runs::RunState state;
    bool alive = false; // its process is still running it
    // "interrupted" for a run whose process died while it said "running".
    std::string status() const;
};

// The seed's table: one row per step that ran, with agents, turns, cost and gates.
std::string render_run(const RunView& run, const Style& style);

// Every attempt of one step: agent, session, tokens, cost, gates and the error fed back. The
// step is matched by its full path, or by a unique last segment or suffix.
Expected<std::string> render_detail(const RunView& run, const std::string& step,
                                    const Style& style);

// Several runs: success rate, cost per passed item, escalations per rung, cost trend.
std::string render_last(const std::vector<RunView>& runs, const Style& style);

// `gump status`: the running run, its current step and spend; or the last one.
std::string render_status(const std::vector<RunView>& runs, const Style& style);

} // namespace gump::report
