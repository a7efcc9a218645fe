// The tests-found gate: passes a step that added or changed at least one test file in which the
// test runner actually discovers a test. Built only on the SDK, like any third-party plugin; it
// runs the listing commands (pytest, go, cargo, ctest) through the host.
#include "discover.hpp"
#include "settings.hpp"

#include <gump/sdk.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace tests_found;

constexpr long long list_timeout_ms = 600'000;
constexpr size_t capture = 16 * 1024 * 1024;

// Why the gate cannot judge: an error verdict, not the agent's fault.
struct CannotCheck : std::runtime_error {
    using std::runtime_error::runtime_error;
};

json::object plain_verdict(const char* verdict, const std::string& summary) {
    return {
        {"verdict", verdict}, {"summary", summary}, {"feedback", ""}, {"findings", json::array()}};
}

std::string text_of(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string first_line(const std::string& s) {
    std::istringstream in(s);
    std::string line, last;
    while (std::getline(in, line))
        if (line.find("rror") != std::string::npos)
            return line;
        else if (!line.empty())
            last = line;
    return last.empty() ? "no message" : last;
}

struct Ran {
    long long code = -1;
    std::string out;
    std::string err;
};

class Runner {
public:
    Runner(const gump::sdk::Host& host, std::string worktree)
        : m_host(host), m_worktree(std::move(worktree)) {}

    // Runs argv in the worktree; `install` is what to install when the program is missing
    // (empty: a missing program is exit 127, not an error).
    Ran run(const std::vector<std::string>& argv, const std::string& install) const {
        json::array args;
        for (const std::string& a : argv)
            args.emplace_back(a);
        json::object request{{"argv", std::move(args)},
                             {"cwd", m_worktree},
                             {"env", json::object{{"LC_ALL", "C"}}},
                             {"timeout_ms", list_timeout_ms},
                             {"max_capture_bytes", capture}};
        json::object r;
        Ran ran;
        try {
            r = m_host.run_command(request);
        } catch (const gump::sdk::Error& e) {
            if (e.status() == GUMP_ERR_CANCELLED) throw;
            if (install.empty()) return ran;
            throw CannotCheck("`" + argv.front() + "` did not run (" + e.what() + "); install " +
                              install);
        }
        auto flag = [&r](const char* key) {
            const json::value* v = r.if_contains(key);
            return v && v->is_bool() && v->as_bool();
        };
        if (flag("cancelled")) throw gump::sdk::Error(GUMP_ERR_CANCELLED, "the gate was cancelled");
        if (flag("timed_out"))
            throw CannotCheck("`" + argv.front() + "` did not finish within " +
                              std::to_string(list_timeout_ms / 1000) + " seconds");
        if (const json::value* c = r.if_contains("exit_code"); c && c->is_number())
            ran.code = c->to_number<long long>();
        ran.out = text_of(r, "stdout");
        ran.err = text_of(r, "stderr");
        if ((ran.code == 126 || ran.code == 127) && !install.empty())
            throw CannotCheck("`" + argv.front() + "` is not installed or not on PATH; install " +
                              install);
        return ran;
    }

    const std::string& worktree() const { return m_worktree; }

private:
    const gump::sdk::Host& m_host;
    std::string m_worktree;
};

std::optional<std::string> read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct TestFile {
    std::string path;
    Language language;
    std::string text;
};

FileResult none_found(const TestFile& f, const std::string& why) {
    return {f.path, 0, why + "; " + naming_hint(f.language)};
}

// Python: pytest when it is importable, else the unittest classes read from the files.
void discover_python(const Runner& run, const std::vector<TestFile>& files,
                     std::vector<FileResult>& out) {
    if (files.empty()) return;
    if (run.run({"python3", "-c", "import pytest"}, "").code != 0) {
        for (const TestFile& f : files) {
            size_t n = unittest_tests(f.text).size();
            out.push_back(n ? FileResult{f.path, n, ""}
                            : none_found(f, "pytest is not installed and unittest finds no "
                                            "test_* method of a unittest.TestCase class in it"));
        }
        return;
    }
    std::vector<std::string> argv{"python3", "-m",          "pytest", "--collect-only",
                                  "-q",      "--rootdir=.", "-p",     "no:cacheprovider"};
    for (const TestFile& f : files)
        argv.push_back(f.path);
    Ran ran = run.run(argv, "python3");
    std::map<std::string, size_t> counts = parse_pytest_collect(ran.out);
    for (const TestFile& f : files) {
        size_t n = counts.count(f.path) ? counts[f.path] : 0;
        std::string why = ran.code == 0 || ran.code == 5
                              ? "the runner (pytest) found no test in it"
                              : "pytest could not collect it (exit " + std::to_string(ran.code) +
                                    ": " + first_line(ran.out + "\n" + ran.err) + ")";
        out.push_back(n ? FileResult{f.path, n, ""} : none_found(f, why));
    }
}

void discover_go(const Runner& run, const std::vector<TestFile>& files,
                 std::vector<FileResult>& out) {
    std::map<std::string, std::vector<std::string>> listed; // by package directory
    for (const TestFile& f : files) {
        std::string dir = fs::path(f.path).parent_path().generic_string();
        if (!listed.count(dir)) {
            Ran ran = run.run({"go", "test", "-list", ".", "./" + dir}, "Go (the go command)");
            listed[dir] = parse_go_list(ran.out);
            if (ran.code != 0) {
                out.push_back(none_found(f, "`go test -list` failed: " + first_line(ran.err)));
                continue;
            }
        }
        size_t n = count_listed(Language::go, static_tests(Language::go, f.text), listed[dir]);
        out.push_back(n ? FileResult{f.path, n, ""}
                        : none_found(f, "the runner (go test -list) found no test in it"));
    }
}

void discover_listed(const Runner& run, const std::vector<TestFile>& files,
                     const std::vector<std::string>& argv, const std::string& install,
                     std::vector<std::string> (*parse)(std::string_view),
                     std::vector<FileResult>& out) {
    if (files.empty()) return;
    Ran ran = run.run(argv, install);
    std::vector<std::string> listed = parse(ran.out);
    std::string name = argv.front();
    for (const TestFile& f : files) {
        size_t n = count_listed(f.language, static_tests(f.language, f.text), listed);
        std::string why = ran.code == 0 ? "the runner (" + name + ") found no test in it"
                                        : "`" + name + "` failed: " + first_line(ran.err);
        out.push_back(n ? FileResult{f.path, n, ""} : none_found(f, why));
    }
}

} // namespace

class TestsFoundGate final : public gump::sdk::Gate {
public:
    static constexpr gump::sdk::Info info{
        "tests-found", "1.0.0",
        "Passes a step that added or changed a test the test runner actually discovers",
        R"schema({"type":"object","additionalProperties":false,"properties":{
"tests":{"type":"array","items":{"type":"string","minLength":1},"default":["**/*_test.*","**/test_*.py","**/*_test.py","**/*.test.*","**/*.spec.*","**/tests/**","**/test/**"],"description":"globs of test files, on paths relative to the repository root (** spans directories); replaces the defaults"},
"command":{"type":["string","array"],"items":{"type":"string"},"description":"a command listing the tests (a string runs through sh -c); a changed test file counts the output lines naming its path or stem"}}})schema"};

    TestsFoundGate(gump::sdk::Host host, const json::object& config)
        : Gate(host), m_config(config), m_settings(parse_settings(config)) {}

    json::object check(const json::object& request) override {
        std::string gate = text_of(request, "gate");
        if (gate.empty()) gate = "tests-found";
        std::string cannot = gate + " could not check: ";

        Settings settings = m_settings;
        try {
            if (request.contains("params"))
                settings = parse_settings(gump::sdk::with_params(m_config, request));
        } catch (const gump::sdk::Error& e) {
            return plain_verdict("error", cannot + e.what());
        }

        const json::value* changed = request.if_contains("changed_files");
        if (!changed || changed->is_null())
            return plain_verdict("skip", gate + ": skipped, the request has no changed files (the "
                                                "gate judges what a step changed)");
        if (!changed->is_array())
            return plain_verdict("error", cannot + "the request's \"changed_files\" is not an "
                                                   "array of strings");
        std::string worktree = text_of(request, "worktree");
        std::error_code ec;
        if (worktree.empty() || !fs::is_directory(worktree, ec))
            return plain_verdict("error",
                                 cannot + "the worktree \"" + worktree + "\" is not a directory");

        std::vector<TestFile> files;
        for (const json::value& v : changed->as_array()) {
            if (!v.is_string()) continue;
            std::string path = normalized_path(v.as_string());
            Language language = language_of(path);
            if (language == Language::none || is_support_file(path)) continue;
            bool is_test = false;
            for (const Glob& g : settings.tests)
                is_test = is_test || g.matches(path);
            fs::path file = fs::path(worktree) / path;
            if (!is_test || !fs::is_regular_file(file, ec)) continue; // deleted: not a test
            if (auto text = read_text(file)) files.push_back({path, language, std::move(*text)});
        }
        if (files.empty()) {
            std::string globs;
            for (const Glob& g : settings.tests)
                globs += (globs.empty() ? "" : ", ") + g.pattern();
            json::object v = plain_verdict(
                "fail", gate +
                            ": the step changed no test file; add a test for the behaviour you "
                            "built (test files: " +
                            globs + ")");
            v["feedback"] = v["summary"];
            return v;
        }

        try {
            return verdict_of(discover(Runner(host(), worktree), settings, files), gate);
        } catch (const CannotCheck& e) {
            return plain_verdict("error", cannot + e.what());
        }
    }

private:
    static std::vector<FileResult> discover(const Runner& run, const Settings& settings,
                                            const std::vector<TestFile>& files) {
        std::vector<FileResult> out;
        if (!settings.command.empty()) {
            Ran ran = run.run(settings.command, "the program of the gate's command");
            if (ran.code != 0)
                throw CannotCheck("the listing command failed (exit " + std::to_string(ran.code) +
                                  "): " + first_line(ran.err));
            for (const TestFile& f : files) {
                size_t n = count_mentions(ran.out, f.path);
                out.push_back(n ? FileResult{f.path, n, ""}
                                : none_found(f, "the listing command does not name it"));
            }
            return out;
        }
        fs::path root(run.worktree());
        std::error_code ec;
        bool cargo = fs::exists(root / "Cargo.toml", ec);
        bool ctest = fs::exists(root / "build" / "CTestTestfile.cmake", ec);
        std::vector<TestFile> python, go, rust, cpp;
        for (const TestFile& f : files) {
            if (f.language == Language::python)
                python.push_back(f);
            else if (f.language == Language::go)
                go.push_back(f);
            else if (f.language == Language::rust && cargo)
                rust.push_back(f);
            else if (f.language == Language::cpp && ctest)
                cpp.push_back(f);
            else {
                // No runner to ask (Node, or no build): the test cases the file defines.
                size_t n = static_tests(f.language, f.text).size();
                out.push_back(n ? FileResult{f.path, n, ""}
                                : none_found(f, "it defines no test case"));
            }
        }
        discover_python(run, python, out);
        discover_go(run, go, out);
        discover_listed(run, rust, {"cargo", "test", "-q", "--", "--list"}, "Rust (cargo)",
                        &parse_cargo_list, out);
        discover_listed(run, cpp, {"ctest", "--test-dir", "build", "-N"}, "CMake (ctest)",
                        &parse_ctest_list, out);
        return out;
    }

    json::object m_config;
    Settings m_settings;
};

GUMP_PLUGINS(TestsFoundGate)
