#pragma once
// What a source line or file says about tests: how many test cases a file defines, and whether a
// line skips, ignores or focuses tests. The language comes from the file name's extension.
#include <cstddef>
#include <string>
#include <string_view>

namespace integrity {

enum class Language { none, python, go, rust, javascript, c_cpp, java };

// By extension: .py; .go; .rs; .js .jsx .mjs .cjs .ts .tsx .mts .cts; .c .h .cc .cpp .cxx .hh .hpp
// .hxx; .java .kt .kts .groovy .scala. Anything else: none.
Language language_of(std::string_view path);

// The test cases `text` defines, counted line by line (a commented-out test does not count):
//   python      def test...( / async def test...(
//   go          func Test...( and func Fuzz...( (a method of a suite too), not TestMain
//   rust        #[test], #[tokio::test] and other #[...::test]
//   javascript  it( / test( at the start of a line, also it.only(, test.each(..., xit(, fit(
//   c_cpp       TEST( TEST_F( TEST_P( TYPED_TEST( TYPED_TEST_P( TEST_CASE( TEST_CASE_METHOD(
//               SCENARIO( BOOST_AUTO_TEST_CASE( BOOST_FIXTURE_TEST_CASE(; in a file without any
//               of those, C-style `static void test_...(` / `void test_...(` definitions
//   java        @Test, @ParameterizedTest, @RepeatedTest, @TestFactory, @TestTemplate
size_t count_tests(Language language, std::string_view text);

struct TestCounts {
    size_t before = 0;
    size_t after = 0;
};

// The test cases of one file before and after a change. For C and C++ both sides are counted the
// same way: by the test macros when either side has one, otherwise by the C-style functions.
TestCounts count_test_cases(std::string_view old_path, std::string_view before,
                            std::string_view path, std::string_view after);

struct Marker {
    std::string text;   // as written: "@pytest.mark.skip", "it.only", "DISABLED_Slow"
    bool focus = false; // .only / fit(: runs some tests and silently drops the others
    explicit operator bool() const { return !text.empty(); }
};

// The first skip, ignore or focus marker on a source line, if any:
//   python      pytest.mark.skip / skipif / xfail (with or without '@'), @unittest.skip /
//               skipIf / skipUnless / expectedFailure, pytest.skip( pytest.xfail( ...skipTest(
//   go          t.Skip( t.Skipf( t.SkipNow( (also b., tb., f., .T().)
//   rust        #[ignore] / #[ignore = "..."]
//   javascript  it|test|describe|context|suite|specify .skip / .only, xit( xtest( xdescribe(
//               xcontext( xspecify( fit( fdescribe( fcontext( this.skip(
//   c_cpp       GTEST_SKIP, doctest::skip, DISABLED_ on a line with a TEST...( macro
//   java        @Disabled (and @DisabledOnOs...), @Ignore
Marker skip_marker(Language language, std::string_view line);

} // namespace integrity
