#pragma once
// One output stream of a child: every byte to an optional file, and in memory only a bounded
// head and tail, so a gate that prints gigabytes costs kilobytes.
#include <cstdio>
#include <string>
#include <string_view>

namespace gump::process {

class Capture {
public:
    Capture(size_t max_bytes, const std::string& file_path);
    ~Capture();
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;

    void append(std::string_view bytes);
    void append_to_file_only(std::string_view bytes);
    void flush();

    // Head and tail joined by a "[... N bytes omitted ...]" line when the stream was longer.
    std::string text() const;
    bool truncated() const { return m_total > m_head.size() + m_tail.size(); }

private:
    size_t m_head_limit;
    size_t m_tail_limit;
    std::string m_head;
    std::string m_tail; // the last bytes, trimmed in chunks to stay near the limit
    size_t m_total = 0;
    std::FILE* m_file = nullptr;
};

} // namespace gump::process
