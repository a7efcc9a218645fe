#include "process/utf8.hpp"

namespace gump::process {

namespace {

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

// Length of the valid UTF-8 sequence at bytes[i], or 0 when it is not one.
size_t sequence_length(std::string_view bytes, size_t i) {
    auto at = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
    unsigned char c = at(i);
    if (c < 0x80) return 1;
    size_t n = 0;
    unsigned char low = 0x80, high = 0xBF; // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) low = 0xA0;  // overlong
        if (c == 0xED) high = 0x9F; // UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) low = 0x90;  // overlong
        if (c == 0xF4) high = 0x8F; // above U+10FFFF
    } else {
        return 0;
    }
    if (i + n > bytes.size()) return 0;
    if (at(i + 1) < low || at(i + 1) > high) return 0;
    for (size_t k = 2; k < n; ++k)
        if (!is_continuation(at(i + k))) return 0;
    return n;
}

} // namespace

std::string valid_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    size_t i = 0;
    while (i < bytes.size()) {
        size_t n = sequence_length(bytes, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(bytes.substr(i, n));
            i += n;
        }
    }
    return out;
}

size_t utf8_complete_end(std::string_view bytes) {
    for (size_t k = 1; k <= 3 && k <= bytes.size(); ++k) {
        auto c = static_cast<unsigned char>(bytes[bytes.size() - k]);
        if (is_continuation(c)) continue;
        size_t expected = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return expected > k ? bytes.size() - k : bytes.size();
    }
    return bytes.size();
}

size_t utf8_complete_start(std::string_view bytes) {
    size_t begin = 0;
    while (begin < 3 && begin < bytes.size() && is_continuation(bytes[begin]))
        ++begin;
    return begin;
}

} // namespace gump::process
