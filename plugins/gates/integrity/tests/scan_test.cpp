#include "scan.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace integrity;

TEST(Scan, LanguageByExtension) {
    EXPECT_EQ(language_of("tests/test_a.py"), Language::python);
    EXPECT_EQ(language_of("pkg/x_test.go"), Language::go);
    EXPECT_EQ(language_of("src/lib.rs"), Language::rust);
    EXPECT_EQ(language_of("web/a.test.TSX"), Language::javascript);
    EXPECT_EQ(language_of("web/a.spec.mjs"), Language::javascript);
    EXPECT_EQ(language_of("tests/a_test.cpp"), Language::c_cpp);
    EXPECT_EQ(language_of("tests/a.c"), Language::c_cpp);
    EXPECT_EQ(language_of("src/test/java/FooTest.java"), Language::java);
    EXPECT_EQ(language_of("FooTest.kt"), Language::java);
    EXPECT_EQ(language_of("tests/data.json"), Language::none);
    EXPECT_EQ(language_of("Makefile"), Language::none);
    EXPECT_EQ(language_of(".py"), Language::none);
    EXPECT_EQ(language_of("a.py/README"), Language::none);
}

TEST(Scan, CountsPythonTests) {
    std::string text = "import pytest\n"
                       "def test_one():\n    pass\n"
                       "async def test_two():\n    pass\n"
                       "class TestApi:\n"
                       "    def test_three(self):\n        pass\n"
                       "    def testFour(self):\n        pass\n"
                       "    def helper_test(self):\n        pass\n"
                       "# def test_commented_out():\n"
                       "def test_five (x):\n";
    EXPECT_EQ(count_tests(Language::python, text), 5u);
}

TEST(Scan, CountsGoTests) {
    std::string text = "package x\n"
                       "func TestMain(m *testing.M) { os.Exit(m.Run()) }\n"
                       "func TestAdd(t *testing.T) {}\n"
                       "func TestSub(t *testing.T) {}\n"
                       "func FuzzParse(f *testing.F) {}\n"
                       "func (s *Suite) TestMethod() {}\n"
                       "func helperTest() {}\n"
                       "// func TestOld(t *testing.T) {}\n"
                       "func BenchmarkAdd(b *testing.B) {}\n";
    EXPECT_EQ(count_tests(Language::go, text), 4u);
}

TEST(Scan, CountsRustTests) {
    std::string text = "#[cfg(test)]\nmod tests {\n"
                       "    #[test]\n    fn a() {}\n"
                       "    #[test]\n    #[ignore]\n    fn b() {}\n"
                       "    #[tokio::test]\n    async fn c() {}\n"
                       "    #[tokio::test(flavor = \"multi_thread\")]\n    async fn d() {}\n"
                       "    // #[test]\n    fn e() {}\n"
                       "    #[test_case(1)]\n    fn f(x: u8) {}\n}\n";
    EXPECT_EQ(count_tests(Language::rust, text), 4u);
}

TEST(Scan, CountsJavaScriptTests) {
    std::string text = "describe('api', () => {\n"
                       "  it('works', () => {});\n"
                       "  it.skip('is skipped but still a test', () => {});\n"
                       "  test('also', async () => {});\n"
                       "  test.each([[1], [2]])('each %i', (n) => {});\n"
                       "  test.concurrent.only('focused', () => {});\n"
                       "  xit('pending', () => {});\n"
                       "  // it('commented out', () => {});\n"
                       "  items(3);\n"
                       "  test.describe('not a test', () => {});\n"
                       "  tests('nor this');\n"
                       "});\n";
    EXPECT_EQ(count_tests(Language::javascript, text), 6u);
}

TEST(Scan, CountsCppTests) {
    std::string text = "#include <gtest/gtest.h>\n"
                       "TEST(Math, Add) {}\n"
                       "TEST_F(Fixture, Sub) {}\n"
                       "TEST_P(Param, Mul) {}\n"
                       "TYPED_TEST(Typed, Div) {}\n"
                       "TEST_CASE(\"catch2\") {}\n"
                       "// TEST(Math, Old) {}\n"
                       "INSTANTIATE_TEST_SUITE_P(All, Param, ::testing::Values(1));\n"
                       "static void test_helper() {}\n";
    EXPECT_EQ(count_tests(Language::c_cpp, text), 5u);
}

TEST(Scan, CountsCStyleTestsAsAFallback) {
    std::string text = "static void test_add(void);\n" // a declaration
                       "static void test_add(void) {}\n"
                       "static void test_sub(void)\n{\n}\n"
                       "void test_mul(void) {}\n"
                       "int main(void) { test_add(); test_sub(); return 0; }\n";
    EXPECT_EQ(count_tests(Language::c_cpp, text), 3u);
    // A file with test macros is counted by them on both sides.
    TestCounts c = count_test_cases("t_test.cpp", "TEST(A, B) {}\nTEST(A, C) {}\n", "t_test.cpp",
                                    "static void test_a() {}\nstatic void test_b() {}\n"
                                    "static void test_c() {}\n");
    EXPECT_EQ(c.before, 2u);
    EXPECT_EQ(c.after, 0u);
    c = count_test_cases("t.c", "static void test_a() {}\nstatic void test_b() {}\n", "t.c",
                         "static void test_a() {}\n");
    EXPECT_EQ(c.before, 2u);
    EXPECT_EQ(c.after, 1u);
}

TEST(Scan, CountsJavaTests) {
    std::string text = "@Test\nvoid a() {}\n  @ParameterizedTest\nvoid b(int x) {}\n"
                       "@TestInstance(PER_CLASS)\nclass X {}\n  @Test void c() {}\n";
    EXPECT_EQ(count_tests(Language::java, text), 3u);
}

TEST(Scan, CountsAcrossLanguagesOfARename) {
    TestCounts c = count_test_cases("tests/a.test.js", "it('a', f);\nit('b', f);\n",
                                    "tests/a.test.ts", "it('a', f);\n");
    EXPECT_EQ(c.before, 2u);
    EXPECT_EQ(c.after, 1u);
    EXPECT_EQ(count_tests(Language::none, "def test_a():\n"), 0u);
}

std::string marker(Language language, std::string_view line) {
    return skip_marker(language, line).text;
}

TEST(Scan, PythonMarkers) {
    EXPECT_EQ(marker(Language::python, "@pytest.mark.skip"), "@pytest.mark.skip");
    EXPECT_EQ(marker(Language::python, "@pytest.mark.skip(reason=\"flaky\")"), "@pytest.mark.skip");
    EXPECT_EQ(marker(Language::python, "@pytest.mark.skipif(sys.platform == 'linux', reason='x')"),
              "@pytest.mark.skipif");
    EXPECT_EQ(marker(Language::python, "@pytest.mark.xfail(strict=False)"), "@pytest.mark.xfail");
    EXPECT_EQ(marker(Language::python, "pytestmark = pytest.mark.skip"), "pytest.mark.skip");
    EXPECT_EQ(marker(Language::python, "    @unittest.skip('later')"), "@unittest.skip");
    EXPECT_EQ(marker(Language::python, "@unittest.skipIf(True, 'x')"), "@unittest.skipIf");
    EXPECT_EQ(marker(Language::python, "@unittest.expectedFailure"), "@unittest.expectedFailure");
    EXPECT_EQ(marker(Language::python, "    pytest.skip(\"not now\")"), "pytest.skip");
    EXPECT_EQ(marker(Language::python, "    self.skipTest('no db')"), "self.skipTest");
    EXPECT_EQ(marker(Language::python, "skip = True"), "");
    EXPECT_EQ(marker(Language::python, "mypytest.skip()"), "");
    EXPECT_EQ(marker(Language::python, "rows = query.only('id')"), "");
}

TEST(Scan, GoRustJavaMarkers) {
    EXPECT_EQ(marker(Language::go, "\tt.Skip(\"flaky\")"), "t.Skip");
    EXPECT_EQ(marker(Language::go, "\tt.SkipNow()"), "t.SkipNow");
    EXPECT_EQ(marker(Language::go, "\tt.Skipf(\"%d\", n)"), "t.Skipf");
    EXPECT_EQ(marker(Language::go, "\tb.Skip()"), "b.Skip");
    EXPECT_EQ(marker(Language::go, "\ts.T().Skip()"), ".T().Skip");
    EXPECT_EQ(marker(Language::go, "\tdec.Skip()"), "");
    EXPECT_EQ(marker(Language::rust, "    #[ignore]"), "#[ignore]");
    EXPECT_EQ(marker(Language::rust, "#[ignore = \"slow\"]"), "#[ignore]");
    EXPECT_EQ(marker(Language::rust, "#[ignored_lint]"), "");
    EXPECT_EQ(marker(Language::java, "  @Disabled(\"later\")"), "@Disabled");
    EXPECT_EQ(marker(Language::java, "@DisabledOnOs(OS.LINUX)"), "@DisabledOnOs");
    EXPECT_EQ(marker(Language::java, "@Ignore"), "@Ignore");
    EXPECT_EQ(marker(Language::java, "@JsonIgnore"), "");
}

TEST(Scan, JavaScriptMarkers) {
    EXPECT_EQ(marker(Language::javascript, "  it.skip('x', () => {})"), "it.skip");
    EXPECT_EQ(marker(Language::javascript, "describe.skip('x', () => {})"), "describe.skip");
    EXPECT_EQ(marker(Language::javascript, "test.skip.each([1])('x', f)"), "test.skip");
    EXPECT_EQ(marker(Language::javascript, "  xit('x', () => {})"), "xit");
    EXPECT_EQ(marker(Language::javascript, "xdescribe('x', () => {})"), "xdescribe");
    EXPECT_EQ(marker(Language::javascript, "  this.skip();"), "this.skip");
    Marker focus = skip_marker(Language::javascript, "  it.only('x', () => {})");
    EXPECT_EQ(focus.text, "it.only");
    EXPECT_TRUE(focus.focus);
    EXPECT_EQ(marker(Language::javascript, "describe.only('x', f)"), "describe.only");
    EXPECT_TRUE(skip_marker(Language::javascript, "fit('x', f)").focus);
    EXPECT_FALSE(skip_marker(Language::javascript, "xit('x', f)").focus);
    EXPECT_EQ(marker(Language::javascript, "const x = query.only(3);"), "");
    EXPECT_EQ(marker(Language::javascript, "model.fit(data)"), "");
    EXPECT_EQ(marker(Language::javascript, "const unfit = 1; profit(3)"), "");
    EXPECT_EQ(marker(Language::javascript, "it('skips nothing', () => skip(1))"), "");
}

TEST(Scan, CppMarkers) {
    EXPECT_EQ(marker(Language::c_cpp, "    GTEST_SKIP() << \"later\";"), "GTEST_SKIP");
    EXPECT_EQ(marker(Language::c_cpp, "TEST(Math, DISABLED_Add) {"), "DISABLED_Add");
    EXPECT_EQ(marker(Language::c_cpp, "TEST_F(DISABLED_Suite, Add) {"), "DISABLED_Suite");
    EXPECT_EQ(marker(Language::c_cpp, "  doctest::skip(true)"), "doctest::skip");
    EXPECT_EQ(marker(Language::c_cpp, "#define STATE_DISABLED_X 3"), "");
    EXPECT_EQ(marker(Language::c_cpp, "int DISABLED_FEATURES = 0;"), "");
    EXPECT_EQ(marker(Language::python, "TEST(Math, DISABLED_Add) {"), "");
    EXPECT_EQ(marker(Language::none, "@pytest.mark.skip"), "");
}

} // namespace
