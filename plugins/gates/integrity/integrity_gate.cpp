// The integrity gate: fails a step that made the tests easier instead of the code better (deleted
// or renamed-away tests, fewer test cases, added skip or focus markers, edited gate configuration),
// unless the item's own scope covers those files. Built only on the SDK, like any third-party
// plugin; it reads the repository through the git program, run by the host.
#include "assess.hpp"
#include "scan.hpp"
#include "settings.hpp"

#include <gump/sdk.hpp>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace integrity;

constexpr long long git_timeout_ms = 120'000;
constexpr size_t small_capture = 64 * 1024;        // rev-parse
constexpr size_t large_capture = 64 * 1024 * 1024; // a diff, a test file
constexpr size_t paths_per_diff = 400;             // pathspecs in one `git diff` command line

// Why the gate cannot judge: an error verdict, not the agent's fault.
struct CannotCheck : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string text_of(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::object plain_verdict(const char* verdict, const std::string& summary) {
    return {
        {"verdict", verdict}, {"summary", summary}, {"feedback", ""}, {"findings", json::array()}};
}

// The first line of git's complaint, without "fatal: ".
std::string complaint(std::string err) {
    if (size_t nl = err.find('\n'); nl != std::string::npos) err.resize(nl);
    for (const char* prefix : {"fatal: ", "error: "})
        if (err.starts_with(prefix)) err.erase(0, std::string(prefix).size());
    return err.empty() ? "no message" : err;
}

struct Ran {
    long long code = -1;
    std::string out;
    std::string err;
    bool truncated = false;
};

// git in the worktree, through the host (its own process group, killed on timeout or cancel).
class Git {
public:
    Git(const gump::sdk::Host& host, std::string worktree)
        : m_host(host), m_worktree(std::move(worktree)) {}

    Ran run(const std::vector<std::string>& args, size_t capture) const {
        json::array argv{"git", "-c", "core.quotePath=false", "--no-pager"};
        for (const std::string& a : args)
            argv.emplace_back(a);
        json::object request{
            {"argv", std::move(argv)},
            {"cwd", m_worktree},
            {"env", json::object{{"GIT_OPTIONAL_LOCKS", "0"},
                                 {"GIT_TERMINAL_PROMPT", "0"},
                                 {"LC_ALL", "C"}}},
            // The worktree, not the caller's environment, says which repository this is.
            {"env_remove", json::array{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
                                       "GIT_COMMON_DIR", "GIT_PREFIX"}},
            {"timeout_ms", git_timeout_ms},
            {"max_capture_bytes", capture}};
        json::object r;
        try {
            r = m_host.run_command(request);
        } catch (const gump::sdk::Error& e) {
            if (e.status() == GUMP_ERR_CANCELLED) throw;
            throw CannotCheck(std::string("git did not run: ") + e.what());
        }
        auto flag = [&r](const char* key) {
            const json::value* v = r.if_contains(key);
            return v && v->is_bool() && v->as_bool();
        };
        if (flag("cancelled")) throw gump::sdk::Error(GUMP_ERR_CANCELLED, "the gate was cancelled");
        std::string what = "`git " + args.front() + "`";
        if (flag("timed_out"))
            throw CannotCheck(what + " did not finish within " +
                              std::to_string(git_timeout_ms / 1000) + " seconds");
        Ran ran;
        if (const json::value* c = r.if_contains("exit_code"); c && c->is_number())
            ran.code = c->to_number<long long>();
        ran.out = text_of(r, "stdout");
        ran.err = text_of(r, "stderr");
        ran.truncated = flag("stdout_truncated");
        if (ran.code == 126 || ran.code == 127)
            throw CannotCheck("git did not run: it is not installed or not on PATH");
        return ran;
    }

    // The output of a command that must succeed.
    std::string output(const std::vector<std::string>& args) const {
        Ran ran = run(args, large_capture);
        if (ran.code != 0)
            throw CannotCheck("`git " + args.front() + "` failed: " + complaint(ran.err));
        if (ran.truncated)
            throw CannotCheck("`git " + args.front() + "` printed more than " +
                              std::to_string(large_capture / (1024 * 1024)) + " MB");
        return ran.out;
    }

    // The full id of the commit `rev` names ("base" or "head" says which).
    std::string commit(const std::string& rev, const char* which) const {
        if (rev.starts_with('-'))
            throw CannotCheck(std::string(which) + " \"" + rev + "\" is not a commit");
        Ran ran = run({"rev-parse", "--verify", "--quiet", rev + "^{commit}"}, small_capture);
        if (ran.code == 1)
            throw CannotCheck(std::string(which) + " " + rev + " is not a commit in " + m_worktree);
        if (ran.code != 0) throw CannotCheck("`git rev-parse` failed: " + complaint(ran.err));
        return ran.out.substr(0, ran.out.find_first_of("\r\n"));
    }

    // The file at a commit; nullopt when it is not a readable file there (a submodule) or too
    // large.
    std::optional<std::string> blob(const std::string& commit, const std::string& path) const {
        Ran ran = run({"cat-file", "blob", commit + ":" + path}, large_capture);
        if (ran.code != 0 || ran.truncated) return std::nullopt;
        return std::move(ran.out);
    }

    // The -U0 diff of `paths` (literal pathspecs), parsed. A part that is too large to capture
    // at once is taken file by file; a single file still too large is left out.
    std::vector<FileDiff> diff(const std::string& base, const std::string& head,
                               const std::vector<std::vector<std::string>>& paths) const {
        std::vector<FileDiff> out;
        auto add = [&out](std::vector<FileDiff> files) {
            for (FileDiff& f : files)
                out.push_back(std::move(f));
        };
        for (size_t first = 0; first < paths.size();) {
            std::vector<std::string> args{"diff", "-U0", "-M", "--no-color", "--no-ext-diff"};
            args.insert(args.end(), {"--no-textconv", "--src-prefix=a/", "--dst-prefix=b/"});
            args.insert(args.end(), {base, head, "--"});
            size_t end = first, n = 0;
            for (; end < paths.size() && (n == 0 || n + paths[end].size() <= paths_per_diff); ++end)
                for (const std::string& p : paths[end]) {
                    args.push_back(":(literal)" + p);
                    ++n;
                }
            Ran ran = run(args, large_capture);
            if (ran.code != 0) throw CannotCheck("`git diff` failed: " + complaint(ran.err));
            if (!ran.truncated) {
                add(parse_unified_diff(ran.out));
            } else if (end - first > 1) {
                for (size_t i = first; i < end; ++i)
                    add(diff(base, head, {paths[i]}));
            } else {
                m_host.warn("integrity: the diff of " + paths[first].back() +
                            " is too large to look for skip markers in");
            }
            first = end;
        }
        return out;
    }

private:
    const gump::sdk::Host& m_host;
    std::string m_worktree;
};

} // namespace

class IntegrityGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{
        "integrity", "1.0.0",
        "Fails a step that weakened the tests: deleted tests, fewer test cases, skip markers, "
        "edited gate configuration",
        R"schema({"type":"object","additionalProperties":false,"properties":{
"tests":{"type":"array","items":{"type":"string","minLength":1},"default":["**/*_test.*","**/test_*.py","**/*.test.*","**/*.spec.*","**/tests/**","**/test/**","**/__tests__/**"],"description":"globs of test files, on paths relative to the repository root (** spans directories); replaces the defaults"},
"config":{"type":"array","items":{"type":"string","minLength":1},"default":[".github/workflows/**",".gitlab-ci.yml",".ci/**","pytest.ini","tox.ini","setup.cfg","conftest.py","**/conftest.py","jest.config.*","vitest.config.*",".mocharc*","CTestTestfile.cmake","gump.toml",".gump/**"],"description":"globs of gate configuration (CI scripts, test runner configuration): any change to one fails; replaces the defaults"},
"allow_skips":{"type":"boolean","default":false,"description":"do not fail on added skip, ignore or focus markers"}}})schema"};

    IntegrityGate(gump::sdk::Host host, const json::object& config)
        : Gate(host), m_config(config), m_settings(parse_settings(config)) {}

    json::object check(const json::object& request) override {
        std::string gate = text_of(request, "gate");
        if (gate.empty()) gate = "integrity";
        std::string cannot = gate + " could not check: ";

        Settings settings = m_settings;
        try {
            if (request.contains("params"))
                settings = parse_settings(gump::sdk::with_params(m_config, request));
        } catch (const gump::sdk::Error& e) {
            return plain_verdict("error", cannot + e.what());
        }

        std::string worktree = text_of(request, "worktree");
        std::string base = text_of(request, "base");
        std::string head = text_of(request, "head");
        if (worktree.empty())
            return plain_verdict("error", cannot + "the request has no \"worktree\"");
        std::error_code ec;
        if (!fs::is_directory(worktree, ec))
            return plain_verdict("error",
                                 cannot + "the worktree " + worktree + " is not a directory");
        for (const auto& [value, key] : {std::pair{&base, "base"}, std::pair{&head, "head"}})
            if (value->empty())
                return plain_verdict("error", cannot + "the request has no \"" + key +
                                                  "\" commit; the gate judges the changes of "
                                                  "a step, so use it on a step's gates");
        if (base == head) return plain_verdict("skip", gate + ": nothing changed");

        try {
            Git git(host(), worktree);
            std::string from = git.commit(base, "base");
            std::string to = git.commit(head, "head");
            if (from == to) return plain_verdict("skip", gate + ": nothing changed");
            std::vector<Change> changes = parse_name_status(git.output(
                {"diff", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff", from, to}));

            std::vector<TestCount> counts;
            for (const Change& c : files_to_count(changes, settings)) {
                auto before = git.blob(from, c.old_path);
                auto after = git.blob(to, c.path);
                if (!before || !after) {
                    host().debug("integrity: cannot read " + c.path + " to count its tests");
                    continue;
                }
                TestCounts n = count_test_cases(c.old_path, *before, c.path, *after);
                counts.push_back({c.old_path, c.path, n.before, n.after});
            }

            std::vector<FileDiff> diffs;
            if (!settings.allow_skips) {
                std::vector<std::vector<std::string>> paths; // each file: its path(s)
                for (const Change& c : changes) {
                    if (c.status == 'D' || language_of(c.path) == Language::none) continue;
                    if (c.status == 'R' && c.old_path != c.path)
                        paths.push_back({c.old_path, c.path});
                    else
                        paths.push_back({c.path});
                }
                if (!paths.empty()) diffs = git.diff(from, to, paths);
            }
            return verdict_of(assess(changes, counts, diffs, settings, scope_of(request)), gate);
        } catch (const CannotCheck& e) {
            return plain_verdict("error", cannot + e.what());
        }
    }

private:
    // The item's "files": its own scope.
    static std::vector<std::string> scope_of(const json::object& request) {
        std::vector<std::string> out;
        const json::value* item = request.if_contains("item");
        if (!item || !item->is_object()) return out;
        const json::value* files = item->as_object().if_contains("files");
        if (!files || !files->is_array()) return out;
        for (const json::value& f : files->as_array())
            if (f.is_string()) out.emplace_back(f.as_string());
        return out;
    }

    json::object m_config;
    Settings m_settings;
};

GUMP_PLUGINS(IntegrityGate)
