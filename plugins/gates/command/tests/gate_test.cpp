// The gate through its C entry point, as the host calls it, with a fake host whose run_command
// really runs the command (fork and exec, stdout and stderr to files).
#include "temp_dir.hpp"

#include <gump/plugin.h>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern "C" const gump_library* GUMP_ENTRY_FUNCTION(void);

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using command_gate::testing::TempDir;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs argv in cwd with env on top of ours; the result as gump_host::run_command gives it.
json::object run(const json::object& request) {
    std::vector<std::string> args;
    for (const json::value& a : request.at("argv").as_array())
        args.emplace_back(a.as_string());
    std::string cwd = request.contains("cwd") ? std::string(request.at("cwd").as_string()) : ".";
    std::string out_path = (fs::temp_directory_path() / "gump-fake-host-XXXXXX").string();
    std::string err_path = out_path;
    int out_fd = ::mkstemp(out_path.data());
    int err_fd = ::mkstemp(err_path.data());
    pid_t pid = ::fork();
    if (pid == 0) {
        if (::chdir(cwd.c_str()) != 0) ::_exit(126);
        if (const json::value* env = request.if_contains("env"))
            for (const auto& [name, value] : env->as_object())
                ::setenv(std::string(name).c_str(), std::string(value.as_string()).c_str(), 1);
        int null = ::open("/dev/null", O_RDONLY);
        ::dup2(null, 0);
        ::dup2(out_fd, 1);
        ::dup2(err_fd, 2);
        std::vector<char*> argv;
        for (std::string& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out_fd);
    ::close(err_fd);
    int status = 0;
    ::waitpid(pid, &status, 0);
    json::object result{{"exit_code", WIFEXITED(status) ? WEXITSTATUS(status) : -1},
                        {"signal", WIFSIGNALED(status) ? WTERMSIG(status) : 0},
                        {"timed_out", false},
                        {"duration_ms", 1},
                        {"stdout", slurp(out_path)},
                        {"stderr", slurp(err_path)}};
    ::unlink(out_path.c_str());
    ::unlink(err_path.c_str());
    return result;
}

struct FakeHost {
    gump_host table{};
    std::string result;
    std::vector<json::object> requests; // every run_command, in order

    FakeHost() {
        table.struct_size = sizeof(gump_host);
        table.abi_major = GUMP_ABI_MAJOR;
        table.abi_minor = GUMP_ABI_MINOR;
        table.ctx = this;
        table.log = [](void*, gump_log_level, const char*, size_t) {};
        table.emit = [](void*, const char*, size_t) {};
        table.cancelled = [](void*) { return 0; };
        table.run_command = [](void* ctx, const char* text, size_t len, gump_str* out) {
            auto* self = static_cast<FakeHost*>(ctx);
            json::object request = json::parse(std::string_view(text, len)).as_object();
            self->requests.push_back(request);
            self->result = json::serialize(run(request));
            *out = gump_str{self->result.data(), self->result.size()};
            return GUMP_OK;
        };
    }

    bool ran(const std::string& shell) const {
        for (const json::object& r : requests)
            if (r.at("argv").as_array().back().as_string() == shell) return true;
        return false;
    }
};

const gump_manifest& manifest() {
    return *GUMP_ENTRY_FUNCTION()->plugins[0];
}

class Gate {
public:
    explicit Gate(FakeHost& host, const json::object& config = {}) {
        std::string text = json::serialize(config);
        gump_str error{};
        gump_status status =
            manifest().create(&host.table, text.data(), text.size(), &m_instance, &error);
        EXPECT_EQ(status, GUMP_OK) << std::string(error.data, error.size);
    }
    ~Gate() {
        if (m_instance) manifest().destroy(m_instance);
    }

    json::object check(const json::object& request) {
        std::string text = json::serialize(request);
        gump_str out{};
        auto* table = static_cast<const gump_gate_vtable*>(manifest().vtable);
        gump_status status = table->check(m_instance, text.data(), text.size(), &out);
        EXPECT_EQ(status, GUMP_OK) << std::string(out.data, out.size);
        return json::parse(std::string_view(out.data, out.size)).as_object();
    }

private:
    void* m_instance = nullptr;
};

json::object request(const TempDir& dir, const char* gate, json::object params = {}) {
    return {{"worktree", dir.str()}, {"gate", gate}, {"params", std::move(params)}};
}

std::string text(const json::object& v, const char* key) {
    const json::value* field = v.if_contains(key);
    return field && field->is_string() ? std::string(field->as_string()) : "(none)";
}

const json::object& finding(const json::object& v) {
    return v.at("findings").as_array().at(0).as_object();
}

bool have_python() {
    return std::system("command -v python3 >/dev/null 2>&1") == 0;
}

TEST(GateDetection, ADetectedCommandRunsAndSaysWhereItCameFrom) {
    TempDir dir;
    dir.write("Makefile", "build:\n\t@echo built\n\ntest:\n\t@echo 3 checks passed\n");
    FakeHost host;
    Gate gate(host, {{"role", "test"}});
    json::object v = gate.check(request(dir, "test"));
    EXPECT_EQ(text(v, "verdict"), "pass") << v;
    EXPECT_EQ(text(v, "summary"), "test passed (make test, detected from Makefile)");
    EXPECT_EQ(text(v, "command"), "make test");
    EXPECT_EQ(text(v, "detected_from"), "Makefile");
    EXPECT_EQ(text(v, "cache"), "tree");
    EXPECT_EQ(finding(v).at("detected_from"), "Makefile");
    EXPECT_EQ(finding(v).at("exit_code"), 0);
    ASSERT_EQ(host.requests.size(), 1u);
    EXPECT_EQ(text(host.requests[0], "cwd"), dir.str());
}

TEST(GateDetection, APassIsNotCachedWhenCacheIsOff) {
    TempDir dir;
    dir.write("Makefile", "build:\n\t@true\n");
    FakeHost host;
    Gate gate(host, {{"role", "compile"}, {"cache", false}});
    json::object v = gate.check(request(dir, "compile"));
    EXPECT_EQ(text(v, "summary"), "compile passed (make build, detected from Makefile)");
    EXPECT_FALSE(v.contains("cache"));
}

TEST(GateDetection, DetectsInTheCwd) {
    TempDir dir;
    dir.write("web/Makefile", "lint:\n\t@pwd\n");
    FakeHost host;
    Gate gate(host, {{"role", "lint"}});
    json::object v = gate.check(request(dir, "lint", {{"cwd", "web"}}));
    EXPECT_EQ(text(v, "verdict"), "pass") << v;
    EXPECT_EQ(text(v, "command"), "make lint");
    EXPECT_EQ(text(host.requests.back(), "cwd"), (dir.path() / "web").string());
    // At the top of the worktree there is nothing to lint with.
    v = gate.check(request(dir, "lint"));
    EXPECT_EQ(text(v, "verdict"), "skip");
}

TEST(GateDetection, AConfiguredCommandIsNotDetected) {
    TempDir dir;
    dir.write("Makefile", "test:\n\t@exit 1\n");
    FakeHost host;
    Gate gate(host, {{"role", "test"}, {"command", "echo ran 2 checks"}});
    json::object v = gate.check(request(dir, "test"));
    EXPECT_EQ(text(v, "summary"), "test passed");
    EXPECT_FALSE(v.contains("detected_from"));
    EXPECT_FALSE(finding(v).contains("detected_from"));
}

TEST(GateDetection, NothingDetectedIsAnErrorForCompileAndTest) {
    TempDir dir;
    dir.write("README.md", "# nothing to build\n");
    FakeHost host;
    for (const char* role : {"compile", "test"}) {
        Gate gate(host, {{"role", role}});
        json::object v = gate.check(request(dir, role));
        EXPECT_EQ(text(v, "verdict"), "error");
        EXPECT_EQ(text(v, "summary"), "no command configured for gate '" + std::string(role) +
                                          "': set command = \"...\" under [gates." + role +
                                          "] in gump.toml");
        EXPECT_EQ(text(v, "feedback")
                      .find("no build system detected for '" + std::string(role) + "' in " +
                            dir.str() + ": set command = \"...\" under [gates." + role +
                            "] in gump.toml (looked for CMakeLists.txt, "),
                  0u)
            << text(v, "feedback");
    }
    EXPECT_TRUE(host.requests.empty()); // nothing to run, nothing to probe
}

TEST(GateDetection, NothingDetectedIsASkipForLintAndCoverage) {
    TempDir dir;
    FakeHost host;
    Gate lint(host, {{"role", "lint"}});
    json::object v = lint.check(request(dir, "lint"));
    EXPECT_EQ(text(v, "verdict"), "skip");
    EXPECT_EQ(text(v, "summary"), "lint skipped: no linter detected in " + dir.str());
    Gate coverage(host, {{"role", "coverage"}});
    v = coverage.check(request(dir, "coverage"));
    EXPECT_EQ(text(v, "verdict"), "skip");
    EXPECT_EQ(text(v, "summary"), "coverage skipped: no coverage tool detected in " + dir.str());
}

TEST(GateDetection, AMissingToolSkipsLintButIsAnErrorForCompile) {
    TempDir dir;
    FakeHost host;
    Gate lint(host, {{"role", "lint"}, {"command", "gump-no-such-linter --strict ."}});
    json::object v = lint.check(request(dir, "lint"));
    EXPECT_EQ(text(v, "verdict"), "skip") << v;
    EXPECT_EQ(text(v, "summary"),
              "lint skipped: `gump-no-such-linter` is not installed or not on PATH");
    Gate compile(host, {{"role", "compile"}, {"command", "gump-no-such-compiler"}});
    v = compile.check(request(dir, "compile"));
    EXPECT_EQ(text(v, "verdict"), "error");
    EXPECT_EQ(text(v, "summary"),
              "compile could not run: `gump-no-such-compiler` is not installed or not on PATH");
}

TEST(GateDetection, NoTestsRanFailsTheTestRole) {
    TempDir dir;
    FakeHost host;
    std::string empty = "printf '\\nRan 0 tests in 0.000s\\n\\nOK\\n' >&2";
    Gate test(host, {{"role", "test"}, {"command", empty}});
    json::object v = test.check(request(dir, "test"));
    EXPECT_EQ(text(v, "verdict"), "fail") << v;
    EXPECT_EQ(text(v, "summary"), "test failed: no tests ran");
    EXPECT_NE(text(v, "feedback").find("must add tests that the runner discovers"),
              std::string::npos)
        << text(v, "feedback");
    EXPECT_EQ(finding(v).at("no_tests"), true);
    // Another role does not count tests.
    Gate other(host, {{"role", "other"}, {"command", empty}});
    EXPECT_EQ(text(other.check(request(dir, "check")), "verdict"), "pass");
}

TEST(GateDetection, APythonProjectWithoutTestsFailsThenPassesWithOne) {
    if (!have_python()) GTEST_SKIP() << "python3 is not installed";
    TempDir dir;
    dir.write("pyproject.toml", "[project]\nname = \"x\"\nversion = \"0.1\"\n");
    FakeHost host;
    Gate gate(host, {{"role", "test"}});
    json::object v = gate.check(request(dir, "test"));
    EXPECT_TRUE(host.ran("python3 -c 'import pytest'")); // the probe goes through the host
    bool pytest = std::system("python3 -c 'import pytest' >/dev/null 2>&1") == 0;
    EXPECT_EQ(text(v, "command"), pytest ? "python3 -m pytest" : "python3 -m unittest");
    EXPECT_EQ(text(v, "detected_from"), "pyproject.toml");
    EXPECT_EQ(text(v, "verdict"), "fail") << v;
    EXPECT_EQ(text(v, "summary"), "test failed: no tests ran");

    dir.write("tests/__init__.py");
    dir.write("tests/test_math.py",
              "import unittest\n\nclass T(unittest.TestCase):\n"
              "    def test_adds(self):\n        self.assertEqual(1 + 1, 2)\n");
    v = gate.check(request(dir, "test"));
    EXPECT_EQ(text(v, "verdict"), "pass") << v;
    EXPECT_EQ(text(v, "summary"),
              "test passed (" + text(v, "command") + ", detected from pyproject.toml)");
}

TEST(GateDetection, OtherRoleWithoutCommandIsStillAnError) {
    TempDir dir;
    dir.write("Makefile", "test:\n\t@true\n");
    FakeHost host;
    Gate gate(host);
    json::object v = gate.check(request(dir, "smoke"));
    EXPECT_EQ(text(v, "verdict"), "error");
    EXPECT_EQ(text(v, "summary"), "no command configured for gate 'smoke': set command = \"...\" "
                                  "under [gates.smoke] in gump.toml");
}

} // namespace
