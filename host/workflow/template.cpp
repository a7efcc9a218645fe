#include "workflow/template.hpp"

#include <cctype>

namespace gump::workflow {

namespace {

bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

} // namespace

ScannedTemplate scan_template(std::string_view text) {
    ScannedTemplate out;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '}') {
            if (i + 1 < text.size() && text[i + 1] == '}') {
                ++i;
                continue;
            }
            out.problems.push_back({"a lone '}' (write '}}' for a literal brace)", i});
            continue;
        }
        if (c != '{') continue;
        if (i + 1 < text.size() && text[i + 1] == '{') {
            ++i;
            continue;
        }
        size_t close = text.find('}', i + 1);
        size_t next_open = text.find('{', i + 1);
        if (close == std::string_view::npos ||
            (next_open != std::string_view::npos && next_open < close)) {
            out.problems.push_back({"'{' is never closed (write '{{' for a literal brace)", i});
            continue;
        }
        std::string_view name = text.substr(i + 1, close - i - 1);
        if (name.empty()) {
            out.problems.push_back(
                {"an empty placeholder '{}' (write '{{}}' for literal braces)", i});
        } else {
            bool ok = true;
            for (char n : name)
                ok = ok && name_char(n);
            if (!ok)
                out.problems.push_back({"'{" + std::string(name) +
                                            "}' is not a placeholder name (letters, digits, '_', "
                                            "'.', '-'); write '{{' for a literal brace",
                                        i});
            else
                out.placeholders.push_back({std::string(name), i});
        }
        i = close;
    }
    return out;
}

std::string
render_template(std::string_view text,
                const std::function<std::optional<std::string>(std::string_view)>& lookup) {
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        bool has_newline = end != std::string_view::npos;
        std::string_view line = text.substr(start, has_newline ? end - start : text.size() - start);
        std::string rendered;
        bool had_placeholder = false;
        for (size_t i = 0; i < line.size(); ++i) {
            char c = line[i];
            size_t close;
            if ((c == '{' || c == '}') && i + 1 < line.size() && line[i + 1] == c) {
                rendered += c;
                ++i;
            } else if (c == '{' && (close = line.find('}', i + 1)) != std::string_view::npos) {
                had_placeholder = true;
                if (auto value = lookup(line.substr(i + 1, close - i - 1))) rendered += *value;
                i = close;
            } else {
                rendered += c;
            }
        }
        bool blank = true;
        for (char c : rendered)
            blank = blank && std::isspace(static_cast<unsigned char>(c));
        if (!(had_placeholder && blank)) {
            out += rendered;
            if (has_newline) out += '\n';
        }
        start = has_newline ? end + 1 : text.size();
    }
    return out;
}

} // namespace gump::workflow
