#pragma once
// The integrity gate's test fixture: real git repositories for the shared gate harness.
#include "gate_harness.hpp"

namespace {

// ---- a real repository -----------------------------------------------------------------------

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

class Repo {
public:
    Repo() {
        // The tests' git, and the gate's, ignore the machine's configuration.
        ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
        ::setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
        static int counter = 0;
        m_dir = fs::temp_directory_path() / ("integrity-gate-test-" + std::to_string(::getpid()) +
                                             "-" + std::to_string(++counter));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        git("init -q");
    }
    ~Repo() { fs::remove_all(m_dir); }
    std::string dir() const { return m_dir.string(); }

    void write(const std::string& path, const std::string& text) {
        fs::path file = m_dir / path;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
    }
    void remove(const std::string& path) { fs::remove(m_dir / path); }
    void move(const std::string& from, const std::string& to) {
        fs::create_directories((m_dir / to).parent_path());
        fs::rename(m_dir / from, m_dir / to);
    }
    void git(const std::string& args) {
        std::string command = "git -C " + quoted(dir()) + " " + args + " >/dev/null 2>&1";
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
    std::string commit(const std::string& message = "change") {
        git("add -A");
        git("-c user.name=t -c user.email=t@t -c commit.gpgsign=false commit -q --allow-empty "
            "-m " +
            quoted(message));
        std::string command = "git -C " + quoted(dir()) + " rev-parse HEAD";
        FILE* pipe = ::popen(command.c_str(), "r");
        std::string out;
        char buffer[128];
        while (pipe && std::fgets(buffer, sizeof buffer, pipe))
            out += buffer;
        if (pipe) ::pclose(pipe);
        while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
            out.pop_back();
        return out;
    }

private:
    fs::path m_dir;
};

json::object request(const Repo& repo, const std::string& base, const std::string& head,
                     json::value files = nullptr, json::object params = {}) {
    json::object r{{"worktree", repo.dir()},        {"gate", "integrity"}, {"step", "build/1/impl"},
                   {"params", std::move(params)},   {"base", base},        {"head", head},
                   {"changed_files", json::array()}};
    if (!files.is_null())
        r["item"] = json::object{{"name", "tidy-tests"},
                                 {"description", "Reorganise the tests."},
                                 {"files", std::move(files)},
                                 {"index", 0}};
    return r;
}

std::vector<std::string> kinds(const json::object& verdict, const char* key = "findings") {
    std::vector<std::string> out;
    for (const json::value& f : verdict.at(key).as_array()) {
        const json::object& o = f.as_object();
        std::string k(o.at("kind").as_string());
        k.append(" ").append(o.at("path").as_string());
        if (const json::value* line = o.if_contains("line"))
            k.append(":").append(std::to_string(line->to_number<long long>()));
        out.push_back(std::move(k));
    }
    return out;
}

using Kinds = std::vector<std::string>;

const std::string api_tests = "import pytest\n\n"
                              "def test_get():\n    assert True\n\n"
                              "def test_post():\n    assert True\n\n"
                              "def test_delete():\n    assert True\n";

// A small project: code, Python, Go, JS and C++ tests, CI and a runner configuration.
std::string seed(Repo& repo) {
    repo.write("src/api.py", "def get():\n    return 1\n");
    repo.write("tests/test_api.py", api_tests);
    repo.write("tests/test_util.py", "def test_util():\n    assert True\n");
    repo.write("pkg/calc_test.go", "package pkg\n\nimport \"testing\"\n\n"
                                   "func TestAdd(t *testing.T) {\n}\n\n"
                                   "func TestSub(t *testing.T) {\n}\n");
    repo.write("web/app.test.js", "describe('app', () => {\n  it('renders', () => {});\n"
                                  "  it('clicks', () => {});\n});\n");
    repo.write("tests/math_test.cpp", "#include <gtest/gtest.h>\n\nTEST(Math, Add) {}\n\n"
                                      "TEST(Math, Sub) {}\n");
    repo.write(".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu\n");
    repo.write("pytest.ini", "[pytest]\naddopts = -q\n");
    return repo.commit("seed");
}

} // namespace
