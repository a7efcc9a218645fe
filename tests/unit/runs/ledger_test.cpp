// The ledger of one run: events.jsonl, state.json and artifacts, all redacted.
#include "runs/ledger.hpp"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace gump::runs {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

namespace fs = std::filesystem;
namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::Not;

const char* const secret = "sk-live-0123456789abcdef";

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

class LedgerTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "gump-ledger-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path run_dir() const { return m_dir / "runs" / "r1"; }
    static Redactor redactor() { return Redactor(Pairs{{"API_KEY", secret}}); }

    fs::path m_dir;
};

TEST_F(LedgerTest, EventsAreWholeLinesWithStampSequenceAndType) {
    {
        Ledger ledger(run_dir(), Redactor(Pairs{}));
        EXPECT_EQ(ledger.dir(), run_dir());
        ledger.event("run_started", {{"run", "r1"}, {"workflow", "cheap2sota"}});
        ledger.event("step_started", {{"step", "decompose"}, {"number", 1}});
        ledger.event("step_finished", {{"step", "decompose"}, {"status", "pass"}});
    }
    std::string text = read(run_dir() / "events.jsonl");
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    auto lines = lines_of(text);
    ASSERT_EQ(lines.size(), 3u);
    std::regex stamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
    const char* types[] = {"run_started", "step_started", "step_finished"};
    for (size_t i = 0; i < lines.size(); ++i) {
        json::value v = json::parse(lines[i]);
        const json::object& o = v.as_object();
        EXPECT_TRUE(std::regex_match(std::string(o.at("ts").as_string()), stamp)) << lines[i];
        EXPECT_EQ(o.at("seq").to_number<long long>(), static_cast<long long>(i + 1));
        EXPECT_EQ(o.at("type").as_string(), types[i]);
    }
    EXPECT_EQ(json::parse(lines[0]).at("workflow").as_string(), "cheap2sota");
    EXPECT_EQ(json::parse(lines[1]).at("number").to_number<int>(), 1);

    auto events = read_events(run_dir() / "events.jsonl");
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[2].at("status").as_string(), "pass");
}

TEST_F(LedgerTest, ASecretInAnEventIsRedacted) {
    {
        Ledger ledger(run_dir(), redactor());
        ledger.event("note", {{"message", std::string("the key is ") + secret},
                              {"nested", json::object{{"k", secret}}}});
    }
    std::string text = read(run_dir() / "events.jsonl");
    EXPECT_THAT(text, Not(HasSubstr(secret)));
    auto events = read_events(run_dir() / "events.jsonl");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].at("message").as_string(), "the key is [redacted $API_KEY]");
    EXPECT_EQ(events[0].at("nested").at("k").as_string(), "[redacted $API_KEY]");
}

// A password with a quote or a backslash is written JSON-escaped (\" and \\), so a redactor
// that searches the serialized line for the raw value never finds it: the secret reaches
// events.jsonl and state.json, readable by any JSON reader.
TEST_F(LedgerTest, ASecretWithCharactersJsonEscapesIsRedactedToo) {
    std::string password = R"(pa"ss\word-1234)";
    {
        Ledger ledger(run_dir(), Redactor(Pairs{{"DB_PASSWORD", password}}));
        ledger.event("note", {{"message", "password: " + password}});
        ASSERT_TRUE(ledger.write_state({{"run", "r1"}, {"reason", "password: " + password}}));
    }
    auto events = read_events(run_dir() / "events.jsonl");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_THAT(std::string(events[0].at("message").as_string()), Not(HasSubstr(password)));
    json::value state = json::parse(read(run_dir() / "state.json"));
    EXPECT_THAT(std::string(state.at("reason").as_string()), Not(HasSubstr(password)));
}

TEST_F(LedgerTest, WriteStateIsAtomicAndRedacted) {
    Ledger ledger(run_dir(), redactor());
    ASSERT_TRUE(ledger.write_state({{"run", "r1"}, {"status", "running"}}));
    auto saved = ledger.write_state(
        {{"run", "r1"}, {"status", "fail"}, {"reason", std::string("bad key ") + secret}});
    ASSERT_TRUE(saved) << saved.error().message;
    std::string text = read(run_dir() / "state.json");
    EXPECT_THAT(text, Not(HasSubstr(secret)));
    json::value v = json::parse(text);
    EXPECT_EQ(v.at("status").as_string(), "fail");
    EXPECT_EQ(v.at("reason").as_string(), "bad key [redacted $API_KEY]");
    for (const auto& entry : fs::directory_iterator(run_dir()))
        EXPECT_THAT(entry.path().filename().string(), Not(HasSubstr(".tmp")));
}

TEST_F(LedgerTest, ArtifactsGoUnderArtifactsAndComeBackRelative) {
    Ledger ledger(run_dir(), redactor());
    EXPECT_EQ(ledger.artifacts_dir(), run_dir() / "artifacts");
    std::string rel =
        ledger.artifact("build/2/impl/attempt-1/prompt.md", std::string("use ") + secret + "\n");
    EXPECT_EQ(rel, "artifacts/build/2/impl/attempt-1/prompt.md");
    EXPECT_EQ(read(run_dir() / rel), "use [redacted $API_KEY]\n");
    // Rewritten, not appended.
    ledger.artifact("build/2/impl/attempt-1/prompt.md", "again");
    EXPECT_EQ(read(run_dir() / rel), "again");
}

TEST_F(LedgerTest, RedactTreeRewritesOnlyTheFilesUnderItThatHoldSecrets) {
    Ledger ledger(run_dir(), redactor());
    fs::path attempt = ledger.artifacts_dir() / "impl/attempt-1";
    fs::create_directories(attempt / "gates/deep");
    std::ofstream(attempt / "gates/test.json") << "{\"out\": \"" << secret << "\"}";
    std::ofstream(attempt / "gates/deep/log.txt") << "a " << secret << " b " << secret;
    std::ofstream(attempt / "clean.txt") << "nothing here";
    fs::create_directories(ledger.artifacts_dir() / "other");
    std::ofstream(ledger.artifacts_dir() / "other/x.txt") << secret;

    ledger.redact_tree("impl/attempt-1");

    EXPECT_EQ(read(attempt / "gates/test.json"), "{\"out\": \"[redacted $API_KEY]\"}");
    EXPECT_EQ(read(attempt / "gates/deep/log.txt"), "a [redacted $API_KEY] b [redacted $API_KEY]");
    EXPECT_EQ(read(attempt / "clean.txt"), "nothing here");
    EXPECT_EQ(read(ledger.artifacts_dir() / "other/x.txt"), secret); // outside the tree
    ledger.redact_tree("does/not/exist");                            // harmless
}

TEST_F(LedgerTest, RedactTreeAlsoTakesASingleFile) {
    Ledger ledger(run_dir(), redactor());
    fs::create_directories(ledger.artifacts_dir());
    std::ofstream(ledger.artifacts_dir() / "setup.log") << "export API_KEY=" << secret << "\n";
    ledger.redact_tree("setup.log");
    EXPECT_EQ(read(ledger.artifacts_dir() / "setup.log"), "export API_KEY=[redacted $API_KEY]\n");
}

TEST_F(LedgerTest, ReadEventsSkipsATornLastLine) {
    {
        Ledger ledger(run_dir(), Redactor(Pairs{}));
        ledger.event("a", {});
        ledger.event("b", {{"x", 1}});
    }
    std::ofstream(run_dir() / "events.jsonl", std::ios::app) << R"({"ts":"2026-01-01T00:00:00.0)";
    auto events = read_events(run_dir() / "events.jsonl");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].at("type").as_string(), "a");
    EXPECT_EQ(events[1].at("type").as_string(), "b");
}

TEST_F(LedgerTest, ReadEventsSkipsGarbageLinesAndAMissingFileIsEmpty) {
    fs::create_directories(run_dir());
    std::ofstream(run_dir() / "events.jsonl") << "{\"type\":\"a\"}\nnot json\n[1,2]\n\n"
                                                 "{\"type\":\"b\"}\n";
    auto events = read_events(run_dir() / "events.jsonl");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[1].at("type").as_string(), "b");
    EXPECT_TRUE(read_events(m_dir / "nope.jsonl").empty());
}

TEST_F(LedgerTest, AnotherLedgerOnTheSameRunAppends) {
    {
        Ledger ledger(run_dir(), Redactor(Pairs{}));
        ledger.event("first", {});
    }
    {
        Ledger ledger(run_dir(), Redactor(Pairs{}));
        ledger.event("second", {});
    }
    auto events = read_events(run_dir() / "events.jsonl");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].at("type").as_string(), "first");
    EXPECT_EQ(events[1].at("type").as_string(), "second");
}

} // namespace
} // namespace gump::runs
