#include "failures.hpp"

#include <regex>
#include <set>
#include <vector>

namespace command_gate {

namespace {

// A line that names a failure, and how many of the lines after it carry its message.
struct Marker {
    std::regex pattern;
    int following;
    bool until_blank; // stop the following lines at the first blank one
    bool tap = false; // the following lines are a TAP block: keep its details, end at "..."
};

const std::vector<Marker>& markers() {
    static const std::vector<Marker> list = [] {
        auto m = [](const char* re, int following, bool until_blank = true, bool tap = false) {
            return Marker{std::regex(re, std::regex::optimize), following, until_blank, tap};
        };
        return std::vector<Marker>{
            // gcc, clang, go vet, eslint-style: file:line[:col]: [fatal] error: message
            m(R"(^\S+:\d+(:\d+)?: (fatal )?error: .*)", 0),
            // tsc: file(line,col): error TS1234: message
            m(R"(^\S+\(\d+,\d+\): error TS\d+: .*)", 0),
            // rustc and cargo: error[E0308]: message, then " --> src/main.rs:2:21"
            m(R"(^error(\[E\d+\])?: .*)", 1),
            // go build: ./main.go:5:2: undefined: x
            m(R"(^\.?/?\S+\.go:\d+:\d+: .*)", 0),
            // ctest: "  1 - test_parse_port (Failed)"
            m(R"(^\s*\d+ - \S.* \((Failed|SEGFAULT|Subprocess aborted|Timeout|Exception|Not Run)\)$)",
              0),
            // ctest's own line for a failing test, and the output it shows under it
            m(R"(^\s*\d+/\d+ Test\s+#\d+: \S+ \.+\s*\*\*\*.*)", 3),
            // GoogleTest: "file:7: Failure" and its message; "[  FAILED  ] Suite.Name (0 ms)"
            m(R"(^\S+:\d+: Failure$)", 6),
            m(R"(^\[  FAILED  \] \S+\.\S+ \(\d+ ms\)$)", 0),
            // unittest: "FAIL: test_x (mod.Class.test_x)"; pytest: "FAILED file::test - msg"
            m(R"(^(FAIL|ERROR): \S+ \(.*\)$)", 0),
            m(R"(^FAILED \S+::\S+.*)", 0),
            // Python: where it failed and what was raised
            m(R"(^\s*File ".*", line \d+.*)", 0),
            m(R"(^([A-Za-z_.]*(Error|Exception)|AssertionError)(: .*)?$)", 0),
            // pytest: "E       assert 80 == 8080", "test_config.py:7: AssertionError"
            m(R"(^E\s{2,}\S.*)", 0),
            m(R"(^\S+\.py:\d+: \w+$)", 0),
            // cargo test: "---- tests::parses_port stdout ----" and the panic under it
            m(R"(^---- \S+ stdout ----$)", 5),
            // go test: "--- FAIL: TestParsePort (0.00s)" and its indented messages
            m(R"(^\s*--- FAIL: \S+ \(.*\)$)", 4),
            // node --test (TAP) and jest
            m(R"(^\s*not ok \d+ - .*)", 12, false, true),
            m(R"(^\s*● .*)", 6),
        };
    }();
    return list;
}

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

// TAP's YAML block of a failure: keep what says where and why, not the stack.
bool tap_detail(std::string_view line) {
    for (std::string_view key : {"location:", "error:", "expected:", "actual:", "operator:",
                                 "Expected", "!==", "==", "failureType:"})
        if (line.find(key) != std::string_view::npos) return true;
    return false;
}

} // namespace

std::string failure_lines(std::string_view output, size_t limit) {
    std::vector<std::string_view> lines;
    for (size_t start = 0; start < output.size();) {
        size_t end = output.find('\n', start);
        if (end == std::string_view::npos) end = output.size();
        lines.push_back(output.substr(start, end - start));
        start = end + 1;
    }
    std::string out;
    std::set<size_t> taken;
    auto take = [&](size_t i) {
        if (!taken.insert(i).second) return true;
        std::string_view line = lines[i];
        if (line.size() > 300) line = line.substr(0, 300);
        if (out.size() + line.size() + 1 > limit) return false;
        out.append(line).push_back('\n');
        return true;
    };
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string line(lines[i]);
        for (const Marker& marker : markers()) {
            if (!std::regex_match(line, marker.pattern)) continue;
            if (!take(i)) return out;
            bool tap = marker.tap;
            bool seen = false; // a blank line right under the marker does not end its message
            for (size_t j = i + 1, n = 0; j < lines.size() && n < size_t(marker.following); ++j) {
                if (blank(lines[j])) {
                    if (marker.until_blank && seen) break;
                    continue;
                }
                seen = true;
                ++n;
                if (tap && lines[j].find("...") == lines[j].find_first_not_of(' ')) break;
                if (tap && !tap_detail(lines[j])) continue;
                if (!take(j)) return out;
            }
            break;
        }
    }
    return out;
}

} // namespace command_gate
