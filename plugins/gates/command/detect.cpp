#include "detect.hpp"

#include <boost/json.hpp>

#include <array>
#include <fstream>
#include <sstream>
#include <vector>

namespace command_gate {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// What a candidate command needs besides its marker.
enum class Need {
    nothing,
    npm_script,  // package.json has the script `arg`
    make_target, // the Makefile has the target `arg`
    probe,       // the shell command `arg` succeeds (a tool is installed)
};

struct Candidate {
    const char* command; // {pm} (npm, pnpm, yarn) and {gradle} (./gradlew, gradle) filled in
    Need need = Need::nothing;
    const char* arg = nullptr;
};

// For one role, the candidates in order: the first whose need is met is the command.
using Candidates = std::vector<Candidate>;

struct BuildSystem {
    std::vector<const char*> markers; // any of these files; "dir/*.ext": any such file in dir
    Candidates compile, test, lint, coverage;

    const Candidates& for_role(size_t index) const {
        const Candidates* all[] = {&compile, &test, &lint, &coverage};
        return *all[index];
    }
};

constexpr std::array<std::string_view, 4> roles = {"compile", "test", "lint", "coverage"};

Candidate when_script(const char* command, const char* script) {
    return {command, Need::npm_script, script};
}
Candidate when_target(const char* command, const char* target) {
    return {command, Need::make_target, target};
}
Candidate when_probe(const char* command, const char* probe) {
    return {command, Need::probe, probe};
}

// The detection table, in order: the first build system whose marker is present and that has a
// command for the role wins.
const std::vector<BuildSystem>& build_systems() {
    static const std::vector<BuildSystem> table = {
        {{"CMakeLists.txt"},
         {{"cmake -S . -B build && cmake --build build -j2"}},
         {{"ctest --test-dir build --output-on-failure"}},
         {},
         {}},
        {{"Cargo.toml"},
         {{"cargo build"}},
         {{"cargo test"}},
         {{"cargo clippy -- -D warnings"}},
         {when_probe("cargo tarpaulin", "command -v cargo-tarpaulin")}},
        {{"go.mod"},
         {{"go build ./..."}},
         {{"go test ./..."}},
         {{"go vet ./..."}},
         {{"go test -cover ./..."}}},
        {{"package.json"},
         {when_script("{pm} run build", "build")},
         {when_script("{pm} test", "test")},
         {when_script("{pm} run lint", "lint")},
         {}},
        {{"pyproject.toml", "setup.py", "pytest.ini", "tests/*.py"},
         {{"python3 -m compileall -q ."}},
         {when_probe("python3 -m pytest", "python3 -c 'import pytest'"), {"python3 -m unittest"}},
         {when_probe("ruff check .", "command -v ruff"), when_probe("flake8", "command -v flake8")},
         {}},
        {{"Makefile"},
         {when_target("make build", "build")},
         {when_target("make test", "test")},
         {when_target("make lint", "lint")},
         {}},
        {{"pom.xml"}, {{"mvn -q compile"}}, {{"mvn -q test"}}, {}, {}},
        {{"build.gradle", "build.gradle.kts"},
         {{"{gradle} build -x test"}},
         {{"{gradle} test"}},
         {},
         {}},
        {{"meson.build"},
         {{"meson setup build && meson compile -C build"}},
         {{"meson test -C build"}},
         {},
         {}},
    };
    return table;
}

std::optional<std::string> read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The marker as found in `dir`: a file, or for "dir/*.ext" any regular file of that extension.
bool has_marker(const fs::path& dir, std::string_view marker) {
    std::error_code ec;
    size_t star = marker.find('*');
    if (star == std::string_view::npos) return fs::is_regular_file(dir / marker, ec);
    fs::path folder = dir / marker.substr(0, marker.rfind('/', star));
    std::string_view extension = marker.substr(star + 1);
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == extension) return true;
    return false;
}

std::string fill(std::string command, const fs::path& dir) {
    auto replace = [&](std::string_view slot, const std::string& value) {
        if (size_t at = command.find(slot); at != std::string::npos)
            command.replace(at, slot.size(), value);
    };
    std::error_code ec;
    if (command.find("{pm}") != std::string::npos) {
        std::string pm = fs::exists(dir / "pnpm-lock.yaml", ec) ? "pnpm"
                         : fs::exists(dir / "yarn.lock", ec)    ? "yarn"
                                                                : "npm";
        replace("{pm}", pm);
    }
    if (command.find("{gradle}") != std::string::npos)
        replace("{gradle}", fs::exists(dir / "gradlew", ec) ? "./gradlew" : "gradle");
    return command;
}

} // namespace

bool detects_role(std::string_view role) {
    for (std::string_view r : roles)
        if (r == role) return true;
    return false;
}

std::string detection_markers() {
    std::string list;
    for (const BuildSystem& system : build_systems())
        for (const char* marker : system.markers)
            list += (list.empty() ? "" : ", ") + std::string(marker);
    return list;
}

bool package_has_script(std::string_view package_json, std::string_view script) {
    boost::system::error_code ec;
    json::value value = json::parse(package_json, ec);
    if (ec || !value.is_object()) return false;
    const json::value* scripts = value.as_object().if_contains("scripts");
    if (!scripts || !scripts->is_object()) return false;
    const json::value* entry = scripts->as_object().if_contains(script);
    return entry && entry->is_string() && !entry->as_string().empty();
}

bool make_has_target(std::string_view makefile, std::string_view target) {
    std::string_view rest = makefile;
    while (!rest.empty()) {
        size_t eol = rest.find('\n');
        std::string_view line = rest.substr(0, eol);
        rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
        // Recipes start with a tab; comments and variables are not rules.
        if (line.empty() || line[0] == '\t' || line[0] == '#') continue;
        size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        if (colon + 1 < line.size() && line[colon + 1] == '=') continue; // x := y
        std::string_view names = line.substr(0, colon);
        if (names.find('=') != std::string_view::npos) continue; // x = a:b
        size_t i = 0;
        while (i < names.size()) {
            size_t start = names.find_first_not_of(" \t", i);
            if (start == std::string_view::npos) break;
            size_t end = names.find_first_of(" \t", start);
            if (names.substr(start, end == std::string_view::npos ? end : end - start) == target)
                return true;
            i = end == std::string_view::npos ? names.size() : end;
        }
    }
    return false;
}

std::optional<Detected> detect(const fs::path& dir, std::string_view role, const Probe& probe) {
    size_t index = 0;
    while (index < roles.size() && roles[index] != role)
        ++index;
    if (index == roles.size()) return std::nullopt;
    for (const BuildSystem& system : build_systems()) {
        const char* found = nullptr;
        for (const char* marker : system.markers)
            if (has_marker(dir, marker)) {
                found = marker;
                break;
            }
        if (!found) continue;
        for (const Candidate& c : system.for_role(index)) {
            bool met = true;
            if (c.need == Need::npm_script) {
                std::optional<std::string> text = read_text(dir / found);
                met = text && package_has_script(*text, c.arg);
            } else if (c.need == Need::make_target) {
                std::optional<std::string> text = read_text(dir / found);
                met = text && make_has_target(*text, c.arg);
            } else if (c.need == Need::probe) {
                met = probe && probe(c.arg);
            }
            if (met) return Detected{fill(c.command, dir), found};
        }
    }
    return std::nullopt;
}

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

bool starts_with_word(std::string_view line, std::string_view word) {
    return line.starts_with(word) &&
           (line.size() == word.size() || line[word.size()] == ' ' || line[word.size()] == '\t');
}

// What `go test` and cargo say per package or test binary.
struct Tally {
    int go_empty = 0;  // "?   pkg [no test files]", "ok pkg [no tests to run]"
    int go_tested = 0; // "ok pkg 0.01s", "FAIL pkg", "--- FAIL: ..."
    int cargo_empty = 0;
    int cargo_tested = 0;
};

void count(std::string_view text, Tally& t) {
    while (!text.empty()) {
        size_t eol = text.find('\n');
        std::string_view line = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.remove_suffix(1);
        if (contains(line, "[no test files]") || contains(line, "[no tests to run]"))
            ++t.go_empty;
        else if (starts_with_word(line, "ok") || starts_with_word(line, "FAIL") ||
                 line.starts_with("--- "))
            ++t.go_tested;
        if (line.starts_with("running ") && (line.ends_with(" tests") || line.ends_with(" test"))) {
            std::string_view n = line.substr(8, line.find(' ', 8) - 8);
            if (n == "0")
                ++t.cargo_empty;
            else if (!n.empty() && n.find_first_not_of("0123456789") == std::string_view::npos)
                ++t.cargo_tested;
        }
    }
}

} // namespace

bool no_tests_ran(std::string_view command, long long exit_code, std::string_view out,
                  std::string_view err, bool complete) {
    // pytest (and unittest from Python 3.12) exit with 5 when they collected nothing.
    if (exit_code == 5 && (contains(command, "pytest") || contains(out, "no tests ran") ||
                           contains(err, "no tests ran") || contains(err, "NO TESTS RAN")))
        return true;
    if (!complete) return false;
    for (std::string_view text : {out, err})
        if (contains(text, "No tests were found") || contains(text, "\nRan 0 tests in ") ||
            text.starts_with("Ran 0 tests in "))
            return true;
    Tally t;
    count(out, t);
    count(err, t);
    if (t.go_empty > 0 && t.go_tested == 0) return true;
    return t.cargo_empty > 0 && t.cargo_tested == 0;
}

} // namespace command_gate
