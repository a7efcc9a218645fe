#pragma once
// Feeds captured agent CLI streams (tests/fixtures/agents) to a plugin's parser, and the bounded
// random-mutation run every parser must survive. Header-only; tests define GUMP_AGENT_FIXTURES.
#include <gump/agent_stream.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace agent_test {

namespace json = boost::json;
namespace fs = std::filesystem;
using gump::sdk::Exit;
using gump::sdk::Failure;
using gump::sdk::Outcome;
using gump::sdk::StreamParser;

inline fs::path fixture(const std::string& relative) {
    return fs::path(GUMP_AGENT_FIXTURES) / relative;
}

inline std::vector<std::string> lines_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

// The exit code the CLI had when the fixture was captured (<name>.exit beside it).
inline int exit_code_of(const fs::path& file) {
    std::ifstream in(fs::path(file).replace_extension(".exit"));
    int code = 0;
    in >> code;
    return code;
}

struct Parsed {
    Outcome outcome;
    std::vector<json::object> events;

    std::vector<std::string> types() const {
        std::vector<std::string> out;
        for (const auto& e : events)
            out.emplace_back(e.at("type").as_string());
        return out;
    }
    const json::object* last(const std::string& type) const {
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            if (it->at("type").as_string() == type) return &*it;
        return nullptr;
    }
    size_t count(const std::string& type) const {
        size_t n = 0;
        for (const auto& e : events)
            n += e.at("type").as_string() == type;
        return n;
    }
};

// Feeds `lines` one by one, then ends the process with `exit`; the events in order.
inline Parsed feed_lines(StreamParser& parser, const std::vector<std::string>& lines,
                         const Exit& exit) {
    Parsed p;
    for (const auto& line : lines) {
        parser.feed(line);
        for (auto& e : parser.take_events())
            p.events.push_back(std::move(e));
    }
    p.outcome = parser.finish(exit);
    for (auto& e : parser.take_events())
        p.events.push_back(std::move(e));
    return p;
}

// Feeds every line of a fixture, then ends the process with the fixture's own exit code.
inline Parsed parse(StreamParser& parser, const std::string& relative,
                    Exit exit = {-1, 0, false, {}}) {
    fs::path file = fixture(relative);
    EXPECT_TRUE(fs::exists(file)) << file;
    if (exit.code == -1) exit.code = exit_code_of(file);
    return feed_lines(parser, lines_of(file), exit);
}

// A fixture without its last line (the final event), then the process ends with `exit`: what a
// CLI that crashed, or lost its last line, looks like.
inline Outcome without_last_line(StreamParser& parser, const std::string& relative,
                                 Exit exit = {0, 0, false, {}}) {
    auto lines = lines_of(fixture(relative));
    if (!lines.empty()) lines.pop_back();
    return feed_lines(parser, lines, exit).outcome;
}

// Every normalized event has a known type and the fields docs/agent-contract.md gives it.
inline void expect_well_formed(const Parsed& p) {
    for (const auto& e : p.events) {
        std::string type(e.at("type").as_string());
        if (type == "session")
            EXPECT_TRUE(e.at("id").is_string());
        else if (type == "turn")
            EXPECT_GE(e.at("number").as_int64(), 1);
        else if (type == "text")
            EXPECT_TRUE(e.at("text").is_string());
        else if (type == "tool_call")
            EXPECT_TRUE(e.at("name").is_string());
        else if (type == "file_change")
            EXPECT_TRUE(e.at("path").is_string());
        else if (type == "usage")
            EXPECT_GE(e.at("input_tokens").as_int64(), 0);
        else
            ADD_FAILURE() << "unknown event type " << type;
    }
}

// One random damage to a stream: what a broken pipe, a cut buffer, a newer CLI or a hostile
// model can put on stdout.
inline std::vector<std::string> mutate(std::vector<std::string> lines, std::mt19937& rng) {
    auto pick = [&](size_t n) {
        return n ? std::uniform_int_distribution<size_t>(0, n - 1)(rng) : 0;
    };
    if (lines.empty()) lines.emplace_back();
    std::string& line = lines[pick(lines.size())];
    switch (pick(10)) {
    case 0: // cut anywhere (a partial last line, a split multi-byte character)
        line.resize(pick(line.size() + 1));
        break;
    case 1: // flip bytes, invalid UTF-8 included
        for (int i = 0; i < 4 && !line.empty(); ++i)
            line[pick(line.size())] = static_cast<char>(pick(256));
        break;
    case 2: // a line twice
        lines.insert(lines.begin() + static_cast<long>(pick(lines.size())), line);
        break;
    case 3: // lose a line
        lines.erase(lines.begin() + static_cast<long>(pick(lines.size())));
        break;
    case 4: // deep nesting
        line = std::string(5000, '[') + line;
        break;
    case 5: // over-long (a tool output of megabytes)
        line.insert(line.size() / 2, std::string(1 << 20, 'x'));
        break;
    case 6: // numbers out of range and of the wrong type
        for (const char* from : {"120", "0.00", "true", "\"success\""}) {
            auto at = line.find(from);
            if (at != std::string::npos)
                line.replace(at, std::string_view(from).size(),
                             pick(2) ? "1e999" : "-99999999999999999999");
        }
        break;
    case 7: // a field's value replaced by another type
        if (auto at = line.find(':'); at != std::string::npos)
            line.insert(at + 1, "{\"x\":[null]},");
        break;
    case 8: // the order of lines
        std::shuffle(lines.begin(), lines.end(), rng);
        break;
    default: // garbage between events
        lines.insert(lines.begin() + static_cast<long>(pick(lines.size())),
                     "\x1b[2K\xff\xfe not json {");
        break;
    }
    return lines;
}

// Runs `rounds` mutated versions of each fixture through fresh parsers. A crash fails the test
// binary; a hang fails the ctest timeout; each round must also finish quickly and well-formed.
inline void survive_mutations(const std::function<std::unique_ptr<StreamParser>()>& make,
                              const std::vector<std::string>& fixtures, int rounds = 300,
                              unsigned seed = 20261206) {
    std::mt19937 rng(seed);
    for (const auto& name : fixtures) {
        auto original = lines_of(fixture(name));
        for (int round = 0; round < rounds; ++round) {
            auto lines = original;
            int damage = 1 + static_cast<int>(rng() % 3);
            for (int i = 0; i < damage; ++i)
                lines = mutate(std::move(lines), rng);
            auto parser = make();
            auto started = std::chrono::steady_clock::now();
            Parsed p = feed_lines(*parser, lines, {static_cast<int>(rng() % 3), 0, false, {}});
            expect_well_formed(p);
            EXPECT_GE(p.outcome.usage.input, 0);
            EXPECT_TRUE(p.outcome.success || p.outcome.failure != Failure::none) << name;
            EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2))
                << name << " round " << round;
        }
    }
}

} // namespace agent_test
