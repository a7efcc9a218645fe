// Claude Code's stream parser against a plain Boost.JSON parse of the same lines, in the same run.
// Usage: gump_agent_stream_bench [--mb N] [--reps N] [--fixture <success.jsonl>] [--scratch DIR]
// The stream is the real lines of the claude success fixture, repeated with fresh ids, file
// paths, token counts and texts (one text in eight is 4-64 KB) until it reaches N MB (100).
//   memory:     a child process per run streams the first N/10 MB, then all N MB, of a temp file
//               line by line through a fresh parser and reports its peak RSS growth (VmHWM);
//               a parser that keeps anything per line grows ten times more on the second run.
//   throughput: the whole stream in memory; the floor is boost::json::parse(line) for every line
//               (default options, a fresh value each time: what a naive reader does), against
//               ClaudeParser::feed(line) + take_events(). Best of R passes each, alternating.
// Unlike the other benchmarks it exits 1 on a missed target (ratio < 0.8, or the N MB run
// growing more than twice the N/10 MB run); ctest still never runs it.
#include "claude_parser.hpp"

#include <boost/json.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

struct Options {
    fs::path fixture = fs::path(GUMP_AGENT_FIXTURES) / "claude" / "success.jsonl";
    fs::path scratch;
    size_t megabytes = 100;
    int reps = 3;
};

// ---- the stream ----

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    if (from.empty()) return;
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

// Rewrites the number after every `"key":` (token counts), so the numbers vary too.
void set_number(std::string& s, std::string_view key, long long n) {
    std::string needle = "\"" + std::string(key) + "\":";
    for (size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) {
        size_t digits = at + needle.size(), end = digits;
        while (end < s.size() && s[end] >= '0' && s[end] <= '9')
            ++end;
        if (end > digits) s.replace(digits, end - digits, std::to_string(n));
    }
}

// A string's body as it appears in the JSON text (escaped, without quotes).
std::string escaped(std::string_view s) {
    std::string out = json::serialize(json::value(json::string(s)));
    return out.substr(1, out.size() - 2);
}

// The fixture's lines by role, with the values each generated line replaces.
struct Templates {
    std::string init, tool_use, tool_result, text, result;
    std::string session, tool_message, tool_id, path, code, text_message;
    std::vector<std::string> uuids; // the one each line carries
};

Templates load(const fs::path& fixture) {
    std::ifstream in(fixture, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + fixture.string());
    Templates t;
    for (std::string line; std::getline(in, line);) {
        json::value v = json::parse(line);
        const json::object& e = v.as_object();
        std::string_view type = e.at("type").as_string();
        if (auto* uuid = e.if_contains("uuid")) t.uuids.emplace_back(uuid->as_string());
        if (type == "system") {
            t.init = line;
            t.session = e.at("session_id").as_string();
        } else if (type == "user") {
            t.tool_result = line;
        } else if (type == "result") {
            t.result = line;
        } else if (type == "assistant") {
            const json::object& message = e.at("message").as_object();
            const json::object& block = message.at("content").as_array().at(0).as_object();
            if (block.at("type").as_string() == "tool_use") {
                t.tool_use = line;
                t.tool_message = message.at("id").as_string();
                t.tool_id = block.at("id").as_string();
                const json::object& input = block.at("input").as_object();
                t.path = input.at("file_path").as_string();
                t.code = escaped(input.at("content").as_string());
            } else {
                t.text = line;
                t.text_message = message.at("id").as_string();
            }
        }
    }
    for (const std::string* line : {&t.init, &t.tool_use, &t.tool_result, &t.text, &t.result})
        if (line->empty())
            throw std::runtime_error(fixture.string() +
                                     ": expected an init, a tool_use, a tool_result, a text "
                                     "and a result line");
    return t;
}

// Sessions of the fixture's shape: init, 1-6 rounds of (Write, its result, a text), result.
class Generator {
public:
    explicit Generator(Templates t) : m_t(std::move(t)) {}

    // Lines (without newline) to `sink` until `bytes` of them (newlines counted) are out.
    void emit(size_t bytes, const std::function<void(std::string_view)>& sink) {
        size_t out = 0;
        auto put = [&](std::string& line) {
            for (const auto& uuid : m_t.uuids)
                replace_all(line, uuid,
                            hex_id(8) + "-" + hex_id(4) + "-" + hex_id(4) + "-" + hex_id(4) + "-" +
                                hex_id(12));
            sink(line);
            out += line.size() + 1;
        };
        while (out < bytes) {
            std::string session = hex_id(8) + "-b368-4c7a-ac9c-" + hex_id(12);
            auto fresh = [&](const std::string& templ) {
                std::string line = templ;
                replace_all(line, m_t.session, session);
                return line;
            };
            std::string line = fresh(m_t.init);
            put(line);
            long long input = 0, output = 0;
            for (int round = 0, rounds = 1 + pick(6); round < rounds && out < bytes; ++round) {
                std::string tool = "toolu_" + hex_id(24);
                std::string path = "/home/dev/work/repo/src/module_" + std::to_string(pick(500)) +
                                   "/file_" + std::to_string(++m_serial) + ".cpp";
                std::string code = words(20 + pick(2000));
                input += 100 + pick(5000);
                output += 1 + pick(800);
                for (const std::string* templ : {&m_t.tool_use, &m_t.tool_result}) {
                    line = fresh(*templ);
                    replace_all(line, m_t.tool_message, "msg_" + hex_id(24));
                    replace_all(line, m_t.tool_id, tool);
                    replace_all(line, m_t.path, path);
                    replace_all(line, m_t.code, code);
                    set_number(line, "input_tokens", input);
                    set_number(line, "output_tokens", 1);
                    put(line);
                }
                line = fresh(m_t.text);
                replace_all(line, m_t.text_message, "msg_" + hex_id(24));
                replace_all(line, "\"text\":\"done\"",
                            "\"text\":\"" + words(pick(8) ? 10 + pick(400) : 4096 + pick(61440)) +
                                "\"");
                set_number(line, "input_tokens", input);
                set_number(line, "output_tokens", 1);
                put(line);
            }
            line = fresh(m_t.result);
            replace_all(line, "\"result\":\"done\"",
                        "\"result\":\"" + words(20 + pick(600)) + "\"");
            set_number(line, "input_tokens", input);
            set_number(line, "inputTokens", input);
            set_number(line, "output_tokens", output);
            set_number(line, "outputTokens", output);
            set_number(line, "num_turns", 2);
            put(line);
        }
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }

    std::string hex_id(int digits) {
        std::string s;
        for (int i = 0; i < digits; ++i)
            s += "0123456789abcdef"[pick(16)];
        return s;
    }

    // About `bytes` of JSON-escaped prose: what an agent says, escapes and non-ASCII included.
    std::string words(size_t bytes) {
        static const char* const vocabulary[] = {
            "the",     "parser",  "reads", "each",       "line",
            "and",     "a",       "test",  "fails",      "when",
            "`foo()`", "returns", "null",  "so",         "I",
            "changed", "it",      "to",    "naïve",      "—",
            "\\n",     "\\n\\n",  "- ",    "\\\"ok\\\"", "src/main.cpp:42",
            "\\t",     "résumé",  "✓"};
        std::string out;
        out.reserve(bytes + 32);
        while (out.size() < bytes) {
            out += vocabulary[pick(std::size(vocabulary))];
            out += ' ';
        }
        return out;
    }

    Templates m_t;
    std::mt19937 m_rng{20261206};
    long long m_serial = 0;
};

// ---- memory ----

long status_kb(const char* key) {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + std::string_view(key).size());
    return -1;
}

struct Growth {
    long kb = 0;
    long long lines = 0;
    bool reset = false; // VmHWM was reset to the current RSS before the run
};

// In a child forked from this small process (before the throughput stream exists), so each run
// starts from the same state: the peak RSS growth while streaming `bytes` of `file` line by line
// through a fresh parser.
Growth memory_run(const fs::path& file, size_t bytes) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        close(fds[0]);
        int clear = open("/proc/self/clear_refs", O_WRONLY);
        bool reset = clear >= 0 && write(clear, "5", 1) == 1; // 5: reset the peak RSS
        if (clear >= 0) close(clear);
        long base = status_kb("VmRSS:");
        long long lines = 0;
        {
            std::ifstream in(file, std::ios::binary);
            claude_code::ClaudeParser parser;
            size_t read = 0;
            for (std::string line; read < bytes && std::getline(in, line); ++lines) {
                read += line.size() + 1;
                parser.feed(line);
                parser.take_events();
            }
            parser.finish({});
        }
        std::string report = std::to_string(status_kb("VmHWM:") - base) + " " +
                             std::to_string(lines) + " " + (reset ? "1" : "0");
        ssize_t ignored = write(fds[1], report.data(), report.size());
        (void)ignored;
        _exit(0);
    }
    close(fds[1]);
    std::string report;
    char buffer[128];
    for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;)
        report.append(buffer, static_cast<size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    Growth g;
    int reset = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        std::sscanf(report.c_str(), "%ld %lld %d", &g.kb, &g.lines, &reset) != 3)
        throw std::runtime_error("the memory run failed");
    g.reset = reset == 1;
    return g;
}

// ---- throughput ----

struct Stream {
    std::string bytes;
    std::vector<std::string_view> lines;
    size_t size() const { return bytes.size(); } // newlines included, the same for both sides
};

Stream build(Generator& generator, size_t bytes) {
    Stream s;
    s.bytes.reserve(bytes + (1 << 20));
    std::vector<std::pair<size_t, size_t>> spans;
    generator.emit(bytes, [&](std::string_view line) {
        spans.emplace_back(s.bytes.size(), line.size());
        s.bytes.append(line).push_back('\n');
    });
    for (auto [at, size] : spans)
        s.lines.emplace_back(s.bytes.data() + at, size);
    return s;
}

// Something each pass computes from what it parsed, so no pass can be optimized away.
volatile size_t g_sink = 0;

double seconds(const std::function<void()>& pass) {
    auto start = Clock::now();
    pass();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void plain_pass(const Stream& s) {
    size_t keys = 0;
    for (std::string_view line : s.lines) {
        boost::system::error_code ec;
        json::value v = json::parse(line, ec);
        if (ec) throw std::runtime_error("the floor rejected a line: " + ec.message());
        keys += v.as_object().size();
    }
    g_sink = g_sink + keys;
}

void parser_pass(const Stream& s) {
    claude_code::ClaudeParser parser;
    size_t events = 0;
    for (std::string_view line : s.lines) {
        parser.feed(line);
        events += parser.take_events().size();
    }
    gump::sdk::Outcome out = parser.finish({});
    if (parser.skipped_lines() != 0 || !out.success)
        throw std::runtime_error("the parser skipped lines of the generated stream");
    g_sink = g_sink + events + static_cast<size_t>(out.turns);
}

Options parse_args(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--mb")
            o.megabytes = static_cast<size_t>(std::max(10, std::stoi(next())));
        else if (arg == "--reps")
            o.reps = std::max(1, std::stoi(next()));
        else if (arg == "--fixture")
            o.fixture = next();
        else if (arg == "--scratch")
            o.scratch = next();
        else
            throw std::runtime_error("unknown argument " + arg +
                                     "; usage: gump_agent_stream_bench [--mb N] [--reps N] "
                                     "[--fixture <success.jsonl>] [--scratch DIR]");
    }
    if (o.scratch.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        o.scratch = tmp && *tmp ? tmp : "/tmp";
    }
    return o;
}

int run(const Options& o) {
    const size_t total = o.megabytes << 20, small = total / 10;
    Templates templates = load(o.fixture);
    bool ok = true;

    // Memory first, from a file, so the throughput stream is not in any measurement.
    fs::path file = o.scratch / ("gump-agent-stream-" + std::to_string(getpid()) + ".jsonl");
    {
        std::ofstream out(file, std::ios::binary);
        Generator generator(templates);
        generator.emit(total, [&](std::string_view line) { out << line << '\n'; });
        if (!out) throw std::runtime_error("cannot write " + file.string());
    }
    Growth g_small, g_total;
    try {
        g_small = memory_run(file, small);
        g_total = memory_run(file, total);
    } catch (...) {
        fs::remove(file);
        throw;
    }
    fs::remove(file);
    // Twice the small run's growth, and never under 1 MB: a few pages of allocator noise on a
    // growth of a few hundred kB is not a leak.
    long limit = std::max(2 * g_small.kb, g_small.kb + 1024);
    bool memory_ok = g_total.kb <= limit;
    ok &= memory_ok;
    std::printf("memory: peak RSS growth streaming %zu MB (%lld lines) from a file: %ld kB, "
                "%zu MB (%lld lines): %ld kB (target <= %ld kB)%s%s\n",
                small >> 20, g_small.lines, g_small.kb, total >> 20, g_total.lines, g_total.kb,
                limit, memory_ok ? "" : " MISSED",
                g_small.reset && g_total.reset ? "" : " [VmHWM not resettable: peaks]");

    Generator generator(templates);
    Stream stream = build(generator, total);
    double best_plain = 1e30, best_parser = 1e30;
    for (int rep = 0; rep < o.reps; ++rep) {
        // Alternate which goes first, so neither always runs on a warmer cache.
        if (rep % 2 == 0) best_plain = std::min(best_plain, seconds([&] { plain_pass(stream); }));
        best_parser = std::min(best_parser, seconds([&] { parser_pass(stream); }));
        if (rep % 2 == 1) best_plain = std::min(best_plain, seconds([&] { plain_pass(stream); }));
    }
    double mb = static_cast<double>(stream.size()) / 1e6;
    double ratio = best_plain / best_parser;
    bool speed_ok = ratio >= 0.8;
    ok &= speed_ok;
    std::printf("throughput: %.1f MB, %zu lines, best of %d\n", mb, stream.lines.size(), o.reps);
    std::printf("claude parser %.0f MB/s, plain Boost.JSON %.0f MB/s: %.2fx (target >= 0.8x)%s\n",
                mb / best_parser, mb / best_plain, ratio, speed_ok ? "" : " MISSED");
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(parse_args(argc, argv));
    } catch (const std::exception& e) {
        std::cerr << "gump_agent_stream_bench: " << e.what() << "\n";
        return 1;
    }
}
