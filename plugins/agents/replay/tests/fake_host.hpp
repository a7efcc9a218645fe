#pragma once
// A gump_host table for tests: records emitted events and turns cancelled() true after a given
// number of them, the way a guard trips in gump. It cannot run processes.
#include <gump/sdk.hpp>

#include <boost/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace replay_test {

class FakeHost {
public:
    FakeHost() {
        m_table = gump_host{
            sizeof(gump_host), GUMP_ABI_MAJOR, GUMP_ABI_MINOR, this,       &log,  &emit,
            &cancelled,        &run_command,   &spawn,         &read_line, &kill, &wait,
            &temp_dir,         nullptr}; // run_workflow: a gate's service, never an agent's
    }
    FakeHost(const FakeHost&) = delete;
    FakeHost& operator=(const FakeHost&) = delete;

    gump::sdk::Host host() const { return gump::sdk::Host(&m_table); }

    // cancelled() is true once this many events were emitted; negative: never.
    int cancel_after = -1;
    std::vector<boost::json::object> events;

    std::vector<std::string> types() const {
        std::vector<std::string> out;
        for (const auto& e : events)
            out.emplace_back(e.at("type").as_string());
        return out;
    }

private:
    static FakeHost& self(void* ctx) { return *static_cast<FakeHost*>(ctx); }
    static void log(void*, gump_log_level, const char*, size_t) {}
    static void emit(void* ctx, const char* text, size_t len) {
        self(ctx).events.push_back(boost::json::parse(std::string_view(text, len)).as_object());
    }
    static int cancelled(void* ctx) {
        const FakeHost& h = self(ctx);
        return h.cancel_after >= 0 && static_cast<int>(h.events.size()) >= h.cancel_after;
    }
    static gump_status run_command(void*, const char*, size_t, gump_str*) {
        return GUMP_ERR_UNSUPPORTED;
    }
    static gump_status spawn(void*, const char*, size_t, gump_process**, gump_str*) {
        return GUMP_ERR_UNSUPPORTED;
    }
    static gump_status read_line(void*, gump_process*, int32_t, gump_str*) {
        return GUMP_END_OF_STREAM;
    }
    static void kill(void*, gump_process*, int32_t) {}
    static gump_status wait(void*, gump_process*, gump_str*) { return GUMP_ERR_UNSUPPORTED; }
    static gump_status temp_dir(void*, gump_str*) { return GUMP_ERR_UNSUPPORTED; }

    gump_host m_table{};
};

// A fresh directory, removed with the object.
class TempDir {
public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "replay-test-XXXXXX").string();
        m_path = mkdtemp(pattern.data()) ? pattern : "";
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& rel) const {
        return std::filesystem::path(m_path) / rel;
    }

    void write(const std::string& rel, const std::string& text) const {
        std::filesystem::create_directories((*this / rel).parent_path());
        std::ofstream(*this / rel, std::ios::binary) << text;
    }
    std::string read(const std::string& rel) const {
        std::ifstream in(*this / rel, std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        return buffer.str();
    }

private:
    std::string m_path;
};

} // namespace replay_test
