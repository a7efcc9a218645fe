// The integrity gate on real repositories: what the item's scope and the parameters allow, and
// the errors when it cannot judge.
#include "gate_fixture.hpp"

namespace {

TEST(Gate, ItemScopeAllowsAnExplicitDeletionOrRename) {
    Repo repo;
    std::string base = seed(repo);
    repo.remove("tests/test_util.py");
    repo.move("tests/test_api.py", "src/api_checks.py");
    repo.write("pytest.ini", "[pytest]\naddopts = -q -x\n");
    std::string head = repo.commit();
    Gate gate;

    json::object v = gate.check(
        request(repo, base, head,
                json::array{"src/**", "tests/test_util.py", "tests/test_api.py", "pytest.ini"}));
    EXPECT_EQ(v.at("verdict"), "pass");
    EXPECT_EQ(v.at("summary"), "integrity: no test weakened");
    EXPECT_EQ(kinds(v, "excused"),
              (Kinds{"deleted-test tests/test_api.py", "deleted-test tests/test_util.py",
                     "gate-config pytest.ini"}));

    // A scope that covers only part of it: the rest still fails.
    v = gate.check(request(repo, base, head, json::array{"tests/test_util.py"}));
    EXPECT_EQ(kinds(v), (Kinds{"deleted-test tests/test_api.py", "gate-config pytest.ini"}));

    // "Everything" is no explicit scope.
    v = gate.check(request(repo, base, head, json::array{"**"}));
    EXPECT_EQ(v.at("verdict"), "fail");
    EXPECT_EQ(v.at("findings").as_array().size(), 3u);
    v = gate.check(request(repo, base, head, json::array{"**/*"}));
    EXPECT_EQ(v.at("findings").as_array().size(), 3u);
}

TEST(Gate, ParamsReplaceTheDefaults) {
    Repo repo;
    std::string base = seed(repo);
    repo.remove("tests/test_util.py");
    repo.write("Makefile", "test:\n\ttrue\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(
        request(repo, base, head, nullptr,
                {{"tests", json::array{"spec/**"}}, {"config", json::array{"Makefile"}}}));
    EXPECT_EQ(kinds(v), (Kinds{"gate-config Makefile"}));
    EXPECT_EQ(v.at("findings").as_array().at(0).at("detail"),
              "Makefile (gate configuration) was added");
}

TEST(Gate, PathsWithBlanksAndQuotes) {
    Repo repo;
    repo.write("tests/test a.py", "def test_a():\n    pass\n\ndef test_b():\n    pass\n");
    repo.write("tests/test \"q\".py", "def test_q():\n    pass\n");
    std::string base = repo.commit();
    repo.write("tests/test a.py", "def test_a():\n    pass\n");
    repo.write("tests/test \"q\".py",
               "import pytest\n@pytest.mark.xfail\ndef test_q():\n    pass\n");
    std::string head = repo.commit();
    Gate gate;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(kinds(v),
              (Kinds{"fewer-tests tests/test a.py", "skip-marker tests/test \"q\".py:2"}));
}

TEST(Gate, ErrorsWhenItCannotJudge) {
    Repo repo;
    std::string base = seed(repo);
    Gate gate;
    json::object v = gate.check(request(repo, base, "0123456789abcdef0123456789abcdef01234567"));
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(std::string(v.at("summary").as_string()),
              "integrity could not check: head "
              "0123456789abcdef0123456789abcdef01234567 is not a commit in " +
                  repo.dir());

    json::object r = request(repo, base, "HEAD");
    r.erase("base");
    v = gate.check(r);
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"),
              "integrity could not check: the request has no \"base\" commit; the gate judges the "
              "changes of a step, so use it on a step's gates");

    v = gate.check(request(repo, "--output=/tmp/x", base));
    EXPECT_EQ(v.at("summary"),
              "integrity could not check: base \"--output=/tmp/x\" is not a commit");

    json::object outside = request(repo, "a", "b");
    outside["worktree"] = "/nonexistent/integrity/worktree";
    v = gate.check(outside);
    EXPECT_EQ(v.at("summary"), "integrity could not check: the worktree "
                               "/nonexistent/integrity/worktree is not a directory");

    r = request(repo, base, "HEAD");
    r["params"] = json::object{{"allow_skips", "yes"}};
    v = gate.check(r);
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"), "integrity could not check: allow_skips must be true or false: "
                               "write allow_skips = true");
}

TEST(Gate, ErrorsOutsideARepository) {
    fs::path dir =
        fs::temp_directory_path() / ("integrity-gate-norepo-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    ::setenv("GIT_CEILING_DIRECTORIES", dir.parent_path().c_str(), 1);
    Gate gate;
    json::object r{{"worktree", dir.string()}, {"gate", "integrity"}, {"base", "a"}, {"head", "b"}};
    json::object v = gate.check(r);
    ::unsetenv("GIT_CEILING_DIRECTORIES");
    fs::remove_all(dir);
    EXPECT_EQ(v.at("verdict"), "error");
    std::string summary(v.at("summary").as_string());
    EXPECT_TRUE(summary.starts_with("integrity could not check: `git rev-parse` failed: not a git "
                                    "repository"))
        << summary;
}

TEST(Gate, ErrorsWithoutGit) {
    Repo repo;
    std::string base = seed(repo);
    repo.remove("tests/test_util.py");
    std::string head = repo.commit();
    Gate gate;
    gate.host().git_missing = true;
    json::object v = gate.check(request(repo, base, head));
    EXPECT_EQ(v.at("verdict"), "error");
    EXPECT_EQ(v.at("summary"),
              "integrity could not check: git did not run: cannot run 'git': not found on PATH");
}

TEST(Gate, BadConfigurationIsRefused) {
    Gate tests(R"({"tests": "tests/**"})");
    EXPECT_EQ(tests.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(tests.error(),
              R"(tests must be an array of globs: write tests = ["**/*_test.*", "tests/**"])");
    Gate config(R"({"config": ["ci/**", ""]})");
    EXPECT_EQ(config.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(config.error(),
              R"(config entry 2 is empty: write config = [".github/workflows/**", "pytest.ini"])");
    Gate skips(R"({"allow_skips": 1})");
    EXPECT_EQ(skips.status(), GUMP_ERR_CONFIG);
    EXPECT_EQ(skips.error(), "allow_skips must be true or false: write allow_skips = true");
}

} // namespace
