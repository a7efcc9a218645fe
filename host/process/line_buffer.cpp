#include "process/line_buffer.hpp"

#include <algorithm>

namespace gump::process {

void LineBuffer::append(std::string_view bytes) {
    if (m_dropping_rest) {
        // Only the newline that ends the cut line matters; the bytes before it are never kept.
        size_t newline = bytes.find('\n');
        if (newline == std::string_view::npos) return;
        m_dropping_rest = false;
        bytes.remove_prefix(newline + 1);
    }
    m_data.append(bytes);
}

bool LineBuffer::next(std::string& line) {
    size_t newline = m_data.find('\n', std::max(m_start, m_scanned));
    if (newline != std::string::npos) {
        line.assign(m_data, m_start, std::min(newline - m_start, m_max));
        m_start = newline + 1;
        m_scanned = m_start;
        compact();
        return true;
    }
    m_scanned = m_data.size();
    if (m_data.size() - m_start >= m_max) {
        line.assign(m_data, m_start, m_max);
        m_dropping_rest = true;
        m_data.clear(); // all of it belongs to the cut line: there is no newline in it
        m_start = m_scanned = 0;
        return true;
    }
    compact();
    return false;
}

bool LineBuffer::finish(std::string& line) {
    bool has_rest = m_start < m_data.size();
    if (has_rest) line.assign(m_data, m_start, std::string::npos);
    clear();
    return has_rest;
}

void LineBuffer::clear() {
    m_data.clear();
    m_start = m_scanned = 0;
    m_dropping_rest = false;
}

void LineBuffer::compact() {
    // Erasing the consumed prefix after every line would make many short lines quadratic.
    if (m_start == m_data.size()) {
        m_data.clear();
        m_start = m_scanned = 0;
    } else if (m_start > 64 * 1024 && m_start > m_data.size() / 2) {
        m_data.erase(0, m_start);
        m_scanned -= m_start;
        m_start = 0;
    }
}

} // namespace gump::process
