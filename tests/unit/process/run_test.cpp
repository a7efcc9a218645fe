// run(): exit codes, signals, the two streams, the environment, the directory, and the errors
// that mean the program never started.
#include "support.hpp"

#include <gmock/gmock.h>

#include <pthread.h>
#include <sys/stat.h>

namespace gump::process::test {
namespace {

using ::testing::HasSubstr;

using RunCommand = ProcessTest;

TEST_F(RunCommand, SeparatesStdoutAndStderrAndReportsTheExitCode) {
    auto r = run(sh("echo out; echo err >&2; echo more; exit 3"));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->exit_code, 3);
    EXPECT_EQ(r->signal, 0);
    EXPECT_EQ(r->stdout_text, "out\nmore\n");
    EXPECT_EQ(r->stderr_text, "err\n");
    EXPECT_FALSE(r->timed_out);
    EXPECT_FALSE(r->cancelled);
    EXPECT_FALSE(r->stdout_truncated);
    EXPECT_FALSE(r->stderr_truncated);
}

TEST_F(RunCommand, ReportsSuccess) {
    auto r = run(sh("exit 0"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->exit_code, 0);
    EXPECT_EQ(r->stdout_text, "");
}

TEST_F(RunCommand, ReportsTheSignalThatEndedTheProcess) {
    auto r = run(sh("kill -9 $$"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->signal, SIGKILL);
    EXPECT_EQ(r->exit_code, -1);
    EXPECT_FALSE(r->timed_out);
}

TEST_F(RunCommand, PassesArgumentsVerbatim) {
    CommandSpec spec = sh("printf '[%s]' \"$@\"");
    spec.argv.insert(spec.argv.end(), {"name", "two words", "it's", "$HOME", ""});
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stdout_text, "[two words][it's][$HOME][]");
}

TEST_F(RunCommand, StdinIsDevNull) {
    Stopwatch clock;
    auto r = run(sh("cat; echo done"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stdout_text, "done\n");
    EXPECT_LT(clock.ms(), 1000);
}

TEST_F(RunCommand, TheChildLeadsItsOwnProcessGroup) {
    auto r = run(sh("echo $$; cut -d' ' -f5 /proc/$$/stat"));
    ASSERT_TRUE(r);
    std::string pid = r->stdout_text.substr(0, r->stdout_text.find('\n'));
    EXPECT_EQ(r->stdout_text, pid + "\n" + pid + "\n");
    EXPECT_NE(std::to_string(::getpgrp()), pid);
}

TEST_F(RunCommand, MeasuresTheDuration) {
    auto r = run(sh("sleep 0.2"));
    ASSERT_TRUE(r);
    EXPECT_GE(r->duration_ms, 190);
    EXPECT_LT(r->duration_ms, 1500);
}

TEST_F(RunCommand, RunsInTheGivenDirectory) {
    TempDir dir;
    CommandSpec spec = sh("pwd");
    spec.cwd = dir.path.string();
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stdout_text, fs::canonical(dir.path).string() + "\n");
}

TEST_F(RunCommand, SetsAndRemovesEnvironmentVariables) {
    ::setenv("GUMP_TEST_REMOVED", "present", 1);
    ::setenv("GUMP_TEST_KEPT", "kept", 1);
    ::setenv("GUMP_TEST_OVERRIDDEN", "old", 1);
    CommandSpec spec = sh("echo \"$GUMP_TEST_SET|${GUMP_TEST_REMOVED:-gone}|$GUMP_TEST_KEPT|"
                          "$GUMP_TEST_OVERRIDDEN\"");
    spec.env = {{"GUMP_TEST_SET", "hello world"}, {"GUMP_TEST_OVERRIDDEN", "new"}};
    spec.env_remove = {"GUMP_TEST_REMOVED"};
    auto r = run(spec);
    ::unsetenv("GUMP_TEST_REMOVED");
    ::unsetenv("GUMP_TEST_KEPT");
    ::unsetenv("GUMP_TEST_OVERRIDDEN");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stdout_text, "hello world|gone|kept|new\n");
}

TEST_F(RunCommand, LooksTheProgramUpOnTheChildsPath) {
    TempDir dir;
    fs::create_directories(dir.path / "bin");
    std::ofstream(dir.path / "bin/gump-hello") << "#!/bin/sh\necho \"hello from $0\"\n";
    fs::permissions(dir.path / "bin/gump-hello", fs::perms::owner_all);
    CommandSpec spec;
    spec.argv = {"gump-hello"};
    spec.env = {{"PATH", (dir.path / "bin").string() + ":/usr/bin:/bin"}};
    auto r = run(spec);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->stdout_text, "hello from " + (dir.path / "bin/gump-hello").string() + "\n");
}

TEST_F(RunCommand, ARelativePathEntryCountsFromTheChildsDirectory) {
    TempDir dir;
    fs::create_directories(dir.path / "tools");
    std::ofstream(dir.path / "tools/gump-rel") << "#!/bin/sh\necho relative\n";
    fs::permissions(dir.path / "tools/gump-rel", fs::perms::owner_all);
    CommandSpec spec;
    spec.argv = {"gump-rel"};
    spec.cwd = dir.path.string();
    spec.env = {{"PATH", "tools:/usr/bin:/bin"}};
    auto r = run(spec);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->stdout_text, "relative\n");
}

TEST_F(RunCommand, AMissingProgramIsAnErrorNotAnExitCode) {
    CommandSpec spec;
    spec.argv = {"gump-no-such-program", "--flag"};
    auto r = run(spec);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "'gump-no-such-program' was not found on PATH");
}

TEST_F(RunCommand, AMissingProgramPathIsAnError) {
    CommandSpec spec;
    spec.argv = {"/nonexistent/gump-tool"};
    auto r = run(spec);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "cannot run '/nonexistent/gump-tool': No such file or directory");
}

TEST_F(RunCommand, AFileThatIsNotExecutableIsAnError) {
    TempDir dir;
    std::ofstream(dir.path / "script") << "#!/bin/sh\necho never\n";
    CommandSpec spec;
    spec.argv = {(dir.path / "script").string()};
    auto r = run(spec);
    ASSERT_FALSE(r);
    EXPECT_THAT(r.error().message, HasSubstr("script': Permission denied"));

    spec.argv = {"script"};
    spec.env = {{"PATH", dir.path.string()}};
    r = run(spec);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "cannot run 'script': " + (dir.path / "script").string() +
                                     " is not executable (chmod +x it)");
}

TEST_F(RunCommand, AMissingDirectoryIsAnError) {
    CommandSpec spec = sh("true");
    spec.cwd = "/nonexistent/gump";
    auto r = run(spec);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message,
              "cannot run 'sh' in /nonexistent/gump: the directory does not exist");
}

TEST_F(RunCommand, ADirectoryThatIsAFileIsAnError) {
    TempDir dir;
    std::ofstream(dir.path / "plain") << "x";
    CommandSpec spec = sh("true");
    spec.cwd = dir.file("plain");
    auto r = run(spec);
    ASSERT_FALSE(r);
    EXPECT_THAT(r.error().message, HasSubstr("plain: it is not a directory"));
}

TEST_F(RunCommand, AnEmptyCommandIsAnError) {
    auto r = run(CommandSpec{});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "no program to run: the command line is empty");
}

TEST_F(RunCommand, AnOutputFileThatCannotBeWrittenStopsTheRunBeforeItStarts) {
    TempDir dir;
    CommandSpec spec = sh("touch ran");
    spec.cwd = dir.path.string();
    spec.stdout_path = dir.file("missing-dir/out.log");
    auto r = run(spec);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message,
              "cannot write " + spec.stdout_path + ": No such file or directory");
    EXPECT_FALSE(fs::exists(dir.path / "ran"));
}

TEST_F(RunCommand, TheHostsBlockedSignalsAreNotInherited) {
    // A host that blocks SIGTERM in its threads must still be able to end a child gracefully.
    sigset_t term, old;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    ::pthread_sigmask(SIG_BLOCK, &term, &old);
    CommandSpec spec = sh("sleep 5");
    spec.timeout_ms = 100;
    spec.grace_ms = 5000;
    Stopwatch clock;
    auto r = run(spec);
    ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->timed_out);
    EXPECT_EQ(r->signal, SIGTERM);
    EXPECT_LT(clock.ms(), 1500);
}

TEST_F(RunCommand, TheHostsIgnoredSigpipeIsNotInherited) {
    struct sigaction ignore {
    }, old{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &old);
    auto r = run(sh("grep SigIgn /proc/self/status"));
    ::sigaction(SIGPIPE, &old, nullptr);
    ASSERT_TRUE(r);
    // The mask of signals the program ignores: none, SIGPIPE included.
    EXPECT_THAT(r->stdout_text, HasSubstr("0000000000000000"));
}

} // namespace
} // namespace gump::process::test
