#include "workflow/template.hpp"

#include <algorithm>
#include <cctype>

namespace gump::workflow {

namespace {

bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

bool blank(std::string_view line) {
    return std::all_of(line.begin(), line.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

// The end of the name that starts after the '{' at `open`: the index of the first other char.
size_t name_end(std::string_view text, size_t open) {
    size_t j = open + 1;
    while (j < text.size() && name_char(text[j]))
        ++j;
    return j;
}

std::string shortened(std::string_view text) {
    return text.size() <= 32 ? std::string(text) : std::string(text.substr(0, 29)) + "...";
}

} // namespace

bool is_placeholder_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), name_char);
}

ScannedTemplate scan_template(std::string_view text) {
    ScannedTemplate out;
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            i += 2; // an escaped brace
            continue;
        }
        if (c == '}') {
            out.problems.push_back(
                {"'}' closes no placeholder", "write '}}' for a literal brace", i});
            ++i;
            continue;
        }
        if (c != '{') {
            ++i;
            continue;
        }
        size_t j = name_end(text, i);
        if (j < text.size() && text[j] == '}') {
            if (j == i + 1)
                out.problems.push_back({"an empty placeholder '{}'",
                                        "put a variable inside, e.g. {spec}, or write '{{}}' for "
                                        "literal braces",
                                        i});
            else
                out.placeholders.push_back({std::string(text.substr(i + 1, j - i - 1)), i});
            i = j + 1;
            continue;
        }
        // Not a name up to a '}': either a '}' later on the same line closes something that is
        // not a name (JSON, prose), or nothing closes this '{' at all.
        size_t line_end = std::min(text.find('\n', i), text.size());
        size_t close = text.find('}', j);
        size_t next_open = text.find('{', i + 1);
        if (close < line_end && close < next_open) {
            // Built with += : GCC 12 warns falsely (-Wrestrict) about "'" + std::string.
            std::string message = "'";
            message += shortened(text.substr(i, close - i + 1));
            message += "' is not a placeholder: a variable name has only letters, digits, '_', "
                       "'.' and '-'";
            out.problems.push_back(
                {message, "write '{{' and '}}' for literal braces, or fix the name", i});
            i = close + 1;
        } else {
            out.problems.push_back({"'{' is not closed on its line",
                                    "write '{{' for a literal brace, or close the placeholder "
                                    "with '}'",
                                    i});
            ++i;
        }
    }
    return out;
}

std::string render(std::string_view text, const TemplateLookup& lookup) {
    std::string out;
    out.reserve(text.size());
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        bool has_newline = end != std::string_view::npos;
        std::string_view line =
            text.substr(start, has_newline ? end - start : std::string_view::npos);
        std::string rendered;
        bool had_placeholder = false;
        size_t i = 0;
        while (i < line.size()) {
            char c = line[i];
            if ((c == '{' || c == '}') && i + 1 < line.size() && line[i + 1] == c) {
                rendered += c;
                i += 2;
                continue;
            }
            size_t j = c == '{' ? name_end(line, i) : i;
            if (c == '{' && j > i + 1 && j < line.size() && line[j] == '}') {
                had_placeholder = true;
                if (auto value = lookup(line.substr(i + 1, j - i - 1))) rendered += *value;
                i = j + 1;
                continue;
            }
            rendered += c;
            ++i;
        }
        // A line that only held placeholders with nothing to say disappears entirely.
        if (!(had_placeholder && blank(rendered))) {
            out += rendered;
            if (has_newline) out += '\n';
        }
        start = has_newline ? end + 1 : text.size();
    }
    return out;
}

std::string render(std::string_view text, const std::map<std::string, std::string>& variables) {
    return render(text, [&](std::string_view name) -> std::optional<std::string> {
        auto it = variables.find(std::string(name));
        if (it == variables.end()) return std::nullopt;
        return it->second;
    });
}

} // namespace gump::workflow
