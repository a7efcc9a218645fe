// run() with a lot of output: both pipes drained at once, memory kept to head + tail, every
// byte on disk, and text that stays valid UTF-8.
#include "support.hpp"

#include <gmock/gmock.h>

namespace gump::process::test {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using RunOutput = ProcessTest;

TEST_F(RunOutput, KeepsHeadAndTailInMemoryAndEverythingOnDisk) {
    TempDir dir;
    CommandSpec spec = sh("seq 0 199999 | sed 's/^/line /'; head -c 3000000 /dev/zero >&2");
    spec.max_capture_bytes = 1000;
    spec.stdout_path = dir.file("out.log");
    spec.stderr_path = dir.file("err.log");
    auto r = run(spec);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->exit_code, 0);
    EXPECT_TRUE(r->stdout_truncated);
    EXPECT_THAT(r->stdout_text, StartsWith("line 0\nline 1\n"));
    EXPECT_THAT(r->stdout_text, EndsWith("line 199998\nline 199999\n"));
    EXPECT_THAT(r->stdout_text, ::testing::MatchesRegex("(.|\n)*\n\\[\\.\\.\\. [0-9]+ bytes "
                                                        "omitted \\.\\.\\.\\]\n(.|\n)*"));
    EXPECT_LT(r->stdout_text.size(), 1100u);
    EXPECT_TRUE(r->stderr_truncated);
    EXPECT_EQ(fs::file_size(spec.stderr_path), 3000000u);
    std::string all = read_file(spec.stdout_path);
    EXPECT_EQ(all.size(), 2288890u); // every "line N\n" of 0..199999
    EXPECT_THAT(all, HasSubstr("\nline 100000\n"));
}

TEST_F(RunOutput, CountsTheOmittedBytes) {
    CommandSpec spec = sh("printf '%s' 0123456789abcdefghij");
    spec.max_capture_bytes = 10;
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stdout_text, "01234\n[... 10 bytes omitted ...]\nfghij");
}

TEST_F(RunOutput, OutputOfExactlyTheLimitIsKeptWhole) {
    CommandSpec spec = sh("printf '%s' 0123456789");
    spec.max_capture_bytes = 10;
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stdout_text, "0123456789");
    EXPECT_FALSE(r->stdout_truncated);
}

TEST_F(RunOutput, BothPipesAreDrainedAtOnce) {
    // Each stream alone overfills a pipe many times: reading one after the other would hang.
    CommandSpec spec = sh("for i in 1 2 3 4; do head -c 500000 /dev/zero >&2; "
                          "head -c 500000 /dev/zero; done");
    spec.timeout_ms = 10'000;
    TempDir dir;
    spec.stdout_path = dir.file("out");
    spec.stderr_path = dir.file("err");
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->timed_out);
    EXPECT_EQ(fs::file_size(spec.stdout_path), 2'000'000u);
    EXPECT_EQ(fs::file_size(spec.stderr_path), 2'000'000u);
}

TEST_F(RunOutput, TextIsValidUtf8EvenWhenTheOutputIsNot) {
    auto r = run(sh("printf 'caf\\303\\251 \\377 ok\\n'"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stdout_text, "caf\xC3\xA9 \xEF\xBF\xBD ok\n");
}

TEST_F(RunOutput, CutsBetweenCharactersNotInsideThem) {
    // "é" is two bytes; an odd limit would split one at both ends of the omitted part.
    CommandSpec spec = sh("i=0; while [ $i -lt 300 ]; do printf '\\303\\251'; i=$((i+1)); done");
    spec.max_capture_bytes = 101;
    auto r = run(spec);
    ASSERT_TRUE(r);
    EXPECT_THAT(r->stdout_text, Not(HasSubstr("\xEF\xBF\xBD")));
    EXPECT_THAT(r->stdout_text, StartsWith("\xC3\xA9"));
    EXPECT_THAT(r->stdout_text, EndsWith("\xC3\xA9"));
    EXPECT_THAT(r->stdout_text, HasSubstr("\n[... 500 bytes omitted ...]\n"));
}

} // namespace
} // namespace gump::process::test
