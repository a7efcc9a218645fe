// gump apply [RUN] [--merge]: the result of a passed run becomes a commit on the user's branch.
#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "cli/run_access.hpp"
#include "core/style.hpp"
#include "core/text.hpp"
#include "report/format.hpp"
#include "runs/liveness.hpp"

#include <boost/json.hpp>
#include <fmt/core.h>

namespace gump::cli {

namespace json = boost::json;

namespace {

struct ApplyOptions {
    std::string run;
    bool merge = false;
};

int refuse(const std::string& message) {
    std::fprintf(stderr, "gump apply: %s\n", message.c_str());
    return exit_bad_input;
}

int plugin_failure(const Error& error) {
    std::fprintf(stderr, "gump apply: %s\n", error.message.c_str());
    return error.code == GUMP_ERR_INTERNAL ? exit_internal : exit_bad_input;
}

// The latest passed run not applied yet.
const runs::RunRecord* latest_unapplied(const std::vector<runs::RunRecord>& newest_first) {
    for (const auto& r : newest_first)
        if (r.status == "pass" && !r.applied) return &r;
    return nullptr;
}

std::string subject_of(const runs::RunRecord& r) {
    if (!r.title.empty()) return r.title;
    return fmt::format("gump: {} on {}", r.workflow.empty() ? "run" : r.workflow,
                       r.spec.empty() ? r.id : r.spec);
}

// The commit message: what was asked and what it cost, so `git log` tells where it came from.
std::string message_of(const runs::RunRecord& r) {
    std::string body = subject_of(r) + "\n\nApplied by gump from run " + r.id + ".\n\n";
    if (!r.workflow.empty()) body += "Workflow: " + r.workflow + "\n";
    if (!r.spec.empty()) body += "Spec: " + r.spec + "\n";
    if (r.items > 0) body += fmt::format("Items: {}\n", r.items);
    body += fmt::format("Cost: ${:.2f} · {} turns · {}\n", r.cost_usd, r.turns,
                        report::seconds(r.duration_ms));
    return body;
}

int apply(Session& session, const ApplyOptions& options) {
    auto access = run_access(session, "apply");
    if (!access) return refuse(access.error().message);
    runs::RunStore& store = access->store;

    runs::RunRecord record;
    if (options.run.empty()) {
        auto listing = store.list();
        const runs::RunRecord* latest = latest_unapplied(listing.runs);
        if (!latest)
            return refuse(
                listing.runs.empty()
                    ? "there are no runs in this repository yet; start one with `gump "
                      "run spec.md --workflow cheap2sota`"
                    : "no passed run is waiting to be applied (the latest, " +
                          listing.runs.front().id + ", is " +
                          (listing.runs.front().applied ? "applied" : listing.runs.front().status) +
                          "); name one with `gump apply RUN`");
        record = *latest;
    } else {
        auto loaded = store.load(options.run);
        if (!loaded)
            return refuse(loaded.error().message + "; see `gump gc --dry-run` for the runs");
        record = std::move(*loaded);
    }

    Style style = Style::for_fd(1);
    if (record.applied) {
        std::printf("Run %s was already applied to %s as %s on %s; nothing to do.\n",
                    record.id.c_str(), record.applied->into.c_str(),
                    record.applied->commit.substr(0, 12).c_str(), record.applied->at.c_str());
        return exit_ok;
    }
    if (record.status == "running" &&
        runs::process_alive(record.pid, record.pid_start, record.hostname))
        return refuse("run " + record.id + " is still running; wait for it to finish");
    if (record.status != "pass")
        return refuse("run " + record.id + " ended with status '" + record.status +
                      "'; only a passed run can be applied (its worktree is " + record.workspace +
                      " if you want to look at it)");

    auto backend = backend_for(session, &record);
    if (!backend) return refuse(backend.error().message);
    json::object request{
        {"repo", access->repo.string()},
        {"run", record.id},
        {"mode", options.merge ? "merge" : "squash"},
        {"message", message_of(record)},
        {"trailers", {{"Gump-Run", record.id}, {"Gump-Workflow", record.workflow}}}};
    auto merged = backend->call(workspace::VcsOp::merge, request);
    if (!merged) return plugin_failure(merged.error());

    if (const auto* conflicts = merged->if_contains("conflicts")) {
        std::fprintf(stderr, "gump apply: run %s conflicts with your branch in:\n",
                     record.id.c_str());
        for (const auto& path : conflicts->as_array())
            std::fprintf(stderr, "  %s\n", std::string(path.as_string()).c_str());
        std::fprintf(stderr,
                     "Nothing was changed: your branch and working tree are as they were.\n"
                     "To resolve by hand: git merge %s\n",
                     record.workspace_branch.empty() ? ("gump/run-" + record.id).c_str()
                                                     : record.workspace_branch.c_str());
        return exit_failed;
    }

    std::string commit(merged->at("commit").as_string());
    std::string into(merged->at("into").as_string());
    record.applied =
        runs::Applied{runs::utc_now(), commit, options.merge ? "merge" : "squash", into};
    if (auto saved = store.save(record); !saved)
        std::fprintf(stderr, "gump apply: warning: %s\n", saved.error().message.c_str());
    if (!record.branch.empty() && record.branch != into)
        std::fprintf(stderr, "gump apply: note: run %s started from %s and was applied to %s\n",
                     record.id.c_str(), record.branch.c_str(), into.c_str());

    // The worktree is no longer needed; the branch keeps the run's history until `gump gc`.
    auto removed =
        backend->call(workspace::VcsOp::remove_workspace,
                      {{"repo", access->repo.string()}, {"run", record.id}, {"keep_branch", true}});
    if (!removed)
        std::fprintf(stderr, "gump apply: warning: %s\n", removed.error().message.c_str());

    size_t files = merged->at("files").as_array().size();
    std::printf("%s Applied run %s to %s as %s (%s): %zu file%s changed.\n",
                style.green("✓").c_str(), record.id.c_str(), into.c_str(),
                commit.substr(0, 12).c_str(), options.merge ? "merge" : "squash", files,
                files == 1 ? "" : "s");
    return exit_ok;
}

} // namespace

void add_apply_command(CLI::App& app, Action& action) {
    auto options = std::make_shared<ApplyOptions>();
    CLI::App* cmd = app.add_subcommand(
        "apply", "Bring a passed run's result into your current branch (one squashed commit)");
    cmd->add_option("run", options->run,
                    "The run to apply (default: the latest passed run not yet applied)")
        ->type_name("RUN");
    cmd->add_flag("--merge", options->merge,
                  "Keep the run's snapshot history as a merge instead of one squashed commit");
    cmd->footer("Refuses a working tree with uncommitted changes. A conflict changes nothing and "
                "lists the conflicting files (exit 1). The commit is yours: your identity, "
                "hooks and signing apply.");
    cmd->callback([options, &action] {
        action = [options](Session& session) { return apply(session, *options); };
    });
}

} // namespace gump::cli
