#pragma once
// Splits a byte stream into lines without ever holding more than one over-long line's worth:
// a line longer than the limit is cut there and the rest of it is dropped.
#include <string>
#include <string_view>

namespace gump::process {

class LineBuffer {
public:
    explicit LineBuffer(size_t max_line_bytes) : m_max(max_line_bytes) {}

    void append(std::string_view bytes);
    // The next complete line without its newline (or the first max_line_bytes of a longer one).
    bool next(std::string& line);
    // At the end of the stream: the last line when it had no newline.
    bool finish(std::string& line);
    void clear();

private:
    void compact();

    size_t m_max;
    std::string m_data;
    size_t m_start = 0;           // where the unread part of m_data begins
    size_t m_scanned = 0;         // m_data before this holds no newline past m_start
    bool m_dropping_rest = false; // the current line was cut; its rest is skipped
};

} // namespace gump::process
