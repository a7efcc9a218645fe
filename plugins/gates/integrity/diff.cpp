#include "diff.hpp"

#include <charconv>
#include <tuple>

namespace integrity {

namespace {

constexpr size_t none = std::string_view::npos;

std::string unquote(std::string_view text) {
    // text starts and ends with '"'
    std::string out;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
        char c = text[i];
        if (c != '\\' || i + 2 >= text.size()) {
            out += c;
            continue;
        }
        char e = text[++i];
        switch (e) {
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case 'r':
            out += '\r';
            break;
        case 'a':
            out += '\a';
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'v':
            out += '\v';
            break;
        default:
            if (e >= '0' && e <= '7') {
                int value = e - '0';
                for (int k = 0;
                     k < 2 && i + 2 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7'; ++k)
                    value = value * 8 + (text[++i] - '0');
                out += static_cast<char>(value);
            } else {
                out += e; // \" and \\ ...
            }
        }
    }
    return out;
}

// "a/x" -> "x"; "/dev/null" -> "".
std::string side_path(std::string_view header, char prefix) {
    std::string path = header_path(header);
    if (path == "/dev/null") return {};
    if (path.size() >= 2 && path[0] == prefix && path[1] == '/') path.erase(0, 2);
    return path;
}

size_t number(std::string_view text, size_t fallback) {
    size_t value = fallback;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// "-12,3" or "+4" -> start, count (a missing count is 1).
std::pair<size_t, size_t> range(std::string_view text) {
    text.remove_prefix(1);
    size_t comma = text.find(',');
    if (comma == none) return {number(text, 0), 1};
    return {number(text.substr(0, comma), 0), number(text.substr(comma + 1), 1)};
}

} // namespace

std::string header_path(std::string_view text) {
    if (text.ends_with('\t')) text.remove_suffix(1);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') return unquote(text);
    return std::string(text);
}

std::vector<Change> parse_name_status(std::string_view z) {
    std::vector<Change> out;
    auto next = [&z]() -> std::string_view {
        size_t end = z.find('\0');
        std::string_view field = z.substr(0, end);
        z.remove_prefix(end == none ? z.size() : end + 1);
        return field;
    };
    while (!z.empty()) {
        std::string_view status = next();
        if (status.empty()) continue;
        Change c;
        c.status = status[0];
        c.old_path = std::string(next());
        c.path = (c.status == 'R' || c.status == 'C') ? std::string(next()) : c.old_path;
        if (c.path.empty()) continue;
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<FileDiff> parse_unified_diff(std::string_view text) {
    std::vector<FileDiff> files;
    size_t old_left = 0, new_left = 0, new_line = 0; // what is left of the current hunk
    while (!text.empty()) {
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == none ? text.size() : end + 1);

        if (old_left > 0 || new_left > 0) {
            if (line.starts_with('\\')) continue; // "\ No newline at end of file"
            if (line.starts_with('+') && new_left > 0) {
                files.back().added.push_back({new_line++, std::string(line.substr(1))});
                --new_left;
                continue;
            }
            if (line.starts_with('-') && old_left > 0) {
                files.back().removed.emplace_back(line.substr(1));
                --old_left;
                continue;
            }
            if (line.starts_with(' ') && old_left > 0 && new_left > 0) { // context, if any
                --old_left;
                --new_left;
                ++new_line;
                continue;
            }
            old_left = new_left = 0; // a malformed hunk: read on as headers
        }
        if (line.starts_with("diff --git ")) {
            files.emplace_back();
        } else if (files.empty()) {
            continue;
        } else if (line.starts_with("--- ")) {
            files.back().old_path = side_path(line.substr(4), 'a');
        } else if (line.starts_with("+++ ")) {
            files.back().path = side_path(line.substr(4), 'b');
        } else if (line.starts_with("@@ -")) {
            size_t plus = line.find(" +", 4);
            size_t close = line.find(" @@", 4);
            if (plus == none || close == none || close < plus) continue;
            old_left = range(line.substr(3, plus - 3)).second;
            std::tie(new_line, new_left) = range(line.substr(plus + 1, close - plus - 1));
        }
    }
    return files;
}

} // namespace integrity
