// run() under a timeout or a cancellation: the whole process group ends, gracefully first, and
// the caller is never held much longer than timeout + grace, whatever the children do.
#include "support.hpp"

#include <gmock/gmock.h>

#include <atomic>
#include <thread>
#include <vector>

namespace gump::process::test {
namespace {

using RunDeadline = ProcessTest;

TEST_F(RunDeadline, ATimeoutEndsTheWholeProcessGroup) {
    TempDir dir;
    CommandSpec spec = sh("sleep 30 & echo $! > " + dir.file("pid") + "; wait");
    spec.timeout_ms = 300;
    spec.grace_ms = 1000;
    Stopwatch clock;
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->timed_out);
    EXPECT_EQ(r->exit_code, -1);
    EXPECT_EQ(r->signal, SIGTERM);
    EXPECT_LT(clock.ms(), 1000); // SIGTERM was enough: no wait for the grace
    pid_t grandchild = read_pid(dir.path / "pid");
    ASSERT_GT(grandchild, 0);
    EXPECT_TRUE(ends_soon(grandchild));
}

TEST_F(RunDeadline, AGroupThatIgnoresSigtermIsKilledAfterTheGrace) {
    TempDir dir;
    CommandSpec spec =
        sh("trap '' TERM; sleep 30 & echo $! > " + dir.file("pid") + "; while :; do sleep 1; done");
    spec.timeout_ms = 200;
    spec.grace_ms = 300;
    Stopwatch clock;
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->timed_out);
    EXPECT_EQ(r->signal, SIGKILL);
    EXPECT_GE(clock.ms(), 480);
    EXPECT_LT(clock.ms(), 1200);
    EXPECT_TRUE(ends_soon(read_pid(dir.path / "pid")));
}

TEST_F(RunDeadline, DescendantsThatLeftTheGroupDoNotHoldTheCaller) {
    // setsid takes the grandchild out of the group, out of reach of the kill, with the pipes.
    TempDir dir;
    CommandSpec spec =
        sh("setsid sh -c 'echo $$ > " + dir.file("pid") + "; exec sleep 30' & sleep 30");
    spec.timeout_ms = 200;
    spec.grace_ms = 300;
    Stopwatch clock;
    auto r = run(spec);
    pid_t escaped = read_pid(dir.path / "pid");
    if (escaped > 0) ::kill(escaped, SIGKILL);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->timed_out);
    EXPECT_LT(clock.ms(), 1200);
    EXPECT_GT(escaped, 0);
}

TEST_F(RunDeadline, WhatTheChildLeavesRunningIsEndedWhenItExits) {
    TempDir dir;
    Stopwatch clock;
    auto r = run(sh("sleep 30 & echo $! > " + dir.file("pid") + "; echo started"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->exit_code, 0);
    EXPECT_FALSE(r->timed_out);
    EXPECT_EQ(r->stdout_text, "started\n");
    EXPECT_LT(clock.ms(), 1000);
    EXPECT_TRUE(ends_soon(read_pid(dir.path / "pid")));
}

TEST_F(RunDeadline, AStoppedChildIsStillEndedGracefully) {
    CommandSpec spec = sh("kill -STOP $$; sleep 30");
    spec.timeout_ms = 200;
    spec.grace_ms = 5000;
    Stopwatch clock;
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->timed_out);
    EXPECT_EQ(r->signal, SIGTERM);
    EXPECT_LT(clock.ms(), 1500);
}

TEST_F(RunDeadline, AFastCommandIsNotAffectedByItsTimeout) {
    CommandSpec spec = sh("echo quick");
    spec.timeout_ms = 5000;
    Stopwatch clock;
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->timed_out);
    EXPECT_EQ(r->exit_code, 0);
    EXPECT_LT(clock.ms(), 500);
}

TEST_F(RunDeadline, CancellationEndsTheWholeGroup) {
    TempDir dir;
    Stopwatch clock;
    auto r = run(sh("sleep 30 & echo $! > " + dir.file("pid") + "; wait"),
                 [&] { return clock.ms() > 200; });
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->cancelled);
    EXPECT_FALSE(r->timed_out);
    EXPECT_GE(clock.ms(), 200);
    EXPECT_LT(clock.ms(), 1000);
    EXPECT_TRUE(ends_soon(read_pid(dir.path / "pid")));
}

TEST_F(RunDeadline, CancellationIsAskedAtLeastEvery50Milliseconds) {
    int asked = 0;
    auto r = run(sh("sleep 0.5"), [&] {
        ++asked;
        return false;
    });
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->cancelled);
    EXPECT_GE(asked, 8);
}

TEST_F(RunDeadline, RunsOnManyThreadsAtOnce) {
    std::vector<std::thread> threads;
    std::vector<Expected<CommandResult>> results(8, Error{"not run"});
    Stopwatch clock;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([i, &results] {
            CommandSpec spec =
                sh("echo " + std::to_string(i) + "; sleep 0.2; exit " + std::to_string(i));
            // One of them times out while the others finish.
            if (i == 7) spec = sh("sleep 30"), spec.timeout_ms = 100;
            results[i] = run(spec);
        });
    for (auto& t : threads)
        t.join();
    EXPECT_LT(clock.ms(), 1500);
    for (int i = 0; i < 7; ++i) {
        ASSERT_TRUE(results[i]) << results[i].error().message;
        EXPECT_EQ(results[i]->exit_code, i);
        EXPECT_EQ(results[i]->stdout_text, std::to_string(i) + "\n");
    }
    ASSERT_TRUE(results[7]);
    EXPECT_TRUE(results[7]->timed_out);
}

} // namespace
} // namespace gump::process::test
