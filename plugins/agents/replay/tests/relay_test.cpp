#include "relay.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

using namespace replay;
namespace json = boost::json;

TEST(Relay, OnlyJsonObjectsWithAStringTypeAreEvents) {
    auto event = event_of_line(R"({"type":"turn","number":2})");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->at("number"), 2);
    EXPECT_FALSE(event_of_line(""));
    EXPECT_FALSE(event_of_line("compiling src/main.c"));
    EXPECT_FALSE(event_of_line(R"({"type":3})"));
    EXPECT_FALSE(event_of_line(R"({"number":2})"));
    EXPECT_FALSE(event_of_line(R"(["type","turn"])"));
    EXPECT_FALSE(event_of_line(R"({"type":"turn")"));
    EXPECT_TRUE(event_of_line(R"(  {"type":"whatever-comes-next"}  )"));
}

TEST(Relay, RemembersTheLastOfEachKind) {
    Relayed r;
    for (const char* line : {R"({"type":"session","id":"s-1"})", R"({"type":"turn","number":1})",
                             R"({"type":"usage","input_tokens":10,"output_tokens":2})",
                             R"({"type":"text","text":"first"})", R"({"type":"turn","number":2})",
                             R"({"type":"usage","input_tokens":30,"output_tokens":5,)"
                             R"("cache_read_tokens":1,"cache_write_tokens":4,"cost_usd":0.25})",
                             R"({"type":"text","text":"done"})"})
        r.note(*event_of_line(line));
    EXPECT_EQ(r.session, "s-1");
    EXPECT_EQ(r.turns, 2);
    EXPECT_EQ(r.text, "done");
    EXPECT_EQ(r.usage.input_tokens, 30);
    EXPECT_EQ(r.usage.output_tokens, 5);
    EXPECT_EQ(r.usage.cache_read_tokens, 1);
    EXPECT_EQ(r.usage.cache_write_tokens, 4);
    EXPECT_DOUBLE_EQ(r.usage.cost_usd.value(), 0.25);
    EXPECT_FALSE(r.has_result);
}

TEST(Relay, TheLastResultEventDecides) {
    Relayed r;
    r.note(*event_of_line(
        R"({"type":"result","success":false,"failure":{"class":"timeout","message":"slow"}})"));
    EXPECT_TRUE(r.has_result);
    EXPECT_FALSE(r.result_success);
    ASSERT_TRUE(r.result_failure);
    EXPECT_EQ(r.result_failure->failure_class, "timeout");
    EXPECT_EQ(r.result_failure->message, "slow");
    r.note(*event_of_line(R"({"type":"result"})"));
    EXPECT_TRUE(r.result_success);
    EXPECT_FALSE(r.result_failure);
    r.note(*event_of_line(R"({"type":"result","success":false,"failure":{"class":"bogus"}})"));
    EXPECT_FALSE(r.result_success);
    EXPECT_EQ(r.result_failure->failure_class, "agent"); // unknown classes are the agent's
}
