#include "workflow/string_position.hpp"

namespace gump::workflow {

SourcePos position_in_string(std::string_view text, const SourcePos& value, size_t offset) {
    // Find the opening quote from the value's line and column.
    size_t i = 0;
    for (int line = 1; line < value.line && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    i += static_cast<size_t>(value.column > 0 ? value.column - 1 : 0);
    if (i >= text.size()) return value;

    SourcePos pos = value;
    auto advance = [&](size_t n) {
        for (size_t k = 0; k < n && i < text.size(); ++k, ++i) {
            if (text[i] == '\n') {
                ++pos.line;
                pos.column = 1;
            } else {
                ++pos.column;
            }
        }
    };
    char quote = text[i];
    bool literal = quote == '\'';
    bool multiline = text.substr(i, 3) == std::string_view(literal ? "'''" : "\"\"\"");
    advance(multiline ? 3 : 1);
    if (multiline && i < text.size() && text[i] == '\n')
        advance(1);
    else if (multiline && text.substr(i, 2) == "\r\n")
        advance(2);

    for (size_t logical = 0; logical < offset && i < text.size();) {
        if (!literal && text[i] == '\\') {
            size_t j = i + 1;
            while (j < text.size() && (text[j] == ' ' || text[j] == '\t'))
                ++j;
            if (multiline && j < text.size() && (text[j] == '\n' || text[j] == '\r')) {
                // A line-ending backslash: it and the following white space produce nothing.
                advance(j - i);
                while (i < text.size() &&
                       std::string_view(" \t\r\n").find(text[i]) != std::string_view::npos)
                    advance(1);
                continue;
            }
            char kind = i + 1 < text.size() ? text[i + 1] : 0;
            advance(kind == 'u' ? 6 : kind == 'U' ? 10 : 2);
            ++logical;
            continue;
        }
        advance(1);
        ++logical;
    }
    return pos;
}

} // namespace gump::workflow
