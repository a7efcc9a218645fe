// Plain string helpers.
#include "text.hpp"

namespace gitcli {

std::string_view trim(std::string_view text) {
    const char* space = " \t\r\n";
    size_t first = text.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    size_t last = text.find_last_not_of(space);
    return text.substr(first, last - first + 1);
}

std::vector<std::string> split_nul(std::string_view text) {
    std::vector<std::string> fields;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\0', start);
        if (end == std::string_view::npos) end = text.size();
        fields.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return fields;
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::string short_list(const std::vector<std::string>& paths, size_t shown) {
    std::string list;
    for (size_t i = 0; i < paths.size() && i < shown; ++i)
        list += (i ? ", " : "") + paths[i];
    if (paths.size() > shown) list += " and " + std::to_string(paths.size() - shown) + " more";
    return list;
}

std::string utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    size_t n = text.size();
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t len = c < 0x80           ? 1
                     : (c >> 5) == 0x6  ? 2
                     : (c >> 4) == 0xE  ? 3
                     : (c >> 3) == 0x1E ? 4
                                        : 0;
        bool valid = len > 0 && i + len <= n;
        for (size_t k = 1; valid && k < len; ++k)
            valid = (s[i + k] & 0xC0) == 0x80;
        if (valid && len > 1) {
            // Reject overlong forms, surrogates and code points past U+10FFFF.
            unsigned cp = len == 2 ? ((c & 0x1F) << 6) | (s[i + 1] & 0x3F)
                          : len == 3
                              ? ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F)
                              : ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) |
                                    ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
            unsigned min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
            valid = cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        }
        if (valid) {
            out.append(text.substr(i, len));
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

bool is_gump_path(std::string_view path) {
    return is_under(path, ".gump");
}

bool is_under(std::string_view path, std::string_view dir) {
    return path == dir ||
           (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

} // namespace gitcli
