// How numbers read in gump's output.
#include "report/format.hpp"

#include <gtest/gtest.h>

namespace gump::report {
namespace {

TEST(Format, Money) {
    EXPECT_EQ(money(0.83), "$0.83");
    EXPECT_EQ(money(0.83, true), "$0.83+?");
    EXPECT_EQ(money(0), "$0.00");
    EXPECT_EQ(money(0, true), "$0.00+?");
    EXPECT_EQ(money(12.5), "$12.50");
    // Below a cent, a real cost keeps its digits instead of reading as nothing.
    EXPECT_EQ(money(0.004), "$0.0040");
    EXPECT_EQ(money(0.00162), "$0.0016");
    EXPECT_EQ(money(0.0099999), "$0.0100");
    EXPECT_EQ(money(0.01), "$0.01");
    EXPECT_EQ(money(1234.0), "$1234.00");
}

TEST(Format, AnEstimatedCostIsMarked) {
    EXPECT_EQ(money(0.04, false, true), "~$0.04");
    EXPECT_EQ(money(0.83, true, true), "~$0.83+?");
    EXPECT_EQ(money(0.00054, false, true), "~$0.0005");
}

TEST(Format, Seconds) {
    EXPECT_EQ(seconds(0), "0s");
    EXPECT_EQ(seconds(499), "0s");
    EXPECT_EQ(seconds(500), "1s"); // rounded to the nearest second
    EXPECT_EQ(seconds(52000), "52s");
    EXPECT_EQ(seconds(59499), "59s");
    EXPECT_EQ(seconds(59500), "1m00s");
    EXPECT_EQ(seconds(60000), "1m00s");
    EXPECT_EQ(seconds(64000), "1m04s");
    EXPECT_EQ(seconds(252000), "4m12s");
    EXPECT_EQ(seconds(3599000), "59m59s");
    EXPECT_EQ(seconds(3600000), "1h00m");
    EXPECT_EQ(seconds(3720000), "1h02m");
    EXPECT_EQ(seconds(36000000 + 59 * 60000), "10h59m");
}

TEST(Format, Count) {
    EXPECT_EQ(count(0), "0");
    EXPECT_EQ(count(980), "980");
    EXPECT_EQ(count(999), "999");
    EXPECT_EQ(count(1000), "1.0k");
    EXPECT_EQ(count(12400), "12.4k");
    EXPECT_EQ(count(3100000), "3.1M");
}

// Just under a million, "%.1fk" rounds up to "1000.0k"; it should read "1.0M".
TEST(Format, CountJustUnderAMillionReadsAsMillions) {
    EXPECT_EQ(count(999960), "1.0M");
}

TEST(Format, TitleCase) {
    EXPECT_EQ(title_case("decompose"), "Decompose");
    EXPECT_EQ(title_case("write-tests"), "Write tests");
    EXPECT_EQ(title_case("unit_tests"), "Unit tests");
    EXPECT_EQ(title_case("Quality"), "Quality");
    EXPECT_EQ(title_case("2nd-pass"), "2nd pass");
    EXPECT_EQ(title_case(""), "");
}

} // namespace
} // namespace gump::report
