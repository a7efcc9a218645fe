// Child: stdout read line by line while stderr drains alongside, kill that returns at once,
// wait that honours the timeout, and a destructor that leaves nothing behind.
#include "support.hpp"

#include <gmock/gmock.h>

#include <vector>

namespace gump::process::test {
namespace {

using ::testing::HasSubstr;

using ChildProcess = ProcessTest;

std::unique_ptr<Child> spawn(const CommandSpec& spec) {
    auto child = Child::spawn(spec);
    EXPECT_TRUE(child) << child.error().message;
    return child ? std::move(*child) : nullptr;
}

std::vector<std::string> all_lines(Child& child) {
    std::vector<std::string> lines;
    std::string line;
    while (child.read_line(line, 5000) == ReadStatus::line)
        lines.push_back(line);
    return lines;
}

TEST_F(ChildProcess, ReadsLinesIncludingAnUnterminatedLastOne) {
    auto child = spawn(sh("echo one; echo; printf 'two\\nthree'"));
    ASSERT_TRUE(child);
    EXPECT_EQ(all_lines(*child), (std::vector<std::string>{"one", "", "two", "three"}));
    CommandResult r = child->wait();
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.stdout_text, "");
}

TEST_F(ChildProcess, JoinsALineWrittenInPieces) {
    auto child = spawn(sh("printf 'ab'; sleep 0.1; printf 'c\\nd'; sleep 0.1; printf 'e\\n'"));
    ASSERT_TRUE(child);
    EXPECT_EQ(all_lines(*child), (std::vector<std::string>{"abc", "de"}));
}

TEST_F(ChildProcess, TheEndOfTheStreamStaysTheEnd) {
    auto child = spawn(sh("exit 4"));
    ASSERT_TRUE(child);
    std::string line = "untouched";
    EXPECT_EQ(child->read_line(line), ReadStatus::end);
    EXPECT_EQ(child->read_line(line, 0), ReadStatus::end);
    EXPECT_EQ(line, "untouched");
    EXPECT_EQ(child->wait().exit_code, 4);
    EXPECT_EQ(child->read_line(line), ReadStatus::end);
}

TEST_F(ChildProcess, StdinIsDevNull) {
    Stopwatch clock;
    auto child = spawn(sh("cat"));
    ASSERT_TRUE(child);
    std::string line;
    EXPECT_EQ(child->read_line(line, 5000), ReadStatus::end);
    EXPECT_EQ(child->wait().exit_code, 0);
    EXPECT_LT(clock.ms(), 1000);
}

TEST_F(ChildProcess, ReadTimesOutWhenNothingArrives) {
    auto child = spawn(sh("sleep 0.3; echo late"));
    ASSERT_TRUE(child);
    std::string line;
    Stopwatch clock;
    EXPECT_EQ(child->read_line(line, 100), ReadStatus::timeout);
    EXPECT_GE(clock.ms(), 95);
    EXPECT_LT(clock.ms(), 250);
    EXPECT_EQ(child->read_line(line, 0), ReadStatus::timeout);
    EXPECT_EQ(child->read_line(line, 5000), ReadStatus::line);
    EXPECT_EQ(line, "late");
}

TEST_F(ChildProcess, APartialLineIsNotReturnedBeforeItsNewline) {
    auto child = spawn(sh("printf 'half'; sleep 0.3; echo ' done'"));
    ASSERT_TRUE(child);
    std::string line;
    EXPECT_EQ(child->read_line(line, 100), ReadStatus::timeout);
    EXPECT_EQ(child->read_line(line, 5000), ReadStatus::line);
    EXPECT_EQ(line, "half done");
}

TEST_F(ChildProcess, CutsOverLongLines) {
    auto child = spawn(sh("head -c 9000000 /dev/zero | tr '\\0' x; echo; echo next"));
    ASSERT_TRUE(child);
    std::string line;
    ASSERT_EQ(child->read_line(line), ReadStatus::line);
    EXPECT_EQ(line.size(), Child::max_line_bytes);
    EXPECT_EQ(line.find_first_not_of('x'), std::string::npos);
    ASSERT_EQ(child->read_line(line), ReadStatus::line);
    EXPECT_EQ(line, "next");
    EXPECT_EQ(child->read_line(line), ReadStatus::end);
}

TEST_F(ChildProcess, ChattyStderrDoesNotBlockTheChild) {
    TempDir dir;
    CommandSpec spec = sh("head -c 5000000 /dev/zero >&2; echo finished");
    spec.stderr_path = dir.file("err.log");
    spec.max_capture_bytes = 1000;
    auto child = spawn(spec);
    ASSERT_TRUE(child);
    std::string line;
    ASSERT_EQ(child->read_line(line, 10'000), ReadStatus::line);
    EXPECT_EQ(line, "finished");
    CommandResult r = child->wait();
    EXPECT_TRUE(r.stderr_truncated);
    EXPECT_LT(r.stderr_text.size(), 1100u);
    EXPECT_EQ(fs::file_size(spec.stderr_path), 5'000'000u);
}

TEST_F(ChildProcess, StdoutGoesToItsFileAsWell) {
    TempDir dir;
    CommandSpec spec = sh("echo a; echo b");
    spec.stdout_path = dir.file("out.log");
    auto child = spawn(spec);
    ASSERT_TRUE(child);
    EXPECT_EQ(all_lines(*child), (std::vector<std::string>{"a", "b"}));
    child->wait();
    EXPECT_EQ(read_file(spec.stdout_path), "a\nb\n");
}

TEST_F(ChildProcess, WaitWithoutReadingDoesNotBlockOnAFullPipe) {
    TempDir dir;
    CommandSpec spec = sh("head -c 5000000 /dev/zero; exit 2");
    spec.stdout_path = dir.file("out.log");
    auto child = spawn(spec);
    ASSERT_TRUE(child);
    CommandResult r = child->wait();
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.stdout_text, "");
    EXPECT_EQ(fs::file_size(spec.stdout_path), 5'000'000u);
}

TEST_F(ChildProcess, KillReturnsAtOnceAndWaitReapsTheGroup) {
    auto child = spawn(sh("trap '' TERM; echo ready; sleep 30"));
    ASSERT_TRUE(child);
    std::string line;
    ASSERT_EQ(child->read_line(line, 5000), ReadStatus::line);
    Stopwatch clock;
    child->kill(200);
    EXPECT_LT(clock.ms(), 50);
    CommandResult r = child->wait();
    EXPECT_EQ(r.signal, SIGKILL);
    EXPECT_FALSE(r.timed_out);
    EXPECT_GE(clock.ms(), 190);
    EXPECT_LT(clock.ms(), 1000);
}

TEST_F(ChildProcess, KillWithoutGraceEndsTheGroupNow) {
    TempDir dir;
    auto child =
        spawn(sh("trap '' TERM; sleep 30 & echo $! > " + dir.file("pid") + "; echo ready; wait"));
    ASSERT_TRUE(child);
    std::string line;
    ASSERT_EQ(child->read_line(line, 5000), ReadStatus::line);
    Stopwatch clock;
    child->kill(0);
    EXPECT_EQ(child->read_line(line, 5000), ReadStatus::end);
    EXPECT_EQ(child->wait().signal, SIGKILL);
    EXPECT_LT(clock.ms(), 300);
    EXPECT_TRUE(ends_soon(read_pid(dir.path / "pid")));
}

TEST_F(ChildProcess, WaitHonoursTheTimeout) {
    CommandSpec spec = sh("sleep 30");
    spec.timeout_ms = 200;
    spec.grace_ms = 300;
    auto child = spawn(spec);
    ASSERT_TRUE(child);
    Stopwatch clock;
    CommandResult r = child->wait();
    EXPECT_TRUE(r.timed_out);
    EXPECT_LT(clock.ms(), 1000);
    EXPECT_EQ(child->wait().timed_out, true); // a second wait gives the same result
}

TEST_F(ChildProcess, ReadingHonoursTheTimeoutEvenWhenLinesNeverStop) {
    CommandSpec spec = sh("while :; do echo tick; done");
    spec.timeout_ms = 200;
    auto child = spawn(spec);
    ASSERT_TRUE(child);
    Stopwatch clock;
    std::string line;
    size_t lines = 0;
    while (child->read_line(line) == ReadStatus::line)
        ++lines;
    EXPECT_GT(lines, 0u);
    EXPECT_LT(clock.ms(), 1500);
    EXPECT_TRUE(child->wait().timed_out);
}

TEST_F(ChildProcess, TheDestructorEndsTheWholeGroup) {
    TempDir dir;
    pid_t pid;
    {
        auto child = spawn(sh("sleep 30 & echo $! > " + dir.file("pid") + "; echo ready; wait"));
        ASSERT_TRUE(child);
        std::string line;
        ASSERT_EQ(child->read_line(line, 5000), ReadStatus::line);
        pid = child->pid();
    }
    EXPECT_FALSE(alive(pid));
    EXPECT_TRUE(ends_soon(read_pid(dir.path / "pid")));
}

TEST_F(ChildProcess, AMissingProgramIsAnError) {
    CommandSpec spec;
    spec.argv = {"gump-no-such-agent", "-p"};
    auto child = Child::spawn(spec);
    ASSERT_FALSE(child);
    EXPECT_EQ(child.error().message, "'gump-no-such-agent' was not found on PATH");
}

} // namespace
} // namespace gump::process::test
