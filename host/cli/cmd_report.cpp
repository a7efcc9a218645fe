#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "cli/run_access.hpp"
#include "report/run_report.hpp"
#include "runs/liveness.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

namespace gump::cli {

namespace json = boost::json;

namespace {

// A run as report and status see it: its record, its state.json, whether it still runs.
report::RunView view_of(const runs::RunStore& store, const runs::RunRecord& record) {
    report::RunView view;
    view.record = record;
    view.alive = record.status == "running" &&
                 runs::process_alive(record.pid, record.pid_start, record.hostname);
    std::ifstream in(store.run_dir(record.id) / "state.json", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    boost::system::error_code ec;
    json::value value = json::parse(ss.str(), ec);
    if (auto state = ec ? Expected<runs::RunState>(Error{}) : runs::state_from_json(value)) {
        view.state = std::move(*state);
        return view;
    }
    // No readable state (a run killed before its first write): what run.json knows.
    view.state.run = record.id;
    view.state.workflow = record.workflow;
    view.state.spec = record.spec;
    view.state.status = record.status;
    view.state.cost_usd = record.cost_usd;
    view.state.turns = record.turns;
    view.state.duration_ms = record.duration_ms;
    return view;
}

struct ReportOptions {
    std::string run;
    int last = 0;
    std::string detail;
    bool json = false;
};

int report_runs(Session& session, const ReportOptions& options) {
    auto access = run_access(session, "report");
    if (!access) {
        std::fprintf(stderr, "error: %s\n", access.error().message.c_str());
        return exit_bad_input;
    }
    auto listing = access->store.list();
    for (const auto& problem : listing.unreadable)
        std::fprintf(stderr, "warning: %s\n", problem.c_str());
    std::vector<report::RunView> views;
    if (!options.run.empty()) {
        auto record = access->store.load(options.run);
        if (!record) {
            std::fprintf(stderr, "error: %s; `gump report --last 10` lists the recent ones\n",
                         record.error().message.c_str());
            return exit_bad_input;
        }
        views.push_back(view_of(access->store, *record));
    } else {
        size_t want = options.last > 0 ? static_cast<size_t>(options.last) : 1;
        for (size_t i = 0; i < listing.runs.size() && i < want; ++i)
            views.push_back(view_of(access->store, listing.runs[i]));
    }
    if (views.empty()) {
        std::fprintf(stderr,
                     "No runs in %s yet: start one with `gump run spec.md --workflow "
                     "cheap2sota`.\n",
                     access->repo.string().c_str());
        return exit_bad_input;
    }
    if (options.json) {
        json::array runs;
        for (const auto& v : views) {
            json::object state = runs::to_json(v.state);
            state["status"] = v.status();
            runs.push_back(json::object{{"run", runs::to_json(v.record)}, {"state", state}});
        }
        std::printf("%s\n",
                    json::serialize(options.last > 1 ? json::value(runs) : runs.front()).c_str());
        return exit_ok;
    }
    Style style = Style::for_fd(1);
    if (!options.detail.empty()) {
        auto detail = report::render_detail(views.front(), options.detail, style);
        if (!detail) {
            std::fprintf(stderr, "error: %s\n", detail.error().message.c_str());
            return exit_bad_input;
        }
        std::fputs(detail->c_str(), stdout);
        return exit_ok;
    }
    if (options.last > 1)
        std::fputs(report::render_last(views, style).c_str(), stdout);
    else
        std::fputs(report::render_run(views.front(), style).c_str(), stdout);
    return exit_ok;
}

int status(Session& session) {
    auto access = run_access(session, "status");
    if (!access) {
        std::fprintf(stderr, "error: %s\n", access.error().message.c_str());
        return exit_bad_input;
    }
    auto listing = access->store.list();
    std::vector<report::RunView> views;
    for (const auto& record : listing.runs)
        views.push_back(view_of(access->store, record));
    std::fputs(report::render_status(views, Style::for_fd(1)).c_str(), stdout);
    return exit_ok;
}

} // namespace

void add_report_command(CLI::App& app, Action& action) {
    auto options = std::make_shared<ReportOptions>();
    CLI::App* cmd = app.add_subcommand("report", "What a run did: steps, agents, cost, gates");
    cmd->add_option("run", options->run, "The run (default: the latest)")->type_name("RUN");
    cmd->add_option("--last", options->last,
                    "The last N runs: success rate, cost per passed item, escalations, trend")
        ->type_name("N")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--detail", options->detail,
                    "Every attempt of one step: agent, tokens, cost, gates, the error fed back")
        ->type_name("STEP");
    cmd->add_flag("--json", options->json, "Print the run (or runs) as JSON");
    cmd->callback([&action, options] {
        action = [options](Session& session) { return report_runs(session, *options); };
    });
}

void add_status_command(CLI::App& app, Action& action) {
    CLI::App* cmd = app.add_subcommand("status", "The running run: current step and spend");
    cmd->callback([&action] { action = [](Session& session) { return status(session); }; });
}

} // namespace gump::cli
