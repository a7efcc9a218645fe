#include "runs/ledger.hpp"

#include "runs/record.hpp"
#include "runs/store.hpp"

#include <boost/json.hpp>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace gump::runs {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// "2026-11-25T10:42:07.123Z": events need finer stamps than run.json.
std::string stamp_ms() {
    using namespace std::chrono;
    // Seconds and milliseconds from the same instant: time() may lag system_clock by a tick.
    long long ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buf[40];
    size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(buf + n, sizeof buf - n, ".%03lldZ", ms % 1000);
    return buf;
}

bool write_all(int fd, const std::string& text) {
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

} // namespace

Ledger::Ledger(fs::path run_dir, Redactor redactor)
    : m_dir(std::move(run_dir)), m_redactor(std::move(redactor)) {
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    m_fd =
        ::open((m_dir / "events.jsonl").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (m_fd < 0)
        warn_once("cannot open " + (m_dir / "events.jsonl").string() + ": " + std::strerror(errno));
}

Ledger::~Ledger() {
    if (m_fd >= 0) ::close(m_fd);
}

void Ledger::warn_once(const std::string& message) {
    if (std::exchange(m_warned, true)) return;
    std::fprintf(stderr, "warning: the run's ledger is incomplete: %s\n", message.c_str());
}

void Ledger::event(const std::string& type, json::object fields) {
    json::object line{{"ts", stamp_ms()}, {"seq", ++m_seq}, {"type", type}};
    for (auto& [key, value] : fields)
        line[key] = std::move(value);
    std::string text = m_redactor.apply(json::serialize(line)) + "\n";
    if (m_fd < 0 || !write_all(m_fd, text))
        warn_once("cannot append to " + (m_dir / "events.jsonl").string());
}

Expected<void> Ledger::write_state(const json::object& state) {
    return write_atomically(m_dir / "state.json", m_redactor.apply(json::serialize(state)) + "\n");
}

std::string Ledger::artifact(const std::string& relative, std::string_view text) {
    fs::path file = artifacts_dir() / relative;
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << m_redactor.apply(text);
    if (!out) warn_once("cannot write " + file.string());
    return (fs::path("artifacts") / relative).string();
}

void Ledger::redact_file(const fs::path& file) const {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    std::string clean = m_redactor.apply(text);
    if (clean != text) std::ofstream(file, std::ios::binary | std::ios::trunc) << clean;
}

void Ledger::redact_tree(const std::string& relative) {
    if (m_redactor.empty()) return;
    fs::path root = artifacts_dir() / relative;
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) return redact_file(root);
    for (auto it = fs::recursive_directory_iterator(root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file()) redact_file(it->path());
}

std::vector<json::object> read_events(const fs::path& file) {
    std::vector<json::object> events;
    std::ifstream in(file, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        boost::system::error_code ec;
        json::value value = json::parse(line, ec);
        if (!ec && value.is_object()) events.push_back(std::move(value.as_object()));
    }
    return events;
}

} // namespace gump::runs
