#include "process/capture.hpp"

namespace gump::process {

Capture::Capture(size_t max_bytes, const std::string& file_path)
    : m_head_limit(max_bytes / 2), m_tail_limit(max_bytes - max_bytes / 2) {
    if (!file_path.empty()) m_file = std::fopen(file_path.c_str(), "wb");
}

Capture::~Capture() {
    if (m_file) std::fclose(m_file);
}

void Capture::append_to_file_only(std::string_view bytes) {
    if (m_file) std::fwrite(bytes.data(), 1, bytes.size(), m_file);
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
    // Trim rarely: only once the tail holds twice its limit.
    if (m_tail.size() > 2 * m_tail_limit + 4096) m_tail.erase(0, m_tail.size() - m_tail_limit);
}

void Capture::flush() {
    if (m_file) std::fflush(m_file);
}

std::string Capture::text() const {
    std::string tail =
        m_tail.size() > m_tail_limit ? m_tail.substr(m_tail.size() - m_tail_limit) : m_tail;
    size_t omitted = m_total - m_head.size() - tail.size();
    if (omitted == 0) return m_head + tail;
    return m_head + "\n[... " + std::to_string(omitted) + " bytes omitted ...]\n" + tail;
}

} // namespace gump::process
