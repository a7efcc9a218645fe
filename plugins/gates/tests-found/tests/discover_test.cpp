#include "discover.hpp"

#include <gtest/gtest.h>

using namespace tests_found;
using Names = std::vector<std::string>;

TEST(Language, ByExtension) {
    EXPECT_EQ(language_of("a/test_x.py"), Language::python);
    EXPECT_EQ(language_of("x_test.go"), Language::go);
    EXPECT_EQ(language_of("tests/t.rs"), Language::rust);
    EXPECT_EQ(language_of("a.spec.tsx"), Language::javascript);
    EXPECT_EQ(language_of("tests/m_test.cpp"), Language::cpp);
    EXPECT_EQ(language_of("tests/data.json"), Language::none);
    EXPECT_TRUE(is_support_file("tests/conftest.py"));
    EXPECT_FALSE(is_support_file("tests/test_conftest.py"));
}

TEST(StaticTests, Python) {
    EXPECT_EQ(static_tests(Language::python, "def test_a():\n    pass\n\nasync def test_b():\n"
                                             "    pass\ndef helper():\n    pass\n"),
              (Names{"test_a", "test_b"}));
    EXPECT_TRUE(static_tests(Language::python, "def helper():\n    pass\n").empty());
}

TEST(StaticTests, UnittestNeedsATestCase) {
    std::string with =
        "import unittest\n\nclass T(unittest.TestCase):\n"
        "    def test_one(self):\n        pass\n    def setUp(self):\n        pass\n";
    EXPECT_EQ(unittest_tests(with), (Names{"test_one"}));
    EXPECT_TRUE(unittest_tests("def test_free():\n    pass\n").empty());
}

TEST(StaticTests, Go) {
    EXPECT_EQ(static_tests(Language::go, "package p\n\nfunc TestAdd(t *testing.T) {}\n"
                                         "func helper() {}\n"),
              (Names{"TestAdd"}));
}

TEST(StaticTests, Rust) {
    EXPECT_EQ(static_tests(Language::rust, "#[cfg(test)]\nmod t {\n    #[test]\n    fn adds() {}\n"
                                           "    fn helper() {}\n    #[tokio::test]\n"
                                           "    async fn waits() {}\n}\n"),
              (Names{"adds", "waits"}));
}

TEST(StaticTests, JavaScript) {
    EXPECT_EQ(static_tests(Language::javascript, "describe('a', () => {\n  it('x', () => {});\n"
                                                 "  test('y', () => {});\n  foo.it(1);\n});\n")
                  .size(),
              2u);
}

TEST(StaticTests, Cpp) {
    EXPECT_EQ(static_tests(Language::cpp, "TEST(Math, Add) {}\nTEST_F(Fix, Sub) {}\n"),
              (Names{"Math.Add", "Fix.Sub"}));
    EXPECT_EQ(static_tests(Language::cpp, "static void test_parse(void) {\n  helper();\n}\n"
                                          "void test_decl(void);\n"),
              (Names{"test_parse"}));
    EXPECT_TRUE(static_tests(Language::cpp, "int add(int a) { return a; }\n").empty());
}

TEST(Listing, PytestCollectOnly) {
    auto counts =
        parse_pytest_collect("tests/test_a.py::test_one\ntests/test_a.py::T::test_two\n"
                             "tests/test_b.py::test_x[1]\n\n3 tests collected in 0.01s\n");
    EXPECT_EQ(counts["tests/test_a.py"], 2u);
    EXPECT_EQ(counts["tests/test_b.py"], 1u);
    EXPECT_EQ(counts.size(), 2u);
}

TEST(Listing, GoCargoCtest) {
    EXPECT_EQ(parse_go_list("TestAdd\nExampleX\nok  \tpkg\t0.01s\n"),
              (Names{"TestAdd", "ExampleX"}));
    EXPECT_EQ(parse_cargo_list("tests::adds: test\nlib::bench: benchmark\n"),
              (Names{"tests::adds"}));
    EXPECT_EQ(parse_ctest_list("Test project /b\n  Test  #1: m.Math.Add\n  Test #12: other\n\n"
                               "Total Tests: 2\n"),
              (Names{"m.Math.Add", "other"}));
}

TEST(Listing, CountListed) {
    EXPECT_EQ(count_listed(Language::rust, {"adds"}, {"tests::adds", "tests::subs"}), 1u);
    EXPECT_EQ(count_listed(Language::cpp, {"Math.Add"}, {"m.Math.Add", "m.Math.Sub"}), 1u);
    EXPECT_EQ(count_listed(Language::go, {"TestAdd"}, {"TestAddMore"}), 0u);
    EXPECT_EQ(count_mentions("a/test_x.py::t\nother\ntest_x.py::u\n", "a/test_x.py"), 2u);
}

TEST(Verdict, PassAndFail) {
    auto pass = verdict_of({{"a_test.go", 2, ""}, {"b_test.go", 1, ""}}, "tests-found");
    EXPECT_EQ(pass.at("verdict"), "pass");
    EXPECT_EQ(pass.at("summary"), "tests-found: 3 tests in 2 changed files");
    auto fail = verdict_of({{"a_test.go", 2, ""}, {"tests/test_x.py", 0, "none"}}, "tests-found");
    EXPECT_EQ(fail.at("verdict"), "fail");
    ASSERT_EQ(fail.at("findings").as_array().size(), 1u);
    EXPECT_EQ(fail.at("findings").as_array()[0].as_object().at("path"), "tests/test_x.py");
}
