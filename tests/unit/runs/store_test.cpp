#include "runs/liveness.hpp"
#include "runs/store.hpp"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace gump::runs {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class Store : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "gump-runs-XXXXXX").string();
        m_dir = mkdtemp(pattern.data());
    }
    void TearDown() override { fs::remove_all(m_dir); }
    RunRecord record(const std::string& id, const std::string& created) {
        RunRecord r;
        r.id = id;
        r.status = "pass";
        r.created_at = created;
        r.workflow = "cheap2sota";
        r.cost_usd = 0.5;
        return r;
    }
    fs::path m_dir;
};

TEST_F(Store, SavesAndLoadsEveryField) {
    RunStore store(m_dir / ".gump");
    RunRecord r = record("r1", "2026-11-25T10:00:00Z");
    r.pid = 42;
    r.pid_start = 7;
    r.items = 2;
    r.turns = 8;
    r.duration_ms = 52000;
    r.applied = Applied{"2026-11-25T11:00:00Z", "abc", "squash", "main"};
    ASSERT_TRUE(store.save(r));
    auto loaded = store.load("r1");
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(boost::json::serialize(to_json(*loaded)), boost::json::serialize(to_json(r)));
    EXPECT_FALSE(fs::exists(m_dir / ".gump/runs/r1/run.json.tmp"));
}

TEST_F(Store, ListsNewestFirstAndReportsUnreadableRecords) {
    RunStore store(m_dir / ".gump");
    store.save(record("a", "2026-11-20T10:00:00Z"));
    store.save(record("b", "2026-11-22T10:00:00Z"));
    store.save(record("c", "2026-11-21T10:00:00Z"));
    fs::create_directories(store.run_dir("broken"));
    std::ofstream(store.run_dir("broken") / "run.json") << "{not json";
    auto listing = store.list();
    ASSERT_EQ(listing.runs.size(), 3u);
    EXPECT_EQ(listing.runs[0].id, "b");
    EXPECT_EQ(listing.runs[1].id, "c");
    EXPECT_EQ(listing.runs[2].id, "a");
    ASSERT_EQ(listing.unreadable.size(), 1u);
    EXPECT_THAT(listing.unreadable[0], HasSubstr("broken/run.json is not valid JSON"));
}

TEST_F(Store, MissingRecordAndMissingFieldsSaySo) {
    RunStore store(m_dir / ".gump");
    EXPECT_THAT(store.load("nope").error().message, HasSubstr("there is no run 'nope'"));
    fs::create_directories(store.run_dir("x"));
    std::ofstream(store.run_dir("x") / "run.json") << R"({"id":"x"})";
    EXPECT_THAT(store.load("x").error().message, HasSubstr("no \"status\""));
}

TEST_F(Store, PruneIndexDropsLinesOfRunsThatAreGone) {
    RunStore store(m_dir / ".gump");
    store.save(record("kept", "2026-11-20T10:00:00Z"));
    store.append_index(record("kept", "2026-11-20T10:00:00Z"));
    store.append_index(record("gone", "2026-11-19T10:00:00Z"));
    std::ofstream(store.runs_dir() / "index.jsonl", std::ios::app) << "garbage\n";
    auto dropped = store.prune_index();
    ASSERT_TRUE(dropped);
    EXPECT_EQ(*dropped, 2u);
    std::ifstream in(store.runs_dir() / "index.jsonl");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_THAT(text, HasSubstr("\"kept\""));
    EXPECT_THAT(text, ::testing::Not(HasSubstr("gone")));
    EXPECT_EQ(*store.prune_index(), 0u);
}

TEST(Stamps, RoundTrip) {
    auto now = parse_utc(utc_now());
    ASSERT_TRUE(now);
    EXPECT_NEAR(static_cast<double>(*now), static_cast<double>(std::time(nullptr)), 2.0);
    EXPECT_EQ(*parse_utc("1970-01-02T00:00:00Z"), 86400);
    EXPECT_FALSE(parse_utc("yesterday"));
}

TEST(Liveness, TellsALiveProcessFromADeadOrReusedPid) {
    long long me = own_pid();
    long long start = process_start(me);
    EXPECT_GT(start, 0);
    EXPECT_TRUE(process_alive(me, start, host_name()));
    EXPECT_FALSE(process_alive(me, start + 1, host_name())); // same pid, another process
    pid_t child = fork();
    if (child == 0) _exit(0);
    waitpid(child, nullptr, 0);
    EXPECT_FALSE(process_alive(child, 0, host_name()));
    EXPECT_TRUE(process_alive(child, 0, "another-machine")); // cannot tell: kept
}

} // namespace
} // namespace gump::runs
