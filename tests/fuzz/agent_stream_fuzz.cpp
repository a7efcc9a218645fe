// libFuzzer entry for one agent parser, chosen at build time: FUZZ_PARSER_HEADER names the
// plugin's parser header and FUZZ_PARSER its class (tests/fuzz/CMakeLists.txt builds one
// fuzz_<id> per parser). The input is what the CLI printed on stdout: it is split on '\n' and fed
// line by line as CliAgent does, then the process ends. Bytes of the input also pick how the
// invocation started (fresh, resumed, resumed with known previous numbers) and ended (exit code,
// killed), so those paths are fuzzed too. Beyond not crashing (ASan, UBSan), every normalized
// event and the outcome must keep docs/agent-contract.md's shape; a broken one aborts.
#include FUZZ_PARSER_HEADER

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

namespace json = boost::json;
using gump::sdk::Exit;
using gump::sdk::Failure;
using gump::sdk::Outcome;
using gump::sdk::StreamStart;

void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "agent_stream_fuzz: %s\n", what);
    std::abort();
}

bool is_string(const json::object& e, std::string_view key) {
    const json::value* v = e.if_contains(key);
    return v && v->is_string();
}
bool is_count(const json::object& e, std::string_view key) {
    const json::value* v = e.if_contains(key);
    return v && v->is_int64() && v->get_int64() >= 0;
}

// The fields each normalized event must carry (the harness's expect_well_formed, as aborts).
void check_event(const json::object& e) {
    check(is_string(e, "type"), "an event without a type");
    std::string_view type = e.at("type").get_string();
    if (type == "session")
        check(is_string(e, "id"), "a session event without an id");
    else if (type == "turn")
        check(is_count(e, "number") && e.at("number").get_int64() >= 1, "a turn numbered < 1");
    else if (type == "text")
        check(is_string(e, "text"), "a text event without text");
    else if (type == "tool_call")
        check(is_string(e, "name"), "a tool_call without a name");
    else if (type == "file_change")
        check(is_string(e, "path") && is_string(e, "action"), "a file_change without path/action");
    else if (type == "usage")
        check(is_count(e, "input_tokens") && is_count(e, "output_tokens") &&
                  is_count(e, "cache_read_tokens") && is_count(e, "cache_write_tokens"),
              "a usage event with a missing or negative count");
    else
        check(false, "an event of an unknown type");
}

void check_usage(const gump::sdk::Usage& u) {
    check(u.input >= 0 && u.output >= 0 && u.cache_read >= 0 && u.cache_write >= 0,
          "a negative token count in the outcome");
}

StreamStart start_of(std::string_view input) {
    unsigned char b = input.empty() ? 0 : static_cast<unsigned char>(input.back());
    StreamStart start;
    start.resumed = b % 3 != 0;
    if (b % 3 == 2) {
        start.previous_usage = gump::sdk::Usage{100, 30, 10, 5};
        start.previous_cost = 0.0012;
    }
    return start;
}

Exit exit_of(std::string_view input) {
    unsigned char b = input.empty() ? 0 : static_cast<unsigned char>(input.front());
    Exit exit;
    exit.code = b % 4 == 3 ? 143 : b % 2;
    exit.killed = b % 7 == 0;
    if (b % 5 == 0) exit.stderr_text = "Error: 401 Unauthorized\n";
    return exit;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    FUZZ_PARSER parser(start_of(input));
    for (size_t begin = 0; begin <= input.size();) {
        size_t end = input.find('\n', begin);
        if (end == std::string_view::npos) end = input.size();
        parser.feed(input.substr(begin, end - begin));
        for (const auto& e : parser.take_events())
            check_event(e);
        begin = end + 1;
    }
    Outcome out = parser.finish(exit_of(input));
    for (const auto& e : parser.take_events())
        check_event(e);
    check(out.success == (out.failure == Failure::none), "success and failure disagree");
    check(out.turns >= 0, "negative turns");
    check_usage(out.usage);
    if (out.session_usage) check_usage(*out.session_usage);
    return 0;
}
