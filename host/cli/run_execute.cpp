#include "cli/run_execute.hpp"
#include "runs/json_fields.hpp"

#include "cli/exit_code.hpp"
#include "engine/engine.hpp"
#include "report/live_display.hpp"
#include "runs/ledger.hpp"
#include "runs/liveness.hpp"
#include "runs/store.hpp"
#include "workspace/backend.hpp"
#include "workspace/bootstrap.hpp"
#include "workspace/repository.hpp"

#include <boost/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace gump::cli {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) {
    g_interrupted = true;
}

// Ctrl-C and SIGTERM stop the run between two events instead of killing gump mid-write.
struct InterruptGuard {
    struct sigaction old_int {
    }, old_term{};
    InterruptGuard() {
        struct sigaction sa {};
        sa.sa_handler = on_interrupt;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old_int);
        sigaction(SIGTERM, &sa, &old_term);
    }
    ~InterruptGuard() {
        sigaction(SIGINT, &old_int, nullptr);
        sigaction(SIGTERM, &old_term, nullptr);
    }
};

// "2026-11-25-1042", then "-2", "-3" when several runs start in the same minute.
std::string new_run_id(const runs::RunStore& store) {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d-%H%M", &local);
    std::string id = buf;
    std::error_code ec;
    for (int n = 2; fs::exists(store.run_dir(id), ec); ++n)
        id = std::string(buf) + "-" + std::to_string(n);
    return id;
}

std::string first_heading(const std::string& text) {
    size_t at = 0;
    while (at < text.size()) {
        size_t end = text.find('\n', at);
        std::string line = text.substr(at, end == std::string::npos ? end : end - at);
        if (line.starts_with("# ")) return line.substr(2);
        if (end == std::string::npos) break;
        at = end + 1;
    }
    return {};
}

std::string current_branch(const fs::path& repo) {
    std::FILE* head = std::fopen((repo / ".git" / "HEAD").c_str(), "r");
    if (!head) return {};
    char buf[512] = {};
    std::fgets(buf, sizeof buf, head);
    std::fclose(head);
    std::string line = buf;
    const std::string prefix = "ref: refs/heads/";
    if (!line.starts_with(prefix)) return {};
    line = line.substr(prefix.size());
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    return line;
}

// The scripted agents a plan uses, for the header: "claude-sonnet, qwen".
std::string replay_aliases(const plan::Plan& plan) {
    std::vector<std::string> aliases;
    std::function<void(const std::vector<plan::ResolvedStep>&)> walk =
        [&](const std::vector<plan::ResolvedStep>& steps) {
            for (const auto& s : steps) {
                if (s.agent && s.agent->plugin == "replay" &&
                    std::find(aliases.begin(), aliases.end(), s.agent->alias) == aliases.end())
                    aliases.push_back(s.agent->alias);
                walk(s.children);
            }
        };
    walk(plan.steps);
    std::string out;
    for (const auto& a : aliases)
        out += (out.empty() ? "" : ", ") + a;
    return out;
}

int exit_for(engine::Outcome outcome) {
    switch (outcome) {
    case engine::Outcome::pass:
        return exit_ok;
    case engine::Outcome::fail:
        return exit_failed;
    case engine::Outcome::budget:
        return exit_budget;
    case engine::Outcome::interrupted:
        return exit_interrupted;
    case engine::Outcome::error:
        return exit_stopped;
    }
    return exit_internal;
}

const char* status_for(engine::Outcome outcome) {
    switch (outcome) {
    case engine::Outcome::pass:
        return "pass";
    case engine::Outcome::fail:
        return "fail";
    case engine::Outcome::budget:
        return "budget";
    case engine::Outcome::interrupted:
        return "interrupted";
    case engine::Outcome::error:
        return "error";
    }
    return "error";
}

} // namespace

int execute_run(Session& session, const plan::Plan& plan, const ExecuteOptions& options) {
    auto repo = workspace::find_repository(session.cwd());
    if (!repo) {
        std::fprintf(stderr,
                     "error: gump run works in a git repository, and %s is not inside one\n"
                     "  fix: cd into your project (or `git init` it and commit), then run again; "
                     "--dry-run works anywhere\n",
                     session.cwd().string().c_str());
        return exit_bad_input;
    }
    const config::Config& config = session.config();
    std::string backend_id =
        config.workspace_backend().empty() ? "git" : config.workspace_backend();
    auto backend = workspace::Backend::open(session.plugins(), backend_id);
    if (!backend) {
        std::fprintf(stderr, "error: %s\n", backend.error().message.c_str());
        return exit_bad_input;
    }

    runs::RunStore store(*repo / ".gump");
    runs::RunRecord record;
    record.id = new_run_id(store);
    record.status = "running";
    record.workflow = plan.workflow->name;
    record.spec = options.spec;
    // run.json is read by other tools and shown by apply: no secret from the environment.
    runs::Redactor redactor = runs::Redactor::from_environment();
    record.title = redactor.apply(first_heading(options.spec_text));
    record.created_at = record.updated_at = runs::utc_now();
    record.pid = runs::own_pid();
    record.pid_start = runs::process_start(record.pid);
    record.hostname = runs::host_name();
    record.backend = backend->id();
    record.branch = current_branch(*repo);
    // The record exists before the workspace, so `gump gc` never takes the new worktree for an
    // orphan.
    if (auto saved = store.save(record); !saved) {
        std::fprintf(stderr, "error: %s\n", saved.error().message.c_str());
        return exit_bad_input;
    }
    fs::path run_dir = store.run_dir(record.id);
    auto created = backend->call(workspace::VcsOp::create_workspace,
                                 {{"repo", repo->string()},
                                  {"run", record.id},
                                  {"allow_dirty", options.allow_dirty},
                                  {"trailers", json::object{{"Gump-Run", record.id}}}});
    if (!created) {
        std::error_code ec;
        fs::remove_all(run_dir, ec); // nothing ran: leave nothing behind
        std::fprintf(stderr, "error: %s\n", created.error().message.c_str());
        return exit_bad_input;
    }
    record.workspace = runs::text(*created, "path");
    record.workspace_branch = runs::text(*created, "branch");
    record.base = runs::text(*created, "base");
    store.save(record);

    runs::Ledger ledger(run_dir, std::move(redactor));
    runs::RunState state;
    state.run = record.id;
    state.workflow = record.workflow;
    state.spec = record.spec;
    state.status = "running";
    state.started_at = record.created_at;
    state.budget_usd = plan.workflow->budget.max_cost;
    ledger.write_state(runs::to_json(state));

    bool tty = isatty(2);
    report::LiveDisplay display(
        {tty, options.verbose, options.no_color ? Style::plain() : Style::for_fd(2), stderr});
    json::object started{{"run", record.id},
                         {"workflow", record.workflow},
                         {"spec", record.spec},
                         {"worktree", record.workspace},
                         {"branch", record.workspace_branch},
                         {"base", record.base},
                         {"backend", record.backend},
                         {"replay_agents", replay_aliases(plan)}};
    if (state.budget_usd) started["budget_usd"] = *state.budget_usd;
    display.on_event("run_started", started);
    ledger.event("run_started", started);

    auto run_started = std::chrono::steady_clock::now();
    engine::Outcome outcome = engine::Outcome::error;
    fs::path project_dir = config.project_file() ? config.project_file()->parent_path() : *repo;
    {
        InterruptGuard interrupt_guard;
        g_interrupted = false;
        workspace::BootstrapSpec boot{config.workspace_copy(), config.workspace_setup()};
        auto booted = workspace::bootstrap(*repo, record.workspace, boot,
                                           run_dir / "artifacts" / "setup.log");
        ledger.redact_tree("setup.log");
        if (!booted) {
            state.reason = "the workspace setup failed: " + booted.error().message;
            ledger.event("setup_failed", {{"reason", state.reason}});
        } else {
            engine::EngineSetup setup;
            setup.plan = &plan;
            setup.registry = &session.plugins();
            setup.vcs = &*backend;
            setup.ledger = &ledger;
            setup.observer = &display;
            setup.run_id = record.id;
            setup.worktree = record.workspace;
            setup.project_dir = project_dir;
            setup.base = record.base;
            setup.spec_text = options.spec_text;
            setup.sets = options.sets;
            setup.interrupted = &g_interrupted;
            outcome = engine::Engine(std::move(setup), state).run();
        }
    }

    state.status = status_for(outcome);
    state.current_step.clear();
    state.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - run_started)
                            .count();
    state.updated_at = runs::utc_now();
    ledger.write_state(runs::to_json(state));

    record.status = state.status;
    record.updated_at = state.updated_at;
    record.cost_usd = state.cost_usd;
    record.turns = state.turns;
    record.duration_ms = state.duration_ms;
    for (const auto& step : state.steps)
        record.items += step.items;
    store.save(record);
    store.append_index(record);

    std::string failed_step;
    for (const auto& step : state.steps)
        if (step.status != "pass" && step.kind != "group") failed_step = step.path;
    json::object finished{{"run", record.id},
                          {"status", state.status},
                          {"reason", state.reason},
                          {"duration_ms", state.duration_ms},
                          {"cost_usd", state.cost_usd},
                          {"cost_partial", state.cost_partial},
                          {"cost_estimated", state.cost_estimated},
                          {"turns", state.turns},
                          {"worktree", record.workspace},
                          {"failed_step", failed_step}};
    ledger.event("run_finished", finished);
    display.on_event("run_finished", finished);
    if (options.json) {
        json::object doc{{"run", runs::to_json(record)}, {"state", runs::to_json(state)}};
        std::printf("%s\n", ledger.redactor().apply(json::serialize(doc)).c_str());
    }
    return exit_for(outcome);
}

} // namespace gump::cli
