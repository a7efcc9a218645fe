// Workspace-backend benchmark: a vcs plugin, loaded and called in-process the way the host does,
// against the git program doing the same work on the same repository in the same run. Both sides
// are timed with steady_clock around the whole operation (for git: process start to exit).
// Usage: gump_vcs_bench --plugin <vcs-*.so> --scratch <dir> [--reps N] [--ops create,snapshot,diff]
//        [--verbose]
// It prints one table of medians and their ratio; it checks no timing (benchmarks are not tests).
#include "plugin/registry.hpp"

#include "bench_git.hpp"

#include <boost/json/object.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
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

// The generated repository: kTopDirs × kSubDirs leaf directories of kFilesPerDir files each.
constexpr int kTopDirs = 20;
constexpr int kSubDirs = 10;
constexpr int kFilesPerDir = 100;
constexpr int kFiles = kTopDirs * kSubDirs * kFilesPerDir; // 20,000

struct Options {
    fs::path plugin;
    fs::path scratch;
    int reps = 5;
    std::string ops = "create,snapshot,diff";
    bool verbose = false; // every sample on stderr, to see the spread behind a median
};

// ---- running git ----

// git's trimmed stdout, for the few untimed questions the benchmark asks (which tree, which sha).
std::string git_output(const fs::path& dir, const std::string& args) {
    std::string command = "git -C '" + dir.string() + "' " + args;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    std::string out;
    char buffer[256];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe))
        out.append(buffer, n);
    if (pclose(pipe) != 0) throw std::runtime_error(command + " failed");
    while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
        out.pop_back();
    return out;
}

// ---- the generated repository ----

// splitmix64: a fixed, portable generator, so every run and machine gets the same repository.
uint64_t mix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// 10 to 80 lines of code-like text; different seeds give unrelated files (no accidental renames).
std::string file_text(uint64_t seed) {
    static const char* const words[] = {
        "auto",   "const",  "return", "value", "index", "buffer", "count",  "result",
        "config", "handle", "state",  "next",  "error", "check",  "update", "render",
        "parse",  "token",  "node",   "tree",  "write", "read",   "flush",  "span",
        "size",   "offset", "limit",  "item",  "queue", "lock",   "event",  "model"};
    uint64_t state = mix(seed);
    int lines = 10 + static_cast<int>(state % 71);
    std::string text;
    for (int line = 0; line < lines; ++line) {
        state = mix(state);
        text.append(4 * (state % 3), ' ');
        int count = 3 + static_cast<int>((state >> 8) % 8);
        for (int w = 0; w < count; ++w) {
            state = mix(state);
            text += words[state % 32];
            text += w + 1 < count ? ' ' : ';';
        }
        text += " // " + std::to_string(seed) + ":" + std::to_string(line) + "\n";
    }
    return text;
}

std::string leaf_dir(int dir) {
    char name[32];
    std::snprintf(name, sizeof name, "mod%02d/pkg%d", dir / kSubDirs, dir % kSubDirs);
    return name;
}

std::string file_path(int index) {
    char name[32];
    std::snprintf(name, sizeof name, "/src_%03d.cc", index % kFilesPerDir);
    return leaf_dir(index / kFilesPerDir) + name;
}

void write_file(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

void generate_repo(const fs::path& repo) {
    fs::remove_all(repo);
    for (int dir = 0; dir < kTopDirs * kSubDirs; ++dir)
        fs::create_directories(repo / leaf_dir(dir));
    for (int i = 0; i < kFiles; ++i)
        write_file(repo / file_path(i), file_text(i));
    must_git(repo, {"init", "-q", "-b", "main"});
    const std::pair<const char*, const char*> config[] = {{"user.name", "Bench"},
                                                          {"user.email", "bench@localhost"},
                                                          {"gc.auto", "0"}, // none mid-commit
                                                          {"maintenance.auto", "false"}};
    for (auto [key, value] : config)
        must_git(repo, {"config", key, value});
    must_git(repo, {"add", "-A"});
    must_git(repo, {"commit", "-q", "-m", "base"});
    must_git(repo, {"gc", "-q"}); // packed, like a clone
    // The index was written in the same clock tick as the files, so git marked entries "racily
    // clean" and both tools would re-hash them; a user's index is older than their files.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    must_git(repo, {"update-index", "-q", "--refresh"});
    write_file(repo / ".git" / "gump-bench-complete", "");
}

// Leftovers of an interrupted run in a reused scratch dir: worktrees and bench branches.
void clean_leftovers(const fs::path& repo) {
    fs::remove_all(repo / ".gump");
    must_git(repo, {"worktree", "prune"});
    std::string command = "git -C '" + repo.string() +
                          "' for-each-ref --format='delete %(refname)' refs/heads/gump "
                          "refs/heads/bench | git -C '" +
                          repo.string() + "' update-ref --stdin";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("cannot delete bench branches");
}

fs::path prepare_repo(const fs::path& scratch) {
    fs::path repo = scratch / "repo";
    if (fs::exists(repo / ".git" / "gump-bench-complete")) {
        std::cout << "reusing the repository in " << repo.string() << "\n";
        clean_leftovers(repo);
    } else {
        std::cout << "generating " << kFiles << " files in " << repo.string() << " ...\n";
        generate_repo(repo);
    }
    return repo;
}

// ---- change sets ----

// `count` changes spread over the tree: 60% modified, 20% deleted, 20% added. Applied the same
// way to any worktree, so both sides commit identical trees.
void apply_changes(const fs::path& root, int count) {
    int modified = count * 6 / 10, deleted = count * 2 / 10;
    for (int j = 0; j < count; ++j) {
        int index = (j * 7919 + 13) % kFiles; // 7919 is prime: distinct files, all over the tree
        fs::path file = root / file_path(index);
        if (j < modified) {
            std::string text = file_text(index);
            size_t middle = text.find('\n', text.size() / 2);
            text.insert(middle + 1, "    edited(" + std::to_string(j) + ");\n");
            write_file(file, text);
        } else if (j < modified + deleted) {
            fs::remove(file);
        } else {
            write_file(root / leaf_dir(index / kFilesPerDir) /
                           ("added_" + std::to_string(j) + ".cc"),
                       file_text(1'000'000 + j));
        }
    }
}

// ---- timing ----

double elapsed_ms(const std::function<void()>& work) {
    auto start = Clock::now();
    work();
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    size_t n = samples.size();
    return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

struct Row {
    std::string op;
    std::vector<double> gump, git;
    double target = 0; // the ratio gump/git should stay under; 0 = none
};

// ---- the backend under test ----

class Backend {
public:
    explicit Backend(const fs::path& library) {
        if (auto loaded = m_registry.load_file(library); !loaded)
            throw std::runtime_error(loaded.error().message);
        const gump::plugin::PluginInfo* info = nullptr;
        for (const auto& p : m_registry.plugins())
            if (p.kind == GUMP_KIND_VCS) info = &p;
        if (!info) throw std::runtime_error(library.string() + " holds no vcs plugin");
        auto instance = m_registry.create(*info, {});
        if (!instance) throw std::runtime_error(instance.error().message);
        m_instance = std::move(*instance);
        m_table = static_cast<const gump_vcs_vtable*>(info->manifest->vtable);
    }

    const std::string& id() const { return m_instance->info().id; }

    json::object call(gump_call_fn gump_vcs_vtable::*slot, const char* name,
                      const json::object& request) {
        auto result = m_instance->call(m_table->*slot, name, request);
        if (!result) throw std::runtime_error(result.error().message);
        return std::move(*result);
    }

private:
    gump::plugin::Registry m_registry;
    std::unique_ptr<gump::plugin::Instance> m_instance;
    const gump_vcs_vtable* m_table = nullptr;
};

#define VCS_OP(op) &gump_vcs_vtable::op, #op

// What both sides work on: the repository, where git's worktrees go, and the backend.
struct Bench {
    Backend& backend;
    fs::path repo;
    // Where git's worktrees go: beside gump's, in the same directory, because where a
    // directory is made decides where ext4 puts its inodes, and that alone moved the time of
    // the same `git worktree add` by 2x in a sibling directory of the repository.
    fs::path git_worktrees;
    int reps;
    bool verbose;
    std::vector<std::string> made; // names of the workspace pairs that remove_made removes

    // One repetition of both sides, gump first on even reps and git first on odd ones, so
    // neither side always runs with the page cache and CPU state the other one left. Each side
    // starts with nothing left to write back (a fresh 20,000-file worktree is ~80 MB of dirty
    // pages), so neither is timed while the kernel flushes what setup or the other side wrote.
    void alternate(int rep, Row& row, const std::function<void()>& gump_side,
                   const std::function<void()>& git_side) const {
        auto timed = [](const std::function<void()>& side) {
            sync();
            return elapsed_ms(side);
        };
        if (rep % 2 == 0) {
            row.gump.push_back(timed(gump_side));
            row.git.push_back(timed(git_side));
        } else {
            row.git.push_back(timed(git_side));
            row.gump.push_back(timed(gump_side));
        }
        if (verbose)
            std::fprintf(stderr, "  %-40s rep %d: gump %8.1f ms, git %8.1f ms\n", row.op.c_str(),
                         rep, row.gump.back(), row.git.back());
    }

    // gump's workspace and git's worktree of one repetition share `name`: run <name> and
    // branch gump/run-<name>, worktree .gump/worktrees/git-<name> on branch bench/<name>.
    json::object create_gump(const std::string& name) {
        made.push_back(name);
        return backend.call(VCS_OP(create_workspace), {{"repo", repo.string()}, {"run", name}});
    }
    fs::path git_dir(const std::string& name) const { return git_worktrees / ("git-" + name); }
    void create_git(const std::string& name) {
        must_git(repo, {"worktree", "add", "-q", "-b", "bench/" + name, git_dir(name).string()});
    }

    // Removes every pair made, untimed. This runs after an op's repetitions, not between them:
    // ext4 skips recently freed inodes when it allocates new ones (recently_deleted() in
    // fs/ext4/ialloc.c; perf shows it), which made the first 20,000-file checkout after a mass
    // delete up to 6x slower here, a kernel artefact that would land on whichever side ran
    // first. The worktrees left meanwhile cost neither side anything measurable.
    void remove_made() {
        for (const auto& name : made) {
            backend.call(VCS_OP(remove_workspace), {{"repo", repo.string()}, {"run", name}});
            if (fs::exists(git_dir(name))) {
                must_git(repo, {"worktree", "remove", "--force", git_dir(name).string()});
                must_git(repo, {"branch", "-q", "-D", "bench/" + name});
            }
        }
        made.clear();
        sync(); // write the deletions out now, not during the next op's timing
    }
};

Row bench_create(Bench& b) {
    Row row{"create_workspace | worktree add -b", {}, {}, 1.2};
    for (int rep = 0; rep < b.reps; ++rep) {
        std::string name = "create-" + std::to_string(rep);
        b.alternate(
            rep, row, [&] { b.create_gump(name); }, [&] { b.create_git(name); });
    }
    b.remove_made();
    return row;
}

// Both snapshots must record the same tree, or the comparison compares different work.
void check_same_tree(const fs::path& gump_ws, const fs::path& git_wt) {
    std::string a = git_output(gump_ws, "rev-parse HEAD^{tree}");
    std::string b = git_output(git_wt, "rev-parse HEAD^{tree}");
    if (a != b)
        throw std::runtime_error("gump's snapshot (tree " + a + ") differs from git's (tree " + b +
                                 "); the backend does not record what `git add -A` does");
}

Row bench_snapshot(Bench& b, int changes) {
    Row row{"snapshot, " + std::to_string(changes) + " files | add -A && commit", {}, {}, 1.0};
    for (int rep = 0; rep < b.reps; ++rep) {
        std::string name = "snap" + std::to_string(changes) + "-" + std::to_string(rep);
        std::string workspace(b.create_gump(name).at("path").as_string());
        b.create_git(name);
        apply_changes(workspace, changes);
        apply_changes(b.git_dir(name), changes);
        b.alternate(
            rep, row,
            [&] {
                b.backend.call(VCS_OP(snapshot), {{"workspace", workspace}, {"message", "bench"}});
            },
            [&] {
                must_git(b.git_dir(name), {"add", "-A"});
                must_git(b.git_dir(name), {"commit", "-q", "-m", "bench"});
            });
        check_same_tree(workspace, b.git_dir(name));
    }
    b.remove_made();
    return row;
}

// changed_files and diff between the base and a 300-file snapshot, both sides on the same
// worktree and the same two commits.
std::vector<Row> bench_diff(Bench& b) {
    Row files{"changed_files | diff --stat", {}, {}, 0};
    Row patch{"diff | diff (patch)", {}, {}, 0};
    json::object created = b.create_gump("diff");
    std::string workspace(created.at("path").as_string());
    std::string base(created.at("base").as_string());
    apply_changes(workspace, 300);
    b.backend.call(VCS_OP(snapshot), {{"workspace", workspace}, {"message", "bench"}});
    json::object request{{"workspace", workspace}, {"from", base}, {"to", "HEAD"}};
    for (int rep = 0; rep < b.reps; ++rep) {
        b.alternate(
            rep, files, [&] { b.backend.call(VCS_OP(changed_files), request); },
            [&] {
                must_git(workspace, {"diff", "--stat", base, "HEAD"});
            });
        b.alternate(
            rep, patch, [&] { b.backend.call(VCS_OP(diff), request); },
            [&] {
                must_git(workspace, {"diff", base, "HEAD"});
            });
    }
    b.remove_made();
    return {files, patch};
}

// ---- output ----

void print_table(const std::vector<Row>& rows) {
    std::printf("%-40s %10s %10s %9s  %s\n", "op (gump | git)", "gump ms", "git ms", "gump/git",
                "target");
    for (const auto& row : rows) {
        double g = median(row.gump), c = median(row.git), ratio = g / c;
        std::string target = "-";
        if (row.target > 0) {
            char text[48];
            std::snprintf(text, sizeof text, "<= %.1fx (%s)", row.target,
                          ratio <= row.target ? "met" : "missed");
            target = text;
        }
        std::printf("%-40s %10.1f %10.1f %8.2fx  %s\n", row.op.c_str(), g, c, ratio,
                    target.c_str());
    }
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--plugin")
            o.plugin = next();
        else if (arg == "--scratch")
            o.scratch = next();
        else if (arg == "--reps")
            o.reps = std::max(1, std::stoi(next()));
        else if (arg == "--ops")
            o.ops = next();
        else if (arg == "--verbose")
            o.verbose = true;
        else
            throw std::runtime_error("unknown argument " + arg +
                                     "; usage: gump_vcs_bench --plugin <so> --scratch <dir> "
                                     "[--reps N] [--ops create,snapshot,diff] [--verbose]");
    }
    if (o.plugin.empty() || o.scratch.empty())
        throw std::runtime_error("pass --plugin <vcs-*.so> and --scratch <dir>");
    return o;
}

bool wanted(const Options& o, const std::string& op) {
    return ("," + o.ops + ",").find("," + op + ",") != std::string::npos;
}

int run(const Options& o) {
    Backend backend(o.plugin);
    fs::create_directories(o.scratch);
    fs::path repo = prepare_repo(fs::absolute(o.scratch));
    Bench b{backend, repo, repo / ".gump" / "worktrees", o.reps, o.verbose, {}};
    std::cout << "backend '" << backend.id() << "' (" << o.plugin.string() << ") vs "
              << git_output(repo, "--version") << "; " << kFiles << " files in "
              << kTopDirs * (kSubDirs + 1) << " dirs; median of " << o.reps << " reps\n"
              << std::endl; // before any --verbose sample on stderr

    std::vector<Row> rows;
    if (wanted(o, "create")) rows.push_back(bench_create(b));
    if (wanted(o, "snapshot"))
        for (int changes : {10, 300})
            rows.push_back(bench_snapshot(b, changes));
    if (wanted(o, "diff"))
        for (auto& row : bench_diff(b))
            rows.push_back(std::move(row));
    print_table(rows);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(parse(argc, argv));
    } catch (const std::exception& e) {
        std::cerr << "gump_vcs_bench: " << e.what() << "\n";
        return 1;
    }
}
