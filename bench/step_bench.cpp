// Per-step overhead of `gump run`: everything except the agent and the gate commands, against a
// bare `git add -A && git commit` of the same change in the same repository and the same run.
// Usage: gump_step_bench --gump <gump> --scratch <dir> [--example <dir>] [--generated <repo>]
//        [--steps N] [--reps N] [--verbose]
// For each repository it writes a workflow of N code steps played by the replay agent (one small
// file written per step, no gates), runs `gump run spec.md --workflow bench --json` R times and
// reads the run's state from stdout: overhead per step = (duration − Σ agent − Σ gates) / N.
// The floor is N × (write the same file, `git add -A`, `git commit`) in a worktree beside gump's.
// It prints medians and checks no timing (benchmarks are not tests).
#include "process/process.hpp"

#include "bench_git.hpp"

#include <boost/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using bench::must_git;
using bench::run_git;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

struct Options {
    fs::path gump;
    fs::path scratch;
    fs::path example;   // examples/healthz; empty: skip that repository
    fs::path generated; // the 20,000-file repository of gump_vcs_bench; empty: skip
    int steps = 20;
    int reps = 5;
    bool verbose = false; // every sample on stderr
};

// ---- running git ----

// A program's trimmed stdout (untimed questions: which tree, how many files).
std::string output_of(const std::vector<std::string>& argv, const fs::path& cwd) {
    gump::process::CommandSpec spec;
    spec.argv = argv;
    spec.cwd = cwd.string();
    spec.max_capture_bytes = 64 << 20;
    auto result = gump::process::run(spec);
    if (!result) throw std::runtime_error(result.error().message);
    if (result->exit_code != 0)
        throw std::runtime_error(argv.front() + " " + argv.at(1) + " failed in " + cwd.string() +
                                 ": " + result->stderr_text);
    std::string out = result->stdout_text;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
        out.pop_back();
    return out;
}

std::string git_output(const fs::path& dir, std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", dir.string()});
    return output_of(args, dir);
}

void write_file(const fs::path& file, const std::string& text, bool append = false) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

// ---- the repositories ----

struct Repo {
    std::string name;
    fs::path dir;
    int files = 0;
};

void configure(const fs::path& repo) {
    const std::pair<const char*, const char*> config[] = {{"user.name", "Bench"},
                                                          {"user.email", "bench@localhost"},
                                                          {"gc.auto", "0"}, // none mid-commit
                                                          {"maintenance.auto", "false"}};
    for (auto [key, value] : config)
        must_git(repo, {"config", key, value});
}

// The index is written in the same clock tick as the checkout, so git marks its entries "racily
// clean" and re-hashes them; a user's index is older than their files (as in gump_vcs_bench).
void settle_index(const fs::path& repo) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    must_git(repo, {"update-index", "-q", "--refresh"});
}

const char* const agent_config = R"(
# gump_step_bench: the scripted agent of the bench workflow.
[agents.bench]
plugin = "replay"
script = ".gump/bench/replay.toml"
)";

// What step i's agent writes, and what the floor writes before its commit i: the same file.
std::string step_file(int i) {
    return "notes/step-" + std::to_string(i) + ".md";
}
std::string step_text(int i) {
    return "Step " + std::to_string(i) + " of the bench workflow.\n";
}

// The workflow and the replay script live under .gump/, which gump keeps out of snapshots and
// of its clean-worktree check, so they are not committed.
void write_workflow(const fs::path& repo, int steps) {
    std::string workflow =
        "name = \"bench\"\ndescription = \"gump_step_bench: " + std::to_string(steps) +
        " code steps, one file each, no gates\"\n";
    std::string script = "# gump_step_bench: one entry per step of the bench workflow\n";
    for (int i = 1; i <= steps; ++i) {
        std::string name = std::string("s").append(std::to_string(i));
        std::string file = step_file(i), text = step_text(i);
        text.replace(text.find('\n'), 1, "\\n");
        workflow.append("\n[[steps]]\nname = \"").append(name);
        workflow.append("\"\nkind = \"code\"\nagent = \"bench\"\nprompt = \"Write ");
        workflow.append(file).append(".\"\n");
        script.append("\n[[step]]\npath = \"").append(name).append("\"\ntext = \"Wrote ");
        script.append(file).append(".\"\nturns = 1\n[[step.write]]\npath = \"").append(file);
        script.append("\"\ncontent = \"").append(text).append("\"\n");
    }
    write_file(repo / ".gump" / "workflows" / "bench.toml", workflow);
    write_file(repo / ".gump" / "bench" / "replay.toml", script);
}

int tracked_files(const fs::path& repo) {
    std::string list = git_output(repo, {"ls-files"});
    return list.empty() ? 0 : static_cast<int>(std::count(list.begin(), list.end(), '\n') + 1);
}

// (1) A scratch copy of examples/healthz committed in a fresh repository, as `./dev.sh example`
// does, with the bench agent added to its gump.toml.
Repo prepare_example(const Options& o) {
    fs::path dir = o.scratch / "step-example";
    fs::remove_all(dir);
    fs::copy(o.example, dir, fs::copy_options::recursive);
    fs::remove_all(dir / "build"); // a local `make build` of the example is not part of it
    write_file(dir / "gump.toml", agent_config, true);
    must_git(dir, {"init", "-q", "-b", "main"});
    configure(dir);
    must_git(dir, {"add", "-A"});
    must_git(dir, {"commit", "-q", "-m", "healthz-demo"});
    settle_index(dir);
    write_workflow(dir, o.steps);
    return {"healthz example", dir, tracked_files(dir)};
}

// (2) A clone of gump_vcs_bench's generated repository (packed, 20,000 files), plus a gump.toml
// and a spec. Cloned so the generated (maybe cached) repository is never changed.
Repo prepare_generated(const Options& o) {
    fs::path dir = o.scratch / "step-big";
    fs::remove_all(dir);
    must_git(o.scratch, {"clone", "-q", o.generated.string(), dir.string()});
    configure(dir);
    write_file(dir / "gump.toml", agent_config);
    write_file(dir / "spec.md", "# Add step notes\n\nWrite one note per step.\n");
    must_git(dir, {"add", "-A"});
    must_git(dir, {"commit", "-q", "-m", "gump bench configuration"});
    settle_index(dir);
    write_workflow(dir, o.steps);
    return {"generated", dir, tracked_files(dir)};
}

// ---- a gump run ----

long long integer(const json::value* v) {
    return v && v->is_number() ? v->to_number<long long>() : 0;
}

// "2026-11-25T10:42:07.123Z" -> milliseconds since the epoch.
long long stamp_ms(const std::string& ts) {
    std::tm t{};
    int ms = 0;
    if (std::sscanf(ts.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &t.tm_year, &t.tm_mon, &t.tm_mday,
                    &t.tm_hour, &t.tm_min, &t.tm_sec, &ms) != 7)
        throw std::runtime_error("unexpected event stamp " + ts);
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    return static_cast<long long>(timegm(&t)) * 1000 + ms;
}

// Where a step's time goes, from the stamps of events.jsonl (milliseconds, summed over the
// steps of a run). What gump does between two events, in engine.cpp's order:
enum Phase {
    prepare,  // step_started -> attempt_started: state.json, describe, prompt, prompt.md
    call,     // attempt_started -> agent_finished, minus the agent: state.json, context file,
              // context.md, plugin instance, events.jsonl artifact, redaction
    agent,    // agent_finished.duration_ms: the agent plugin's run
    snapshot, // agent_finished -> snapshot: the vcs snapshot
    diff,     // snapshot -> attempt_finished: the attempt's diff (for a retry), the gates
    publish,  // attempt_finished -> step_finished: state.json, the step's diff + changed_files
    next,     // step_finished -> the next step_started (or run_finished): state.json
    kPhases
};
const char* const phase_names[kPhases] = {"state+prompt", "agent call", "agent", "snapshot",
                                          "diff",         "publish",    "state"};

struct RunSample {
    double wall_ms = 0;        // the gump process, start to exit
    long long duration_ms = 0; // state.duration_ms: the engine, bootstrap included
    long long agent_ms = 0;    // Σ attempts' duration_ms
    long long gates_ms = 0;    // Σ gates' duration_ms
    double per_step = 0;       // (duration - agent - gates) / steps
    std::vector<double> phases = std::vector<double>(kPhases, 0.0); // Σ over the steps
    double before_steps = 0; // run_started -> first step_started
    int stamps_fixed = 0;    // event stamps a second early, put back (see read_events)
    std::string id, branch;
};

void read_events(const fs::path& file, RunSample& s) {
    std::ifstream in(file);
    std::string line;
    long long last = 0, run_started = 0;
    std::string previous;
    while (std::getline(in, line)) {
        json::object e = json::parse(line).as_object();
        std::string type(e.at("type").as_string());
        long long at = stamp_ms(std::string(e.at("ts").as_string()));
        // The ledger takes a stamp's seconds from time() and its milliseconds from
        // system_clock, and time() lags by up to a clock tick: just after a second begins, an
        // event can be stamped a whole second early. Such a stamp goes back in time and its
        // milliseconds are small; put it in the second it belongs to.
        if (last && at < last && last - at < 1000 && at % 1000 < 50) {
            at += 1000;
            ++s.stamps_fixed;
        }
        double gap = static_cast<double>(at - last);
        if (type == "run_started")
            run_started = at;
        else if (type == "step_started" && previous == "run_started")
            s.before_steps += static_cast<double>(at - run_started);
        else if (type == "step_started" || (type == "run_finished" && previous == "step_finished"))
            s.phases[next] += gap;
        else if (type == "attempt_started")
            s.phases[prepare] += gap;
        else if (type == "agent_finished") {
            double own = static_cast<double>(integer(e.if_contains("duration_ms")));
            s.phases[agent] += own;
            s.phases[call] += gap - own;
        } else if (type == "snapshot")
            s.phases[snapshot] += gap;
        else if (type == "attempt_finished")
            s.phases[diff] += gap;
        else if (type == "step_finished")
            s.phases[publish] += gap;
        previous = type;
        last = at;
    }
}

RunSample run_gump(const Options& o, const Repo& repo) {
    gump::process::CommandSpec spec;
    spec.argv = {o.gump.string(), "run", "spec.md", "--workflow", "bench", "--json"};
    spec.cwd = repo.dir.string();
    spec.max_capture_bytes = 64 << 20; // the whole JSON document
    auto start = Clock::now();
    auto result = gump::process::run(spec);
    RunSample s;
    s.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!result) throw std::runtime_error(result.error().message);
    if (result->exit_code != 0)
        throw std::runtime_error("gump run failed (exit " + std::to_string(result->exit_code) +
                                 ") in " + repo.dir.string() + ":\n" + result->stderr_text);
    json::object doc = json::parse(result->stdout_text).as_object();
    const json::object& state = doc.at("state").as_object();
    const json::object& run = doc.at("run").as_object();
    if (state.at("status").as_string() != "pass")
        throw std::runtime_error("the bench run did not pass: " +
                                 std::string(state.at("reason").as_string()));
    s.id = std::string(run.at("id").as_string());
    s.branch = std::string(run.at("workspace_branch").as_string());
    s.duration_ms = integer(state.if_contains("duration_ms"));
    const json::array& steps = state.at("steps").as_array();
    if (static_cast<int>(steps.size()) != o.steps)
        throw std::runtime_error("the run has " + std::to_string(steps.size()) + " steps, not " +
                                 std::to_string(o.steps));
    for (const auto& step : steps)
        for (const auto& attempt : step.at("attempts").as_array()) {
            s.agent_ms += integer(attempt.as_object().if_contains("duration_ms"));
            for (const auto& gate : attempt.at("gates").as_array())
                s.gates_ms += integer(gate.as_object().if_contains("duration_ms"));
        }
    s.per_step = static_cast<double>(s.duration_ms - s.agent_ms - s.gates_ms) / o.steps;
    read_events(repo.dir / ".gump" / "runs" / s.id / "events.jsonl", s);
    return s;
}

// Removes every finished run (worktree, branch, record), untimed.
void collect_runs(const Options& o, const Repo& repo) {
    output_of({o.gump.string(), "gc", "--keep", "0"}, repo.dir);
}

// ---- the floor ----

struct FloorSample {
    std::vector<double> commits; // ms of each add + commit
    std::string tree;
};

// N × (write step i's file, untimed; `git add -A` then `git commit`, timed) in a fresh worktree
// of the repository, beside gump's: where a directory is made decides where ext4 puts its inodes.
FloorSample run_floor(const Repo& repo, int steps, int rep) {
    std::string name = "floor-" + std::to_string(rep);
    fs::path dir = repo.dir / ".gump" / "worktrees" / ("git-" + name);
    must_git(repo.dir, {"worktree", "add", "-q", "-b", "bench/" + name, dir.string()});
    sync(); // the checkout's pages are written back now, not during the commits
    FloorSample s;
    for (int i = 1; i <= steps; ++i) {
        write_file(dir / step_file(i), step_text(i));
        auto start = Clock::now();
        must_git(dir, {"add", "-A"});
        must_git(dir, {"commit", "-q", "-m", "x"});
        s.commits.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    s.tree = git_output(dir, {"rev-parse", "HEAD^{tree}"});
    return s;
}

void remove_floors(const Repo& repo, int reps) {
    for (int rep = 0; rep < reps; ++rep) {
        std::string name = "floor-" + std::to_string(rep);
        fs::path dir = repo.dir / ".gump" / "worktrees" / ("git-" + name);
        if (!fs::exists(dir)) continue;
        must_git(repo.dir, {"worktree", "remove", "--force", dir.string()});
        must_git(repo.dir, {"branch", "-q", "-D", "bench/" + name});
    }
}

// ---- statistics and output ----

double median(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    size_t n = samples.size();
    return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

double mean(const std::vector<double>& samples) {
    return std::accumulate(samples.begin(), samples.end(), 0.0) / samples.size();
}

struct Result {
    Repo repo;
    std::vector<RunSample> runs;
    std::vector<double> floor; // per rep: the mean add + commit
};

Result bench_repo(const Options& o, Repo repo) {
    std::cout << repo.name << ": " << repo.files << " files in " << repo.dir.string() << "\n"
              << std::flush;
    collect_runs(o, repo);
    Result r{std::move(repo), {}, {}};
    const Repo& rp = r.repo;
    for (int rep = 0; rep < o.reps; ++rep) {
        // The sides alternate which goes first; each starts with nothing left to write back.
        FloorSample floor;
        RunSample run;
        auto gump_side = [&] {
            sync();
            run = run_gump(o, rp);
        };
        auto git_side = [&] { floor = run_floor(rp, o.steps, rep); };
        if (rep % 2 == 0) {
            gump_side();
            git_side();
        } else {
            git_side();
            gump_side();
        }
        std::string gump_tree = git_output(rp.dir, {"rev-parse", run.branch + "^{tree}"});
        if (gump_tree != floor.tree)
            throw std::runtime_error("gump's last snapshot (tree " + gump_tree +
                                     ") differs from the floor's (tree " + floor.tree +
                                     "): the two sides did not record the same work");
        r.runs.push_back(run);
        r.floor.push_back(mean(floor.commits));
        if (o.verbose)
            std::fprintf(stderr,
                         "  %-16s rep %d: wall %7.1f ms, state %5lld ms, agent %4lld ms, gates "
                         "%lld ms -> %6.2f ms/step; git add+commit %6.2f ms/step (min %.2f, "
                         "max %.2f)\n",
                         rp.name.c_str(), rep, run.wall_ms, run.duration_ms, run.agent_ms,
                         run.gates_ms, run.per_step, r.floor.back(),
                         *std::min_element(floor.commits.begin(), floor.commits.end()),
                         *std::max_element(floor.commits.begin(), floor.commits.end()));
    }
    collect_runs(o, rp);
    remove_floors(rp, o.reps);
    return r;
}

void print_tables(const Options& o, const std::vector<Result>& results) {
    // The target read two ways: against git's add + commit (the brief's floor), and without
    // gump's own snapshot (what gump adds around it), which a fast snapshot cannot hide.
    std::printf("\n%-16s %6s %5s %9s %9s %9s %-8s %9s %9s %-8s\n", "repo", "files", "steps", "gump",
                "git", "gump-git", "<=20+git", "snapshot", "gump-snap", "<=20");
    for (const auto& r : results) {
        std::vector<double> per_step, snapshots, rest;
        for (const auto& run : r.runs) {
            per_step.push_back(run.per_step);
            snapshots.push_back(run.phases[snapshot] / o.steps);
            rest.push_back(run.per_step - run.phases[snapshot] / o.steps);
        }
        double g = median(per_step), f = median(r.floor), own = median(rest);
        std::printf("%-16s %6d %5d %9.2f %9.2f %9.2f %-8s %9.2f %9.2f %-8s\n", r.repo.name.c_str(),
                    r.repo.files, o.steps, g, f, g - f, g - f <= 20.0 ? "met" : "missed",
                    median(snapshots), own, own <= 20.0 ? "met" : "missed");
    }
    std::printf("(ms per step, medians over runs. gump = (state.duration_ms - agents - gates) / "
                "steps; git = `git add -A` + `git commit` of the same file, mean per run; "
                "snapshot = gump's snapshot phase; gump-snap = gump without it.)\n");

    // Where the time goes, from events.jsonl: per run, the mean of each phase over its steps;
    // printed, the median over runs (stamps are whole milliseconds, so a phase below ~1 ms is
    // resolved only by the averaging over steps).
    std::printf("\nper step, from events.jsonl (ms, mean over %d steps, median over %d runs):\n",
                o.steps, o.reps);
    std::printf("%-16s", "repo");
    for (const char* name : phase_names)
        std::printf(" %12s", name);
    std::printf(" %9s %10s %10s %10s\n", "sum-agent", "before s1", "run wall", "wall-state");
    int fixed_stamps = 0;
    for (const auto& r : results) {
        std::vector<std::vector<double>> phases(kPhases);
        std::vector<double> sums, before, walls, outside;
        for (const auto& run : r.runs) {
            double sum = 0;
            for (int p = 0; p < kPhases; ++p) {
                phases[p].push_back(run.phases[p] / o.steps);
                if (p != agent) sum += run.phases[p] / o.steps;
            }
            sums.push_back(sum);
            before.push_back(run.before_steps);
            walls.push_back(run.wall_ms);
            outside.push_back(run.wall_ms - static_cast<double>(run.duration_ms));
            fixed_stamps += run.stamps_fixed;
        }
        std::printf("%-16s", r.repo.name.c_str());
        for (const auto& samples : phases)
            std::printf(" %12.2f", median(samples));
        std::printf(" %9.2f %10.1f %10.1f %10.1f\n", median(sums), median(before), median(walls),
                    median(outside));
    }
    std::printf(
        "\nstate+prompt: step_started -> attempt_started; agent call: attempt_started -> "
        "agent_finished less the agent's own duration_ms (context file, plugin instance, "
        "artifacts: state.json counts it in the attempt's duration_ms); snapshot: -> snapshot; "
        "diff: -> attempt_finished (the attempt's diff); publish: -> step_finished (state.json, "
        "the step's diff and changed_files); state: -> next step_started (state.json).\n"
        "before s1: run_started -> first step_started; wall-state: the process's wall time "
        "outside state.duration_ms (start-up, create_workspace, final records). %d event "
        "stamps were a second early and put back.\n",
        fixed_stamps);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--gump")
            o.gump = next();
        else if (arg == "--scratch")
            o.scratch = next();
        else if (arg == "--example")
            o.example = next();
        else if (arg == "--generated")
            o.generated = next();
        else if (arg == "--steps")
            o.steps = std::max(1, std::stoi(next()));
        else if (arg == "--reps")
            o.reps = std::max(1, std::stoi(next()));
        else if (arg == "--verbose")
            o.verbose = true;
        else
            throw std::runtime_error(
                "unknown argument " + arg +
                "; usage: gump_step_bench --gump <gump> --scratch <dir> [--example <dir>] "
                "[--generated <repo>] [--steps N] [--reps N] [--verbose]");
    }
    if (o.gump.empty() || o.scratch.empty())
        throw std::runtime_error("pass --gump <gump> and --scratch <dir>");
    if (o.example.empty() && o.generated.empty())
        throw std::runtime_error("pass --example <dir>, --generated <repo> or both");
    o.gump = fs::absolute(o.gump);
    o.scratch = fs::absolute(o.scratch);
    if (!o.example.empty()) o.example = fs::absolute(o.example);
    if (!o.generated.empty()) o.generated = fs::absolute(o.generated);
    return o;
}

int run(const Options& o) {
    fs::create_directories(o.scratch);
    std::cout << output_of({o.gump.string(), "--version"}, o.scratch) << " vs "
              << git_output(o.scratch, {"--version"}) << "; " << o.steps
              << " steps a run, median of " << o.reps << " runs\n"
              << std::flush;
    std::vector<Result> results;
    if (!o.example.empty()) results.push_back(bench_repo(o, prepare_example(o)));
    if (!o.generated.empty()) results.push_back(bench_repo(o, prepare_generated(o)));
    print_tables(o, results);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(parse(argc, argv));
    } catch (const std::exception& e) {
        std::cerr << "gump_step_bench: " << e.what() << "\n";
        return 1;
    }
}
