#pragma once
// One output stream of a child: every byte to an optional file, and in memory only a bounded
// head and tail, so a gate that prints gigabytes costs kilobytes.
#include "core/expected.hpp"

#include <cstdio>
#include <string>
#include <string_view>

namespace gump::process {

class Capture {
public:
    explicit Capture(size_t max_bytes);
    ~Capture();
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;

    // Creates or truncates `path`; from then on every byte is also written there.
    Expected<void> open_file(const std::string& path);

    void append(std::string_view bytes);
    void append_to_file_only(std::string_view bytes);
    void flush();

    // Valid UTF-8: the head and the tail joined by a "[... N bytes omitted ...]" line when the
    // stream was longer than the limit, and a note at the end if the file could not be written.
    std::string text() const;
    bool truncated() const { return m_total > m_head.size() + tail_view().size(); }
    size_t total() const { return m_total; }

private:
    std::string_view tail_view() const;

    size_t m_head_limit;
    size_t m_tail_limit;
    std::string m_head;
    std::string m_tail; // the last bytes, trimmed in chunks to stay near the limit
    size_t m_total = 0;
    std::FILE* m_file = nullptr;
    std::string m_path;
    int m_write_errno = 0; // the first failed write, reported instead of silently losing bytes
};

} // namespace gump::process
