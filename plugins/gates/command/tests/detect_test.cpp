// Finding the project's commands from its files, for every row of the detection table.
#include "detect.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

using command_gate::detect;
using command_gate::Probe;
using command_gate::testing::TempDir;

// A probe that says yes to the tools in `installed` and remembers what it was asked.
struct FakeProbe {
    explicit FakeProbe(std::set<std::string> tools) : installed(std::move(tools)) {}
    std::set<std::string> installed;
    std::vector<std::string> asked;
    Probe probe() {
        return [this](const std::string& shell) {
            asked.push_back(shell);
            return installed.count(shell) > 0;
        };
    }
};

const Probe nothing_installed = [](const std::string&) { return false; };

// "command (marker)", or "none".
std::string found(const TempDir& dir, const char* role, const Probe& probe = nothing_installed) {
    auto d = detect(dir.path(), role, probe);
    return d ? d->command + " (" + d->marker + ")" : "none";
}

TEST(Detect, RolesWithDetection) {
    for (const char* role : {"compile", "test", "lint", "coverage"})
        EXPECT_TRUE(command_gate::detects_role(role)) << role;
    EXPECT_FALSE(command_gate::detects_role("other"));
    EXPECT_FALSE(command_gate::detects_role(""));
}

TEST(Detect, NothingInAnEmptyDirectory) {
    TempDir dir;
    for (const char* role : {"compile", "test", "lint", "coverage", "other"})
        EXPECT_EQ(found(dir, role), "none") << role;
}

TEST(Detect, CMake) {
    TempDir dir;
    dir.write("CMakeLists.txt", "project(x)\n");
    EXPECT_EQ(found(dir, "compile"),
              "cmake -S . -B build && cmake --build build -j2 (CMakeLists.txt)");
    EXPECT_EQ(found(dir, "test"), "ctest --test-dir build --output-on-failure (CMakeLists.txt)");
    EXPECT_EQ(found(dir, "lint"), "none");
    EXPECT_EQ(found(dir, "coverage"), "none");
}

TEST(Detect, Cargo) {
    TempDir dir;
    dir.write("Cargo.toml", "[package]\nname = \"x\"\n");
    EXPECT_EQ(found(dir, "compile"), "cargo build (Cargo.toml)");
    EXPECT_EQ(found(dir, "test"), "cargo test (Cargo.toml)");
    EXPECT_EQ(found(dir, "lint"), "cargo clippy -- -D warnings (Cargo.toml)");
    EXPECT_EQ(found(dir, "coverage"), "none");
    FakeProbe tarpaulin{{"command -v cargo-tarpaulin"}};
    EXPECT_EQ(found(dir, "coverage", tarpaulin.probe()), "cargo tarpaulin (Cargo.toml)");
}

TEST(Detect, Go) {
    TempDir dir;
    dir.write("go.mod", "module example.com/x\n\ngo 1.22\n");
    EXPECT_EQ(found(dir, "compile"), "go build ./... (go.mod)");
    EXPECT_EQ(found(dir, "test"), "go test ./... (go.mod)");
    EXPECT_EQ(found(dir, "lint"), "go vet ./... (go.mod)");
    EXPECT_EQ(found(dir, "coverage"), "go test -cover ./... (go.mod)");
}

TEST(Detect, PackageJsonScripts) {
    TempDir dir;
    dir.write("package.json",
              R"({"name":"x","scripts":{"build":"tsc","test":"vitest run","lint":"eslint ."}})");
    EXPECT_EQ(found(dir, "compile"), "npm run build (package.json)");
    EXPECT_EQ(found(dir, "test"), "npm test (package.json)");
    EXPECT_EQ(found(dir, "lint"), "npm run lint (package.json)");
    EXPECT_EQ(found(dir, "coverage"), "none");
}

TEST(Detect, PackageJsonWithoutTheScriptDetectsNothing) {
    TempDir dir;
    dir.write("package.json", R"({"name":"x","scripts":{"test":"jest"}})");
    EXPECT_EQ(found(dir, "compile"), "none");
    EXPECT_EQ(found(dir, "test"), "npm test (package.json)");
    EXPECT_EQ(found(dir, "lint"), "none");
    dir.write("package.json", "{ not json");
    EXPECT_EQ(found(dir, "test"), "none");
}

TEST(Detect, PnpmAndYarnFromTheirLockFiles) {
    TempDir dir;
    dir.write("package.json", R"({"scripts":{"build":"vite build","test":"vitest"}})");
    dir.write("yarn.lock");
    EXPECT_EQ(found(dir, "compile"), "yarn run build (package.json)");
    EXPECT_EQ(found(dir, "test"), "yarn test (package.json)");
    dir.write("pnpm-lock.yaml");
    EXPECT_EQ(found(dir, "compile"), "pnpm run build (package.json)");
    EXPECT_EQ(found(dir, "test"), "pnpm test (package.json)");
}

TEST(Detect, PackageScriptParsing) {
    using command_gate::package_has_script;
    EXPECT_TRUE(package_has_script(R"({"scripts":{"test":"jest"}})", "test"));
    EXPECT_FALSE(package_has_script(R"({"scripts":{"test":""}})", "test"));
    EXPECT_FALSE(package_has_script(R"({"scripts":{"test":42}})", "test"));
    EXPECT_FALSE(package_has_script(R"({"scripts":["test"]})", "test"));
    EXPECT_FALSE(package_has_script(R"({"test":"jest"})", "test"));
    EXPECT_FALSE(package_has_script(R"([1,2])", "test"));
    EXPECT_FALSE(package_has_script("", "test"));
}

TEST(Detect, PythonWithPytestAndRuff) {
    TempDir dir;
    dir.write("pyproject.toml", "[project]\nname = \"x\"\n");
    FakeProbe tools{{"python3 -c 'import pytest'", "command -v ruff", "command -v flake8"}};
    EXPECT_EQ(found(dir, "compile", tools.probe()), "python3 -m compileall -q . (pyproject.toml)");
    EXPECT_EQ(found(dir, "test", tools.probe()), "python3 -m pytest (pyproject.toml)");
    EXPECT_EQ(found(dir, "lint", tools.probe()), "ruff check . (pyproject.toml)");
    EXPECT_EQ(found(dir, "coverage", tools.probe()), "none");
}

TEST(Detect, PythonFallsBackToUnittestAndFlake8) {
    TempDir dir;
    dir.write("setup.py", "from setuptools import setup\nsetup()\n");
    FakeProbe tools{{"command -v flake8"}};
    EXPECT_EQ(found(dir, "test", tools.probe()), "python3 -m unittest (setup.py)");
    EXPECT_EQ(tools.asked, std::vector<std::string>{"python3 -c 'import pytest'"});
    EXPECT_EQ(found(dir, "lint", tools.probe()), "flake8 (setup.py)");
    EXPECT_EQ(found(dir, "lint"), "none"); // neither ruff nor flake8: no linter
}

TEST(Detect, PythonMarkers) {
    TempDir ini;
    ini.write("pytest.ini", "[pytest]\n");
    EXPECT_EQ(found(ini, "test"), "python3 -m unittest (pytest.ini)");
    TempDir tests;
    tests.write("tests/test_math.py", "import unittest\n");
    EXPECT_EQ(found(tests, "compile"), "python3 -m compileall -q . (tests/*.py)");
    TempDir other;
    other.write("tests/data.txt", "");
    EXPECT_EQ(found(other, "test"), "none");
}

TEST(Detect, MakefileTargets) {
    TempDir dir;
    dir.write("Makefile", "CC := gcc\nall: build\n\nbuild:\n\t$(CC) -o x x.c\n\ntest: build\n"
                          "\t./x --self-test\n");
    EXPECT_EQ(found(dir, "compile"), "make build (Makefile)");
    EXPECT_EQ(found(dir, "test"), "make test (Makefile)");
    EXPECT_EQ(found(dir, "lint"), "none");
}

TEST(Detect, MakefileTargetParsing) {
    using command_gate::make_has_target;
    EXPECT_TRUE(make_has_target("test:\n\tpytest\n", "test"));
    EXPECT_TRUE(make_has_target(".PHONY: all\nbuild test: deps\n", "test"));
    EXPECT_TRUE(make_has_target("lint::\n\truff .\n", "lint"));
    EXPECT_TRUE(make_has_target("test : build\n", "test"));
    EXPECT_FALSE(make_has_target(".PHONY: test\n", "test"));
    EXPECT_FALSE(make_has_target("test := 1\n", "test"));
    EXPECT_FALSE(make_has_target("URL = http://test:80\n", "test"));
    EXPECT_FALSE(make_has_target("\ttest: not a rule\n", "test"));
    EXPECT_FALSE(make_has_target("# test: commented\n", "test"));
    EXPECT_FALSE(make_has_target("testing:\n", "test"));
    EXPECT_FALSE(make_has_target("", "test"));
}

TEST(Detect, Maven) {
    TempDir dir;
    dir.write("pom.xml", "<project/>\n");
    EXPECT_EQ(found(dir, "compile"), "mvn -q compile (pom.xml)");
    EXPECT_EQ(found(dir, "test"), "mvn -q test (pom.xml)");
    EXPECT_EQ(found(dir, "lint"), "none");
}

TEST(Detect, GradleWithAndWithoutTheWrapper) {
    TempDir dir;
    dir.write("build.gradle.kts", "plugins { java }\n");
    EXPECT_EQ(found(dir, "compile"), "gradle build -x test (build.gradle.kts)");
    EXPECT_EQ(found(dir, "test"), "gradle test (build.gradle.kts)");
    dir.write("gradlew", "#!/bin/sh\n");
    dir.write("build.gradle", "apply plugin: 'java'\n");
    EXPECT_EQ(found(dir, "compile"), "./gradlew build -x test (build.gradle)");
    EXPECT_EQ(found(dir, "test"), "./gradlew test (build.gradle)");
}

TEST(Detect, Meson) {
    TempDir dir;
    dir.write("meson.build", "project('x', 'c')\n");
    EXPECT_EQ(found(dir, "compile"), "meson setup build && meson compile -C build (meson.build)");
    EXPECT_EQ(found(dir, "test"), "meson test -C build (meson.build)");
}

TEST(Detect, FirstBuildSystemWithACommandForTheRoleWins) {
    TempDir dir;
    dir.write("CMakeLists.txt", "project(x)\n");
    dir.write("package.json", R"({"scripts":{"test":"jest","lint":"eslint ."}})");
    dir.write("Makefile", "test:\n\tctest\nlint:\n\tclang-tidy\n");
    EXPECT_EQ(found(dir, "test"), "ctest --test-dir build --output-on-failure (CMakeLists.txt)");
    // CMake has no lint command: the next build system that has one.
    EXPECT_EQ(found(dir, "lint"), "npm run lint (package.json)");
    TempDir make;
    make.write("package.json", R"({"scripts":{}})");
    make.write("Makefile", "test:\n\t./run-tests\n");
    EXPECT_EQ(found(make, "test"), "make test (Makefile)");
}

TEST(Detect, MarkersAreListedForMessages) {
    std::string markers = command_gate::detection_markers();
    EXPECT_EQ(markers.find("CMakeLists.txt, Cargo.toml, go.mod, package.json, pyproject.toml"), 0u);
    EXPECT_NE(markers.find("meson.build"), std::string::npos);
}

} // namespace
