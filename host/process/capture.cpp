#include "process/capture.hpp"

#include "process/utf8.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace gump::process {

Capture::Capture(size_t max_bytes)
    : m_head_limit(max_bytes / 2), m_tail_limit(max_bytes - max_bytes / 2) {}

Capture::~Capture() {
    if (m_file) std::fclose(m_file);
}

Expected<void> Capture::open_file(const std::string& path) {
    // "e": close-on-exec, so children spawned concurrently by other threads do not inherit it.
    std::FILE* file = std::fopen(path.c_str(), "wbe");
    if (!file) return Error{"cannot write " + path + ": " + std::strerror(errno)};
    if (m_file) std::fclose(m_file);
    m_file = file;
    m_path = path;
    return {};
}

void Capture::append_to_file_only(std::string_view bytes) {
    if (!m_file || m_write_errno || bytes.empty()) return;
    if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size())
        m_write_errno = errno ? errno : EIO;
}

void Capture::append(std::string_view bytes) {
    append_to_file_only(bytes);
    m_total += bytes.size();
    if (m_head.size() < m_head_limit) {
        size_t take = std::min(bytes.size(), m_head_limit - m_head.size());
        m_head.append(bytes.substr(0, take));
        bytes.remove_prefix(take);
    }
    m_tail.append(bytes);
    // Trim rarely: only once the tail holds about twice its limit.
    if (m_tail.size() > 2 * m_tail_limit + 4096) m_tail.erase(0, m_tail.size() - m_tail_limit);
}

void Capture::flush() {
    if (m_file && !m_write_errno && std::fflush(m_file) != 0) m_write_errno = errno ? errno : EIO;
}

std::string_view Capture::tail_view() const {
    std::string_view tail(m_tail);
    return tail.size() > m_tail_limit ? tail.substr(tail.size() - m_tail_limit) : tail;
}

std::string Capture::text() const {
    std::string_view head(m_head);
    std::string_view tail = tail_view();
    std::string out;
    if (m_total == head.size() + tail.size()) {
        out = valid_utf8(std::string(head) + std::string(tail));
    } else {
        // Cut on character boundaries so that the cut itself does not look like garbage.
        head = head.substr(0, utf8_complete_end(head));
        tail = tail.substr(utf8_complete_start(tail));
        size_t omitted = m_total - head.size() - tail.size();
        out = valid_utf8(head);
        if (!out.empty() && out.back() != '\n') out += '\n';
        out += "[... " + std::to_string(omitted) + " bytes omitted ...]\n";
        out += valid_utf8(tail);
    }
    if (m_write_errno) {
        if (!out.empty() && out.back() != '\n') out += '\n';
        out += "[... writing " + m_path + " failed: " + std::strerror(m_write_errno) + " ...]\n";
    }
    return out;
}

} // namespace gump::process
