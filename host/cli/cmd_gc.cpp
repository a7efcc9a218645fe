// gump gc [--keep N] [--older-than D] [--dry-run]: removes the worktrees, branches and records
// of finished runs, never one whose process is alive, and prunes the run index.
#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "cli/run_access.hpp"
#include "core/text.hpp"
#include "runs/liveness.hpp"

#include <boost/json.hpp>
#include <fmt/core.h>

#include <ctime>
#include <set>

namespace gump::cli {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr int default_keep = 5;

struct GcOptions {
    int keep = -1; // -1: default_keep, or 0 when only --older-than is given
    std::string older_than;
    bool dry_run = false;
};

std::string age_of(const runs::RunRecord& r, long long now) {
    auto created = runs::parse_utc(r.created_at);
    if (!created) return "age unknown";
    long long s = std::max(0LL, now - *created);
    if (s >= 86400) return fmt::format("{}d old", s / 86400);
    if (s >= 3600) return fmt::format("{}h old", s / 3600);
    return fmt::format("{}m old", s / 60);
}

class Collector {
public:
    Collector(Session& session, RunAccess& access, bool dry_run)
        : m_session(session), m_access(access), m_dry_run(dry_run) {}

    // Removes what belongs to run `id`; `what` describes it for the report.
    void remove(const std::string& id, const std::string& what) {
        fs::path worktree = m_access.repo / ".gump" / "worktrees" / ("run-" + id);
        fs::path record = m_access.store.run_dir(id);
        unsigned long long bytes = disk_usage(worktree) + disk_usage(record);
        if (!m_dry_run) {
            if (!backend()) return;
            auto removed = m_backend->call(workspace::VcsOp::remove_workspace,
                                           {{"repo", m_access.repo.string()}, {"run", id}});
            if (!removed) {
                warn("kept run " + id + ": " + removed.error().message);
                return;
            }
            std::error_code ec;
            fs::remove_all(record, ec);
            if (ec) {
                warn("kept the record of run " + id + ": " + ec.message());
                return;
            }
        }
        m_freed += bytes;
        ++m_removed;
        std::printf("%s %s %s — %s\n", m_dry_run ? "Would remove" : "Removed", id.c_str(),
                    what.c_str(), format_bytes(bytes).c_str());
    }

    // Workspaces (worktree or branch) whose run has no record: left by a crash or a hand.
    void remove_orphans(const std::set<std::string>& recorded) {
        if (!backend()) return;
        auto listed =
            m_backend->call(workspace::VcsOp::list_workspaces, {{"repo", m_access.repo.string()}});
        if (!listed) {
            warn(listed.error().message);
            return;
        }
        for (const auto& w : listed->at("workspaces").as_array()) {
            std::string id(w.at("run").as_string());
            if (!recorded.count(id)) remove(id, "(a workspace without a run record)");
        }
    }

    void warn(const std::string& message) {
        std::fprintf(stderr, "gump gc: warning: %s\n", message.c_str());
        m_warnings = true;
    }

    int removed() const { return m_removed; }
    unsigned long long freed() const { return m_freed; }
    bool warnings() const { return m_warnings; }

private:
    bool backend() {
        if (m_backend) return true;
        auto opened = backend_for(m_session, nullptr);
        if (!opened) {
            warn(opened.error().message);
            return false;
        }
        m_backend.emplace(std::move(*opened));
        return true;
    }

    Session& m_session;
    RunAccess& m_access;
    bool m_dry_run;
    std::optional<workspace::Backend> m_backend;
    int m_removed = 0;
    unsigned long long m_freed = 0;
    bool m_warnings = false;
};

int gc(Session& session, const GcOptions& options) {
    long long older_than_ms = 0;
    if (!options.older_than.empty() && !parse_duration(options.older_than, older_than_ms)) {
        std::fprintf(stderr,
                     "gump gc: --older-than '%s' is not a duration; write it like 7d, 12h or "
                     "30m\n",
                     options.older_than.c_str());
        return exit_bad_input;
    }
    int keep = options.keep >= 0 ? options.keep : options.older_than.empty() ? default_keep : 0;
    auto access = run_access(session, "gc");
    if (!access) {
        std::fprintf(stderr, "gump gc: %s\n", access.error().message.c_str());
        return exit_bad_input;
    }

    Collector collector(session, *access, options.dry_run);
    auto listing = access->store.list();
    for (const auto& why : listing.unreadable)
        collector.warn("left alone: " + why);

    long long now = static_cast<long long>(std::time(nullptr));
    std::set<std::string> recorded;
    int kept = 0, running = 0, finished = 0;
    for (const auto& run : listing.runs) {
        recorded.insert(run.id);
        bool alive =
            run.status == "running" && runs::process_alive(run.pid, run.pid_start, run.hostname);
        if (alive) {
            ++running;
            ++kept;
            continue;
        }
        auto created = runs::parse_utc(run.created_at);
        bool young = older_than_ms > 0 && (!created || (now - *created) * 1000 < older_than_ms);
        if (finished++ < keep || young) {
            ++kept;
            continue;
        }
        std::string status = run.status == "running" ? "interrupted" : run.status;
        collector.remove(run.id, fmt::format("({}{}, {})", status, run.applied ? ", applied" : "",
                                             age_of(run, now)));
    }
    collector.remove_orphans(recorded);

    size_t pruned = 0;
    if (!options.dry_run) {
        auto pruned_lines = access->store.prune_index();
        if (pruned_lines)
            pruned = *pruned_lines;
        else
            collector.warn(pruned_lines.error().message);
    }
    if (collector.removed() == 0 && kept == 0) {
        std::printf("No runs in %s.\n", access->repo.string().c_str());
        return collector.warnings() ? exit_failed : exit_ok;
    }
    std::printf(
        "%s %d run%s, %s %s. Kept %d%s.%s\n", options.dry_run ? "Would remove" : "Removed",
        collector.removed(), collector.removed() == 1 ? "" : "s",
        options.dry_run ? "would free" : "freed", format_bytes(collector.freed()).c_str(), kept,
        running ? fmt::format(" ({} still running)", running).c_str() : "",
        pruned ? fmt::format(" Pruned {} index line{}.", pruned, pruned == 1 ? "" : "s").c_str()
               : "");
    return collector.warnings() ? exit_failed : exit_ok;
}

} // namespace

void add_gc_command(CLI::App& app, Action& action) {
    auto options = std::make_shared<GcOptions>();
    CLI::App* cmd =
        app.add_subcommand("gc", "Remove the worktrees, branches and records of finished runs");
    cmd->add_option("--keep", options->keep,
                    "Keep the N most recent finished runs (default 5; 0 with --older-than alone)")
        ->type_name("N")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--older-than", options->older_than,
                    "Only remove runs older than this (7d, 12h, 30m)")
        ->type_name("DURATION");
    cmd->add_flag("--dry-run", options->dry_run, "Show what would be removed; remove nothing");
    cmd->footer("A run whose process is alive is never removed. Exit 1 when something could not "
                "be removed (the warning says why).");
    cmd->callback([options, &action] {
        action = [options](Session& session) { return gc(session, *options); };
    });
}

} // namespace gump::cli
