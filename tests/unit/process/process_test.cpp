// Real child processes through /bin/sh: exit codes, capture, timeouts that end whole process
// groups, cancellation, line reading.
#include "process/process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace gump::process;
using ::testing::HasSubstr;

namespace {

CommandSpec sh(const std::string& script) {
    CommandSpec spec;
    spec.argv = {"sh", "-c", script};
    return spec;
}

long long ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 t)
        .count();
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gump-proc-XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    ~TempDir() { fs::remove_all(path); }
};

// A zombie whose parent is gone counts as dead: only the reaper of orphans can collect it.
bool alive(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    size_t paren = text.rfind(')');
    return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] != 'Z';
}

TEST(Run, SeparatesStdoutAndStderrAndReportsTheExitCode) {
    auto r = run(sh("echo out; echo err >&2; exit 3"));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->exit_code, 3);
    EXPECT_EQ(r->stdout_text, "out\n");
    EXPECT_EQ(r->stderr_text, "err\n");
    EXPECT_FALSE(r->timed_out);
}

TEST(Run, ReportsTheSignalThatEndedTheProcess) {
    auto r = run(sh("kill -9 $$"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->signal, SIGKILL);
    EXPECT_EQ(r->exit_code, -1);
}

TEST(Run, AMissingProgramIsAnErrorNotAnExitCode) {
    CommandSpec spec;
    spec.argv = {"gump-no-such-program"};
    auto r = run(spec);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "'gump-no-such-program' was not found on PATH");
}

TEST(Run, AMissingDirectoryIsAnError) {
    CommandSpec spec = sh("true");
    spec.cwd = "/nonexistent/gump";
    auto r = run(spec);
    ASSERT_FALSE(r);
    EXPECT_THAT(r.error().message, HasSubstr("/nonexistent/gump: the directory does not exist"));
}

TEST(Run, UsesTheDirectoryAndTheEnvironment) {
    TempDir dir;
    setenv("GUMP_TEST_REMOVED", "present", 1);
    CommandSpec spec = sh("pwd; echo \"$GUMP_TEST_SET\"; echo \"[${GUMP_TEST_REMOVED:-gone}]\"");
    spec.cwd = dir.path.string();
    spec.env = {{"GUMP_TEST_SET", "hello"}};
    spec.env_remove = {"GUMP_TEST_REMOVED"};
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stdout_text, fs::canonical(dir.path).string() + "\nhello\n[gone]\n");
}

TEST(Run, StdinIsDevNull) {
    auto start = std::chrono::steady_clock::now();
    auto r = run(sh("cat; echo done"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stdout_text, "done\n");
    EXPECT_LT(ms_since(start), 2000);
}

TEST(Run, LargeOutputKeepsHeadAndTailInMemoryAndEverythingOnDisk) {
    TempDir dir;
    CommandSpec spec = sh("i=0; while [ $i -lt 20000 ]; do echo \"line $i\"; i=$((i+1)); done; "
                          "head -c 3000000 /dev/zero >&2");
    spec.max_capture_bytes = 1000;
    spec.stdout_path = (dir.path / "out.log").string();
    spec.stderr_path = (dir.path / "err.log").string();
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->stdout_truncated);
    EXPECT_THAT(r->stdout_text, ::testing::StartsWith("line 0\nline 1\n"));
    EXPECT_THAT(r->stdout_text, ::testing::EndsWith("line 19999\n"));
    EXPECT_THAT(r->stdout_text, HasSubstr("bytes omitted ...]"));
    EXPECT_LT(r->stdout_text.size(), 1100u);
    EXPECT_TRUE(r->stderr_truncated);
    EXPECT_EQ(fs::file_size(spec.stderr_path), 3000000u);
    std::ifstream out(spec.stdout_path);
    std::stringstream all;
    all << out.rdbuf();
    EXPECT_THAT(all.str(), HasSubstr("line 10000\n"));
}

TEST(Run, ATimeoutEndsTheWholeProcessGroup) {
    TempDir dir;
    fs::path pidfile = dir.path / "grandchild.pid";
    CommandSpec spec = sh("sleep 30 & echo $! > " + pidfile.string() + "; wait");
    spec.timeout_ms = 300;
    spec.grace_ms = 200;
    auto start = std::chrono::steady_clock::now();
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->timed_out);
    EXPECT_LT(ms_since(start), 2000);
    pid_t grandchild = 0;
    std::ifstream(pidfile) >> grandchild;
    ASSERT_GT(grandchild, 0);
    usleep(100'000);
    EXPECT_FALSE(alive(grandchild));
}

TEST(Run, AChildThatIgnoresSigtermIsKilledAfterTheGrace) {
    CommandSpec spec = sh("trap '' TERM; sleep 30");
    spec.timeout_ms = 200;
    spec.grace_ms = 300;
    auto start = std::chrono::steady_clock::now();
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->timed_out);
    EXPECT_LT(ms_since(start), 2500);
}

TEST(Run, ABackgroundProcessHoldingThePipesDoesNotHoldTheCaller) {
    auto start = std::chrono::steady_clock::now();
    auto r = run(sh("sleep 30 & echo started"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->exit_code, 0);
    EXPECT_EQ(r->stdout_text, "started\n");
    EXPECT_LT(ms_since(start), 3000);
}

TEST(Run, CancellationEndsTheProcess) {
    auto start = std::chrono::steady_clock::now();
    auto r = run(sh("sleep 30"), [&] { return ms_since(start) > 200; });
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->cancelled);
    EXPECT_LT(ms_since(start), 4000);
}

TEST(Child, ReadsLinesIncludingAPartialLastOne) {
    auto child = Child::spawn(sh("echo one; printf 'two\\nthree'"));
    ASSERT_TRUE(child) << child.error().message;
    std::string line;
    std::vector<std::string> lines;
    while ((*child)->read_line(line) == ReadStatus::line)
        lines.push_back(line);
    EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "three"}));
    CommandResult r = (*child)->wait();
    EXPECT_EQ(r.exit_code, 0);
}

TEST(Child, ReadTimesOutWhenNothingArrives) {
    auto child = Child::spawn(sh("sleep 1; echo late"));
    ASSERT_TRUE(child);
    std::string line;
    EXPECT_EQ((*child)->read_line(line, 100), ReadStatus::timeout);
    EXPECT_EQ((*child)->read_line(line, 5000), ReadStatus::line);
    EXPECT_EQ(line, "late");
}

TEST(Child, CutsOverLongLines) {
    auto child = Child::spawn(sh("head -c 9000000 /dev/zero | tr '\\0' x; echo; echo next"));
    ASSERT_TRUE(child);
    std::string line;
    ASSERT_EQ((*child)->read_line(line), ReadStatus::line);
    EXPECT_EQ(line.size(), Child::max_line_bytes);
    ASSERT_EQ((*child)->read_line(line), ReadStatus::line);
    EXPECT_EQ(line, "next");
    EXPECT_EQ((*child)->read_line(line), ReadStatus::end);
}

TEST(Child, KillReturnsAtOnceAndWaitReapsTheGroup) {
    auto child = Child::spawn(sh("trap '' TERM; echo ready; sleep 30"));
    ASSERT_TRUE(child);
    std::string line;
    ASSERT_EQ((*child)->read_line(line, 5000), ReadStatus::line);
    auto start = std::chrono::steady_clock::now();
    (*child)->kill(200);
    EXPECT_LT(ms_since(start), 100);
    CommandResult r = (*child)->wait();
    EXPECT_EQ(r.signal, SIGKILL);
    EXPECT_LT(ms_since(start), 2000);
}

TEST(Child, ChattyStderrDoesNotBlockTheChild) {
    auto child = Child::spawn(sh("head -c 5000000 /dev/zero >&2; echo finished"));
    ASSERT_TRUE(child);
    std::string line;
    ASSERT_EQ((*child)->read_line(line, 10000), ReadStatus::line);
    EXPECT_EQ(line, "finished");
    EXPECT_TRUE((*child)->wait().stderr_truncated);
}

TEST(Child, TheDestructorEndsARunningChild) {
    pid_t pid;
    {
        auto child = Child::spawn(sh("sleep 30"));
        ASSERT_TRUE(child);
        pid = (*child)->pid();
    }
    EXPECT_FALSE(alive(pid));
}

} // namespace
