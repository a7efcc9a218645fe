#pragma once
// Whole runs of the engine: a real git repository with a gump.toml, replay scripts and project
// workflows, `gump run` as a user types it, and the ledger, the state and the run's branch read
// back the way a user (or a tool) would: events.jsonl, state.json, artifacts, the git program.
#include "../support/git_repo.hpp"
#include "support.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <sys/types.h>
#include <thread>

namespace gump::e2e {

namespace json = boost::json;
using test::GitRepo;
using test::lines_of;
using test::read_file;

// git in `dir`; trailing blanks of stdout trimmed. A failing git is a test failure unless
// `may_fail`.
inline std::string git(const fs::path& dir, const std::vector<std::string>& args,
                       bool may_fail = false) {
    test::GitOutput r = test::git_in(dir, args);
    if (r.exit_code != 0 && !may_fail) {
        std::string shown;
        for (const auto& a : args)
            shown += " " + a;
        ADD_FAILURE() << "git" << shown << " failed (" << r.exit_code << "): " << r.err;
    }
    return r.out;
}

// One JSON object per non-empty line; a line that is not one is a test failure.
inline std::vector<json::object> json_lines(const std::string& text) {
    std::vector<json::object> out;
    for (const auto& line : lines_of(text)) {
        boost::system::error_code ec;
        json::value v = json::parse(line, ec);
        if (ec || !v.is_object()) {
            ADD_FAILURE() << "not a JSON object: " << line;
            continue;
        }
        out.push_back(v.as_object());
    }
    return out;
}

inline std::string str(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

inline long long num(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_number() ? v->to_number<long long>() : -1;
}

// The events of one type (of one step when `step` is given), in order.
inline std::vector<json::object> of_type(const std::vector<json::object>& events,
                                         const std::string& type, const std::string& step = "") {
    std::vector<json::object> out;
    for (const auto& e : events)
        if (str(e, "type") == type && (step.empty() || str(e, "step") == step)) out.push_back(e);
    return out;
}

inline std::vector<std::string> types_of(const std::vector<json::object>& events) {
    std::vector<std::string> out;
    for (const auto& e : events)
        out.push_back(str(e, "type"));
    return out;
}

// The steps of state.json that have this path (none or one).
inline const json::object* state_step(const json::object& state, const std::string& path) {
    const json::value* steps = state.if_contains("steps");
    if (!steps || !steps->is_array()) return nullptr;
    for (const auto& s : steps->as_array())
        if (s.is_object() && str(s.as_object(), "path") == path) return &s.as_object();
    return nullptr;
}

inline const json::array& attempts_of(const json::object& step) {
    return step.at("attempts").as_array();
}

// Whether `text` holds the `wanted` pieces in this order; the message names the first missing.
inline ::testing::AssertionResult in_order(const std::string& text,
                                           const std::vector<std::string>& wanted) {
    size_t at = 0;
    for (const auto& w : wanted) {
        size_t found = text.find(w, at);
        if (found == std::string::npos)
            return ::testing::AssertionFailure()
                   << "missing (in order) \"" << w << "\" after offset " << at << " of:\n"
                   << text;
        at = found + w.size();
    }
    return ::testing::AssertionSuccess();
}

// Whether a process still runs: a zombie (killed, not yet reaped) counts as gone.
inline bool process_alive(pid_t pid) {
    if (pid <= 0 || ::kill(pid, 0) != 0) return false;
    std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
    size_t paren = stat.rfind(')');
    return paren == std::string::npos || paren + 2 >= stat.size() || stat[paren + 2] != 'Z';
}

// Waits up to `timeout` for `done`, polling every 50 ms.
template <typename F>
bool wait_for(F done, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
}

// A project in a git repository: gump.toml, replay/<alias>.toml scripts, .gump/workflows.
// `.gump/` is ignored through info/exclude, as gump itself arranges, so `git status` of the
// user's checkout is empty before a run.
class EngineTest : public ::testing::Test {
protected:
    Project project;
    GitRepo repo{project.dir()};

    EngineTest() {
        std::ofstream(repo.dir() / ".git/info/exclude", std::ios::app) << ".gump/\n";
        spec("# Add a greeting\n\nWrite the greeting.\n");
    }

    const fs::path& dir() const { return repo.dir(); }
    fs::path write(const std::string& relative, const std::string& text) const {
        return repo.write(relative, text);
    }
    void config(const std::string& toml) const { write("gump.toml", toml); }
    void script(const std::string& alias, const std::string& toml) const {
        write("replay/" + alias + ".toml", toml);
    }
    void workflow(const std::string& name, const std::string& toml) const {
        write(".gump/workflows/" + name + ".toml", toml);
    }
    void spec(const std::string& text) const { write("spec.md", text); }

    // Agents cheap, strong and other (replay, each with its own script) and the gate `check`.
    void standard_config(const std::string& gate_command = "test -f done.txt",
                         const std::string& extra = "") const {
        config("[agents.cheap]\nplugin = \"replay\"\nscript = \"replay/cheap.toml\"\n"
               "[agents.strong]\nplugin = \"replay\"\nscript = \"replay/strong.toml\"\n"
               "[agents.other]\nplugin = \"replay\"\nscript = \"replay/other.toml\"\n"
               "[gates.check]\nplugin = \"command\"\ncommand = " +
               json::serialize(json::value(gate_command)) + "\n" + extra);
    }

    std::string commit(const std::string& message = "setup") const {
        return repo.commit_all(message);
    }

    Outcome run(const std::string& workflow_name, std::vector<std::string> extra = {},
                std::map<std::string, std::string> env = {}) const {
        std::vector<std::string> args{"run", "spec.md", "--workflow", workflow_name};
        args.insert(args.end(), extra.begin(), extra.end());
        return project.gump(args, env);
    }

    // `gump run` in the background, for tests that signal it.
    std::unique_ptr<process::Child> start_run(const std::string& workflow_name) const {
        process::CommandSpec spec;
        spec.argv = {GUMP_EXE, "run", "spec.md", "--workflow", workflow_name};
        spec.cwd = dir().string();
        spec.env = {{"HOME", project.home().string()}, {"NO_COLOR", "1"}};
        spec.env_remove = {"XDG_CONFIG_HOME", "GUMP_PLUGIN_PATH", "GUMP_LOG_LEVEL",
                           "GUMP_WORKSPACE_BACKEND"};
        spec.timeout_ms = 60'000;
        auto child = process::Child::spawn(spec);
        if (!child) {
            ADD_FAILURE() << "cannot start gump: " << child.error().message;
            return nullptr;
        }
        return std::move(*child);
    }

    // Waits until the only run's state.json shows `step` running, and `also` holds.
    template <typename F> bool wait_running(const std::string& step, F also) const {
        return wait_for([&] {
            auto ids = run_ids();
            if (ids.size() != 1 || !also()) return false;
            boost::system::error_code ec;
            json::value v = json::parse(read_file(run_dir(ids[0]) / "state.json"), ec);
            if (ec || !v.is_object()) return false;
            const json::object* s = state_step(v.as_object(), step);
            return s && str(*s, "status") == "running" &&
                   str(v.as_object(), "current_step") == step;
        });
    }

    std::vector<std::string> run_ids() const {
        std::vector<std::string> ids;
        std::error_code ec;
        fs::path runs = dir() / ".gump/runs";
        if (!fs::is_directory(runs, ec)) return ids;
        for (const auto& e : fs::directory_iterator(runs))
            if (e.is_directory()) ids.push_back(e.path().filename().string());
        std::sort(ids.begin(), ids.end());
        return ids;
    }
    // The one run of the project; a test failure when there is not exactly one.
    std::string run_id() const {
        auto ids = run_ids();
        if (ids.size() != 1) {
            ADD_FAILURE() << "expected one run, found " << ids.size();
            return ids.empty() ? std::string("none") : ids.back();
        }
        return ids.front();
    }

    fs::path run_dir(const std::string& id) const { return dir() / ".gump/runs" / id; }
    fs::path worktree(const std::string& id) const {
        return dir() / ".gump/worktrees" / ("run-" + id);
    }
    static std::string branch(const std::string& id) { return "gump/run-" + id; }

    std::vector<json::object> events(const std::string& id) const {
        return json_lines(read_file(run_dir(id) / "events.jsonl"));
    }
    json::object state(const std::string& id) const {
        boost::system::error_code ec;
        json::value v = json::parse(read_file(run_dir(id) / "state.json"), ec);
        if (ec || !v.is_object()) {
            ADD_FAILURE() << "state.json of " << id << " is not a JSON object";
            return {};
        }
        return v.as_object();
    }
    std::string artifact(const std::string& id, const std::string& relative) const {
        fs::path file = run_dir(id) / "artifacts" / relative;
        if (!fs::exists(file)) ADD_FAILURE() << "no artifact " << relative;
        return read_file(file);
    }

    std::string git(const std::vector<std::string>& args, bool may_fail = false) const {
        return e2e::git(dir(), args, may_fail);
    }
    // The run branch's commits after the base, oldest first.
    std::vector<std::string> run_commits(const std::string& id) const {
        std::string base = git({"rev-parse", "main"});
        return lines_of(git({"rev-list", "--reverse", base + ".." + branch(id)}));
    }
    // Every file of a commit's tree.
    std::vector<std::string> files_at(const std::string& rev) const {
        return lines_of(git({"ls-tree", "-r", "--name-only", rev}));
    }
    bool in_tree(const std::string& rev, const std::string& path) const {
        auto files = files_at(rev);
        return std::find(files.begin(), files.end(), path) != files.end();
    }
};

} // namespace gump::e2e
