#include "plugin/schema.hpp"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

using gump::plugin::check_schema;
using gump::plugin::describe_schema;
namespace json = boost::json;

namespace {

const json::value schema = json::parse(R"({
  "type":"object","additionalProperties":false,"required":["command"],
  "properties":{
    "command":{"type":"string","minLength":1,"description":"what to run"},
    "timeout":{"type":["string","integer"],"default":"10m"},
    "retries":{"type":"integer","minimum":0,"maximum":3},
    "role":{"type":"string","enum":["compile","test"]},
    "env":{"type":"object","additionalProperties":{"type":"string"}},
    "args":{"type":"array","items":{"type":"string"}}}})");

std::vector<std::string> messages(const json::value& config) {
    std::vector<std::string> out;
    for (const auto& p : check_schema(config, schema))
        out.push_back(p.key + "|" + p.message);
    return out;
}

TEST(Schema, AcceptsAValidConfiguration) {
    EXPECT_TRUE(messages(json::parse(R"({"command":"make","timeout":30,"retries":2,"role":"test",
        "env":{"A":"b"},"args":["x"]})"))
                    .empty());
}

TEST(Schema, ReportsEachProblemWithItsKey) {
    auto m = messages(json::parse(R"({"comand":"make","retries":9,"role":"lint",
        "env":{"A":1},"args":["x",2],"timeout":true})"));
    EXPECT_THAT(m, ::testing::UnorderedElementsAre(
                       "|'command' is required",
                       "comand|unknown parameter 'comand' (did you mean 'command'?)",
                       "retries|'retries' must be at most 3",
                       "role|'role' is \"lint\", not one of \"compile\", \"test\"",
                       "env|'env.A' must be string", "args|'args[1]' must be string",
                       "timeout|'timeout' must be string or integer"));
}

TEST(Schema, DescribesItsProperties) {
    auto lines = describe_schema(schema);
    EXPECT_THAT(lines, ::testing::Contains("command  (string, required)  what to run"));
    EXPECT_THAT(lines, ::testing::Contains("timeout  (string or integer, default \"10m\")"));
}

} // namespace
