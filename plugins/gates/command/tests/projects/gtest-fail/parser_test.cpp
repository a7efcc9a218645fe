#include <gtest/gtest.h>
#include <string>

static int parse_port(const std::string&) { return 80; }

TEST(Parser, ParsesPort) {
    EXPECT_EQ(parse_port("localhost:8080"), 8080);
}

TEST(Parser, ParsesHost) {
    EXPECT_EQ(std::string("localhost"), "localhost");
}
