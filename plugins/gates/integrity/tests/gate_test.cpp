// The gate through its C entry point, as the host calls it, on real git repositories: the test
// host's run_command really runs the program (fork/exec, stdout and stderr captured).
#include <gump/plugin.h>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern "C" const gump_library* GUMP_ENTRY_FUNCTION(void);

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

// ---- a test host ----------------------------------------------------------------------------

struct TestHost {
    bool git_missing = false;          // run_command fails as when the program is not found
    std::vector<std::string> commands; // the argv[1..] of each command, joined by blanks
    std::string result;
};

std::string read_all(int fd_out, int fd_err, std::string& err) {
    std::string out;
    pollfd fds[2] = {{fd_out, POLLIN, 0}, {fd_err, POLLIN, 0}};
    int open = 2;
    char buffer[65536];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                (i == 0 ? out : err).append(buffer, static_cast<size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    return out;
}

gump_status run_command(void* ctx, const char* request, size_t len, gump_str* result) {
    auto* host = static_cast<TestHost*>(ctx);
    json::object r = json::parse(std::string_view(request, len)).as_object();
    std::vector<std::string> argv;
    for (const json::value& a : r.at("argv").as_array())
        argv.emplace_back(a.as_string());
    std::string joined;
    for (size_t i = 1; i < argv.size(); ++i)
        joined += (i > 1 ? " " : "") + argv[i];
    host->commands.push_back(joined);
    if (host->git_missing) {
        host->result = "cannot run '" + argv[0] + "': not found on PATH";
        *result = {host->result.data(), host->result.size()};
        return GUMP_ERR_FAILED;
    }
    int out[2], err[2];
    if (::pipe(out) != 0 || ::pipe(err) != 0) return GUMP_ERR_INTERNAL;
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        ::close(out[0]);
        ::close(err[0]);
        ::close(out[1]);
        ::close(err[1]);
        if (const json::value* cwd = r.if_contains("cwd"))
            if (::chdir(std::string(cwd->as_string()).c_str()) != 0) ::_exit(126);
        if (const json::value* env = r.if_contains("env"))
            for (const auto& [k, v] : env->as_object())
                ::setenv(std::string(k).c_str(), std::string(v.as_string()).c_str(), 1);
        if (const json::value* gone = r.if_contains("env_remove"))
            for (const json::value& k : gone->as_array())
                ::unsetenv(std::string(k.as_string()).c_str());
        std::vector<char*> args;
        for (std::string& a : argv)
            args.push_back(a.data());
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    std::string stderr_text;
    std::string stdout_text = read_all(out[0], err[0], stderr_text);
    int status = 0;
    ::waitpid(pid, &status, 0);
    host->result =
        json::serialize(json::object{{"exit_code", WIFEXITED(status) ? WEXITSTATUS(status) : -1},
                                     {"signal", WIFSIGNALED(status) ? WTERMSIG(status) : 0},
                                     {"timed_out", false},
                                     {"duration_ms", 1},
                                     {"stdout", stdout_text},
                                     {"stderr", stderr_text},
                                     {"stdout_truncated", false},
                                     {"stderr_truncated", false}});
    *result = {host->result.data(), host->result.size()};
    return GUMP_OK;
}

void log(void*, gump_log_level, const char*, size_t) {}
void emit(void*, const char*, size_t) {}
int cancelled(void*) {
    return 0;
}
gump_status spawn(void*, const char*, size_t, gump_process**, gump_str*) {
    return GUMP_ERR_UNSUPPORTED;
}
gump_status read_line(void*, gump_process*, int32_t, gump_str*) {
    return GUMP_ERR_UNSUPPORTED;
}
void kill(void*, gump_process*, int32_t) {}
gump_status wait(void*, gump_process*, gump_str*) {
    return GUMP_ERR_UNSUPPORTED;
}
gump_status temp_dir(void*, gump_str*) {
    return GUMP_ERR_UNSUPPORTED;
}

// ---- the gate through its C entry point ------------------------------------------------------

const gump_manifest& manifest() {
    const gump_library* lib = GUMP_ENTRY_FUNCTION();
    EXPECT_EQ(lib->plugin_count, 1u);
    return *lib->plugins[0];
}

class Gate {
public:
    explicit Gate(const std::string& config = "{}") {
        m_services = {sizeof(gump_host), GUMP_ABI_MAJOR, GUMP_ABI_MINOR, &m_host,    &log,  &emit,
                      &cancelled,        &run_command,   &spawn,         &read_line, &kill, &wait,
                      &temp_dir};
        gump_str error{};
        m_status =
            manifest().create(&m_services, config.data(), config.size(), &m_instance, &error);
        m_error = std::string(error.data ? error.data : "", error.size);
    }
    ~Gate() {
        if (m_instance) manifest().destroy(m_instance);
    }
    gump_status status() const { return m_status; }
    const std::string& error() const { return m_error; }
    TestHost& host() { return m_host; }

    json::object check(const json::object& request) {
        std::string text = json::serialize(request);
        gump_str out{};
        auto* table = static_cast<const gump_gate_vtable*>(manifest().vtable);
        gump_status status = table->check(m_instance, text.data(), text.size(), &out);
        EXPECT_EQ(status, GUMP_OK) << std::string(out.data, out.size);
        return json::parse(std::string_view(out.data, out.size)).as_object();
    }

private:
    TestHost m_host;
    gump_host m_services{};
    void* m_instance = nullptr;
    gump_status m_status;
    std::string m_error;
};

// ---- a real repository -----------------------------------------------------------------------

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

class Repo {
public:
    Repo() {
        // The tests' git, and the gate's, ignore the machine's configuration.
        ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
        ::setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
        static int counter = 0;
        m_dir = fs::temp_directory_path() / ("integrity-gate-test-" + std::to_string(::getpid()) +
                                             "-" + std::to_string(++counter));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        git("init -q");
    }
    ~Repo() { fs::remove_all(m_dir); }
    std::string dir() const { return m_dir.string(); }

    void write(const std::string& path, const std::string& text) {
        fs::path file = m_dir / path;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
    }
    void remove(const std::string& path) { fs::remove(m_dir / path); }
    void move(const std::string& from, const std::string& to) {
        fs::create_directories((m_dir / to).parent_path());
        fs::rename(m_dir / from, m_dir / to);
    }
    void git(const std::string& args) {
        std::string command = "git -C " + quoted(dir()) + " " + args + " >/dev/null 2>&1";
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
    std::string commit(const std::string& message = "change") {
        git("add -A");
        git("-c user.name=t -c user.email=t@t -c commit.gpgsign=false commit -q --allow-empty "
            "-m " +
            quoted(message));
        std::string command = "git -C " + quoted(dir()) + " rev-parse HEAD";
        FILE* pipe = ::popen(command.c_str(), "r");
        std::string out;
        char buffer[128];
        while (pipe && std::fgets(buffer, sizeof buffer, pipe))
            out += buffer;
        if (pipe) ::pclose(pipe);
        while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
            out.pop_back();
        return out;
    }

private:
    fs::path m_dir;
};

json::object request(const Repo& repo, const std::string& base, const std::string& head,
                     json::value files = nullptr, json::object params = {}) {
    json::object r{{"worktree", repo.dir()},        {"gate", "integrity"}, {"step", "build/1/impl"},
                   {"params", std::move(params)},   {"base", base},        {"head", head},
                   {"changed_files", json::array()}};
    if (!files.is_null())
        r["item"] = json::object{{"name", "tidy-tests"},
                                 {"description", "Reorganise the tests."},
                                 {"files", std::move(files)},
                                 {"index", 0}};
    return r;
}

std::vector<std::string> kinds(const json::object& verdict, const char* key = "findings") {
    std::vector<std::string> out;
    for (const json::value& f : verdict.at(key).as_array()) {
        const json::object& o = f.as_object();
        std::string k(o.at("kind").as_string());
        k.append(" ").append(o.at("path").as_string());
        if (const json::value* line = o.if_contains("line"))
            k.append(":").append(std::to_string(line->to_number<long long>()));
        out.push_back(std::move(k));
    }
    return out;
}

using Kinds = std::vector<std::string>;

const std::string api_tests = "import pytest\n\n"
                              "def test_get():\n    assert True\n\n"
                              "def test_post():\n    assert True\n\n"
                              "def test_delete():\n    assert True\n";

// A small project: code, Python, Go, JS and C++ tests, CI and a runner configuration.
std::string seed(Repo& repo) {
    repo.write("src/api.py", "def get():\n    return 1\n");
    repo.write("tests/test_api.py", api_tests);
    repo.write("tests/test_util.py", "def test_util():\n    assert True\n");
    repo.write("pkg/calc_test.go", "package pkg\n\nimport \"testing\"\n\n"
                                   "func TestAdd(t *testing.T) {\n}\n\n"
                                   "func TestSub(t *testing.T) {\n}\n");
    repo.write("web/app.test.js", "describe('app', () => {\n  it('renders', () => {});\n"
                                  "  it('clicks', () => {});\n});\n");
    repo.write("tests/math_test.cpp", "#include <gtest/gtest.h>\n\nTEST(Math, Add) {}\n\n"
                                      "TEST(Math, Sub) {}\n");
    repo.write(".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu\n");
    repo.write("pytest.ini", "[pytest]\naddopts = -q\n");
    return repo.commit("seed");
}

TEST(Gate, Manifest) {
    const gump_manifest& m = manifest();
    EXPECT_EQ(m.kind, GUMP_KIND_GATE);
    EXPECT_STREQ(m.id, "integrity");
    json::object schema = json::parse(m.config_schema).as_object();
    const json::object& properties = schema.at("properties").as_object();
    EXPECT_TRUE(properties.contains("tests"));
    EXPECT_TRUE(properties.contains("config"));
    EXPECT_TRUE(properties.contains("allow_skips"));
    EXPECT_EQ(properties.at("tests").at("default").as_array().size(), 7u);
    EXPECT_EQ(properties.at("config").at("default").as_array().size(), 14u);
}

TEST(Gate, PassesABetterCodeAndMoreTests) {
    Repo repo;
    std::string base = seed(repo);
    repo.write("src/api.py", "def get():\n    return 2\n");
    repo.write("tests/test_api.py", api_tests + "\ndef test_put():\n    assert True\n");
    repo.write("tests/test_new.py", "def test_new():\n    assert True\n");
    std::string head = repo.commit();
    Gate gate;
    ASSERT_EQ(gate.status(), GUMP_OK) << gate.error();
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "integrity: no test weakened");
    EXPECT_EQ(v.at("feedback"), "");
    EXPECT_TRUE(v.at("findings").as_array().empty());
}

TEST(Gate, SkipsWhenNothingChanged) {
    Repo repo;
    std::string base = seed(repo);
    Gate gate;
    json::object v = gate.check(request(repo, base, base));
    EXPECT_EQ(v.at("verdict"), "skip");
    EXPECT_EQ(v.at("summary"), "integrity: nothing changed");
    EXPECT_TRUE(gate.host().commands.empty()); // not even git
    v = gate.check(request(repo, base, "HEAD"));
    EXPECT_EQ(v.at("verdict"), "skip");
}

TEST(Gate, DeletedTest) {
    Repo repo;
    std::string base = seed(repo);
    repo.remove("tests/test_util.py");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("summary"), "integrity: 1 finding: deleted tests/test_util.py");
    EXPECT_EQ(v.at("feedback"),
              "restore tests/test_util.py: a step may not delete tests to pass\n");
    EXPECT_EQ(v.at("findings").as_array().at(0),
              json::parse(R"({"kind":"deleted-test","path":"tests/test_util.py",
                              "detail":"tests/test_util.py was deleted"})"));
}

TEST(Gate, TestRenamedAwayFromTheTests) {
    Repo repo;
    std::string base = seed(repo);
    repo.move("tests/test_api.py", "src/api_checks.py");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("summary"),
              "integrity: 1 finding: renamed tests/test_api.py to src/api_checks.py");
    EXPECT_EQ(v.at("feedback"),
              "restore tests/test_api.py (renamed to src/api_checks.py, which is not a test path, "
              "so its tests no longer run): a step may not remove tests to pass\n");
    EXPECT_EQ(v.at("findings").as_array().at(0).at("renamed_to"), "src/api_checks.py");
}

TEST(Gate, RenameWithinTheTestsIsFine) {
    Repo repo;
    std::string base = seed(repo);
    repo.move("tests/test_api.py", "tests/unit/test_api.py");
    std::string head = repo.commit();
    Gate gate;
    EXPECT_EQ(gate.check(request(repo, base, head)).at("verdict"), "pass");
}

TEST(Gate, FewerTestCasesInEachLanguage) {
    Repo repo;
    std::string base = seed(repo);
    repo.write("tests/test_api.py", "import pytest\n\ndef test_get():\n    assert True\n");
    repo.write("pkg/calc_test.go", "package pkg\n\nimport \"testing\"\n\n"
                                   "func TestAdd(t *testing.T) {\n}\n");
    repo.write("web/app.test.js", "describe('app', () => {\n  it('renders', () => {});\n"
                                  "  // it('clicks', () => {});\n});\n");
    repo.write("tests/math_test.cpp", "#include <gtest/gtest.h>\n\nTEST(Math, Add) {}\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(kinds(v), (Kinds{"fewer-tests pkg/calc_test.go", "fewer-tests tests/math_test.cpp",
                               "fewer-tests tests/test_api.py", "fewer-tests web/app.test.js"}));
    EXPECT_EQ(v.at("findings").as_array().at(2),
              json::parse(R"({"kind":"fewer-tests","path":"tests/test_api.py",
                  "detail":"tests/test_api.py: 3 test cases before, 1 after","before":3,"after":1})"));
    std::string feedback(v.at("feedback").as_string());
    EXPECT_NE(feedback.find("tests/test_api.py: 3 test cases before, 1 after; restore the removed "
                            "test cases (renaming or rewriting a test is fine, dropping it is "
                            "not): a step may not remove tests to pass\n"),
              std::string::npos)
        << feedback;
    EXPECT_NE(feedback.find("web/app.test.js: 2 test cases before, 1 after; restore the removed "
                            "test case "),
              std::string::npos)
        << feedback;
}

TEST(Gate, FewerTestCasesInARenamedTestFile) {
    Repo repo;
    std::string base = seed(repo);
    repo.move("tests/test_api.py", "tests/test_http.py");
    repo.write("tests/test_http.py", "import pytest\n\n"
                                     "def test_get():\n    assert True\n\n"
                                     "def test_post():\n    assert True\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("summary"),
              "integrity: 1 finding: fewer test cases in tests/test_http.py (3 before, 2 after)");
    EXPECT_EQ(v.at("findings").as_array().at(0).at("detail"),
              "tests/test_http.py (was tests/test_api.py): 3 test cases before, 2 after");
}

TEST(Gate, AddedSkipMarkersWithTheirLines) {
    Repo repo;
    std::string base = seed(repo);
    repo.write("tests/test_api.py", "import pytest\n\n"
                                    "def test_get():\n    assert True\n\n"
                                    "@pytest.mark.skip(reason=\"flaky\")\n"
                                    "def test_post():\n    assert True\n\n"
                                    "def test_delete():\n    assert True\n");
    repo.write("pkg/calc_test.go", "package pkg\n\nimport \"testing\"\n\n"
                                   "func TestAdd(t *testing.T) {\n\tt.Skip(\"later\")\n}\n\n"
                                   "func TestSub(t *testing.T) {\n}\n");
    repo.write("web/app.test.js", "describe('app', () => {\n  it.only('renders', () => {});\n"
                                  "  it.skip('clicks', () => {});\n});\n");
    repo.write("tests/math_test.cpp", "#include <gtest/gtest.h>\n\nTEST(Math, DISABLED_Add) {}\n\n"
                                      "TEST(Math, Sub) { GTEST_SKIP(); }\n");
    repo.write("src/lib.rs", "#[cfg(test)]\nmod tests {\n    #[test]\n    #[ignore]\n"
                             "    fn slow() {}\n}\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(kinds(v),
              (Kinds{"skip-marker pkg/calc_test.go:6", "skip-marker src/lib.rs:4",
                     "skip-marker tests/math_test.cpp:3", "skip-marker tests/math_test.cpp:5",
                     "skip-marker tests/test_api.py:6", "skip-marker web/app.test.js:2",
                     "skip-marker web/app.test.js:3"}));
    EXPECT_EQ(v.at("summary"),
              "integrity: 7 findings: skip marker at pkg/calc_test.go:6, skip marker at "
              "src/lib.rs:4, skip marker at tests/math_test.cpp:3, skip marker at "
              "tests/math_test.cpp:5, skip marker at tests/test_api.py:6, and 2 more");
    const json::array& findings = v.at("findings").as_array();
    EXPECT_EQ(findings.at(4), json::parse(R"json({"kind":"skip-marker","path":"tests/test_api.py",
        "line":6,"detail":"added @pytest.mark.skip: @pytest.mark.skip(reason=\"flaky\")",
        "marker":"@pytest.mark.skip"})json"));
    EXPECT_EQ(findings.at(2).at("marker"), "DISABLED_Add");
    std::string feedback(v.at("feedback").as_string());
    EXPECT_NE(feedback.find("remove t.Skip at pkg/calc_test.go:6 and make the test pass instead: "
                            "a step may not skip tests to pass\n"),
              std::string::npos);
    EXPECT_NE(feedback.find("remove it.only at web/app.test.js:2: focusing on some tests keeps "
                            "the others from running; a step may not skip tests to pass\n"),
              std::string::npos);

    Gate lenient(R"({"allow_skips": true})");
    EXPECT_EQ(lenient.check(request(repo, base, head)).at("verdict"), "pass");
}

TEST(Gate, EditedGateConfiguration) {
    Repo repo;
    std::string base = seed(repo);
    repo.write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
    repo.write("pytest.ini", "[pytest]\naddopts = -q --deselect tests/test_api.py\n");
    repo.write("tests/conftest.py", "collect_ignore = ['test_api.py']\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(kinds(v), (Kinds{"gate-config .github/workflows/ci.yml", "gate-config pytest.ini",
                               "gate-config tests/conftest.py"}));
    EXPECT_EQ(v.at("summary"),
              "integrity: 3 findings: edited gate configuration .github/workflows/ci.yml, edited "
              "gate configuration pytest.ini, added gate configuration tests/conftest.py");
    EXPECT_EQ(v.at("feedback"),
              "revert the change to .github/workflows/ci.yml: a step may not change how it is "
              "checked (CI scripts, test runner configuration) to pass\n"
              "revert the change to pytest.ini: a step may not change how it is checked (CI "
              "scripts, test runner configuration) to pass\n"
              "remove tests/conftest.py: a step may not change how it is checked (CI scripts, test "
              "runner configuration) to pass\n");
}

TEST(Gate, EveryFindingAtOnce) {
    Repo repo;
    std::string base = seed(repo);
    repo.remove("tests/test_util.py");
    repo.write("tests/test_api.py", "import pytest\n\n"
                                    "def test_get():\n    assert True\n\n"
                                    "def test_post():\n    assert True\n\n"
                                    "@pytest.mark.skip\n"
                                    "def test_delete():\n    assert True\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("summary"), "integrity: 2 findings: deleted tests/test_util.py, skip marker at "
                               "tests/test_api.py:9");
    EXPECT_EQ(v.at("feedback"),
              "restore tests/test_util.py: a step may not delete tests to pass\n"
              "remove @pytest.mark.skip at tests/test_api.py:9 and make the test pass instead: a "
              "step may not skip tests to pass\n");
}

TEST(Gate, ItemScopeAllowsAnExplicitDeletionOrRename) {
    Repo repo;
    std::string base = seed(repo);
    repo.remove("tests/test_util.py");
    repo.move("tests/test_api.py", "src/api_checks.py");
    repo.write("pytest.ini", "[pytest]\naddopts = -q -x\n");
    std::string head = repo.commit();
    Gate gate;

    json::object v = gate.check(
        request(repo, base, head,
                json::array{"src/**", "tests/test_util.py", "tests/test_api.py", "pytest.ini"}));
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "integrity: no test weakened");
    EXPECT_EQ(kinds(v, "excused"),
              (Kinds{"deleted-test tests/test_api.py", "deleted-test tests/test_util.py",
                     "gate-config pytest.ini"}));

    // A scope that covers only part of it: the rest still fails.
    v = gate.check(request(repo, base, head, json::array{"tests/test_util.py"}));
    EXPECT_EQ(kinds(v), (Kinds{"deleted-test tests/test_api.py", "gate-config pytest.ini"}));

    // "Everything" is no explicit scope.
    v = gate.check(request(repo, base, head, json::array{"**"}));
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("findings").as_array().size(), 3u);
    v = gate.check(request(repo, base, head, json::array{"**/*"}));
    EXPECT_EQ(v.at("findings").as_array().size(), 3u);
}

TEST(Gate, ParamsReplaceTheDefaults) {
    Repo repo;
    std::string base = seed(repo);
    repo.remove("tests/test_util.py");
    repo.write("Makefile", "test:\n\ttrue\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(
        request(repo, base, head, nullptr,
                {{"tests", json::array{"spec/**"}}, {"config", json::array{"Makefile"}}}));
    EXPECT_EQ(kinds(v), (Kinds{"gate-config Makefile"}));
    EXPECT_EQ(v.at("findings").as_array().at(0).at("detail"),
              "Makefile (gate configuration) was added");
}

TEST(Gate, PathsWithBlanksAndQuotes) {
    Repo repo;
    repo.write("tests/test a.py", "def test_a():\n    pass\n\ndef test_b():\n    pass\n");
    repo.write("tests/test \"q\".py", "def test_q():\n    pass\n");
    std::string base = repo.commit();
    repo.write("tests/test a.py", "def test_a():\n    pass\n");
    repo.write("tests/test \"q\".py",
               "import pytest\n@pytest.mark.xfail\ndef test_q():\n    pass\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(kinds(v),
              (Kinds{"fewer-tests tests/test a.py", "skip-marker tests/test \"q\".py:2"}));
}

TEST(Gate, ErrorsWhenItCannotJudge) {
    Repo repo;
    std::string base = seed(repo);
    Gate gate;
    json::object v = gate.check(request(repo, base, "0123456789abcdef0123456789abcdef01234567"));
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(std::string(v.at("summary").as_string()),
              "integrity could not check: head "
              "0123456789abcdef0123456789abcdef01234567 is not a commit in " +
                  repo.dir());

    json::object r = request(repo, base, "HEAD");
    r.erase("base");
    v = gate.check(r);
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"),
              "integrity could not check: the request has no \"base\" commit; the gate judges the "
              "changes of a step, so use it on a step's gates");

    v = gate.check(request(repo, "--output=/tmp/x", base));
    EXPECT_EQ(v.at("summary"),
              "integrity could not check: base \"--output=/tmp/x\" is not a commit");

    json::object outside = request(repo, "a", "b");
    outside["worktree"] = "/nonexistent/integrity/worktree";
    v = gate.check(outside);
    EXPECT_EQ(v.at("summary"), "integrity could not check: the worktree "
                               "/nonexistent/integrity/worktree is not a directory");

    r = request(repo, base, "HEAD");
    r["params"] = json::object{{"allow_skips", "yes"}};
    v = gate.check(r);
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"), "integrity could not check: allow_skips must be true or false: "
                               "write allow_skips = true");
}

TEST(Gate, ErrorsOutsideARepository) {
    fs::path dir =
        fs::temp_directory_path() / ("integrity-gate-norepo-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    ::setenv("GIT_CEILING_DIRECTORIES", dir.parent_path().c_str(), 1);
    Gate gate;
    json::object r{{"worktree", dir.string()}, {"gate", "integrity"}, {"base", "a"}, {"head", "b"}};
    json::object v = gate.check(r);
    ::unsetenv("GIT_CEILING_DIRECTORIES");
    fs::remove_all(dir);
    EXPECT_EQ(v.at("verdict"), "error");
    std::string summary(v.at("summary").as_string());
    EXPECT_TRUE(summary.starts_with("integrity could not check: `git rev-parse` failed: not a git "
                                    "repository"))
        << summary;
}

TEST(Gate, ErrorsWithoutGit) {
    Repo repo;
    std::string base = seed(repo);
    repo.remove("tests/test_util.py");
    std::string head = repo.commit();
    Gate gate;
    gate.host().git_missing = true;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"),
              "integrity could not check: git did not run: cannot run 'git': not found on PATH");
}

TEST(Gate, BadConfigurationIsRefused) {
    Gate tests(R"({"tests": "tests/**"})");
    EXPECT_EQ(tests.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(tests.error(),
              R"(tests must be an array of globs: write tests = ["**/*_test.*", "tests/**"])");
    Gate config(R"({"config": ["ci/**", ""]})");
    EXPECT_EQ(config.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(config.error(),
              R"(config entry 2 is empty: write config = [".github/workflows/**", "pytest.ini"])");
    Gate skips(R"({"allow_skips": 1})");
    EXPECT_EQ(skips.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(skips.error(), "allow_skips must be true or false: write allow_skips = true");
}

} // namespace
