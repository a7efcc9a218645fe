#pragma once
// Finished runs on disk, made the way gump's engine leaves them: a worktree on gump/run-<id>
// with snapshot commits, and `.gump/runs/<id>/run.json`.
#include "../support/git_repo.hpp"
#include "support.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <unistd.h>

namespace gump::e2e {

using test::git_in;
using test::GitRepo;

struct RunSpec {
    std::string id;
    std::string status = "pass";
    std::string created_at = "2026-11-20T10:00:00Z";
    long long pid = 0;
    long long pid_start = 0;
    std::vector<std::pair<std::string, std::string>> files; // written then snapshotted
};

// This process's start time as /proc tells it, so a run can claim to be run by a live process.
inline long long own_start_ticks() {
    std::ifstream in("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i)
        if (i == 22) return std::stoll(field);
    return 0;
}

inline fs::path worktree_of(const GitRepo& repo, const std::string& id) {
    return repo.dir() / ".gump/worktrees" / ("run-" + id);
}

// Returns the run branch's tip.
inline std::string make_run(const GitRepo& repo, const RunSpec& spec) {
    fs::path wt = worktree_of(repo, spec.id);
    std::string exclude = test::read_file(repo.dir() / ".git/info/exclude");
    if (exclude.find(".gump/") == std::string::npos)
        std::ofstream(repo.dir() / ".git/info/exclude", std::ios::app) << ".gump/\n";
    std::string base = repo.head();
    repo.git({"worktree", "add", "-q", "-b", "gump/run-" + spec.id, wt.string()});
    for (const auto& [path, text] : spec.files) {
        fs::create_directories((wt / path).parent_path());
        std::ofstream(wt / path) << text;
        git_in(wt, {"add", "-A"});
        git_in(wt, {"commit", "-q", "-m", "gump: build/1/impl attempt 1"});
    }
    boost::json::object record{{"id", spec.id},
                               {"status", spec.status},
                               {"workflow", "cheap2sota"},
                               {"spec", "spec.md"},
                               {"title", "Add a /healthz endpoint"},
                               {"created_at", spec.created_at},
                               {"updated_at", spec.created_at},
                               {"pid", spec.pid},
                               {"pid_start", spec.pid_start},
                               {"hostname", ""},
                               {"backend", "git"},
                               {"branch", "main"},
                               {"base", base},
                               {"workspace", wt.string()},
                               {"workspace_branch", "gump/run-" + spec.id},
                               {"items", 2},
                               {"cost_usd", 0.83},
                               {"turns", 8},
                               {"duration_ms", 52000},
                               {"applied", nullptr}};
    fs::path dir = repo.dir() / ".gump/runs" / spec.id;
    fs::create_directories(dir / "artifacts");
    std::ofstream(dir / "run.json") << boost::json::serialize(record) << "\n";
    std::ofstream(dir / "events.jsonl") << R"({"type":"run_started"})"
                                        << "\n";
    std::ofstream(repo.dir() / ".gump/runs/index.jsonl", std::ios::app)
        << boost::json::serialize(boost::json::object{{"id", spec.id}, {"status", spec.status}})
        << "\n";
    return git_in(wt, {"rev-parse", "HEAD"}).out;
}

inline boost::json::object run_json(const GitRepo& repo, const std::string& id) {
    return boost::json::parse(test::read_file(repo.dir() / ".gump/runs" / id / "run.json"))
        .as_object();
}

} // namespace gump::e2e
