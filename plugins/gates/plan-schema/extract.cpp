#include "extract.hpp"

#include <boost/json/stream_parser.hpp>

#include <cctype>

namespace plan_schema {

namespace json = boost::json;

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

char next_non_space(std::string_view text, size_t from) {
    for (size_t i = from; i < text.size(); ++i)
        if (!is_space(text[i])) return text[i];
    return '\0';
}

char previous_non_space(std::string_view text, size_t before) {
    for (size_t i = before; i > 0; --i)
        if (!is_space(text[i - 1])) return text[i - 1];
    return '\0';
}

// Only whitespace before `at`, or the opening line of a fenced block (```json) just before it.
bool starts_block(std::string_view text, size_t at) {
    std::string_view before = text.substr(0, at);
    while (!before.empty() && is_space(before.back()))
        before.remove_suffix(1);
    if (before.empty()) return true;
    size_t line_start = before.rfind('\n');
    std::string_view line =
        before.substr(line_start == std::string_view::npos ? 0 : line_start + 1);
    while (!line.empty() && is_space(line.front()))
        line.remove_prefix(1);
    if (line.substr(0, 3) != "```") return false;
    for (char c : line.substr(3))
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '+')
            return false;
    return true;
}

// A bracket that can only be the start of JSON, not prose.
bool clearly_json(std::string_view text, size_t at) {
    char next = next_non_space(text, at + 1);
    if (next == '"' || next == '{' || next == '[') return true;
    return text[at] == '{' && starts_block(text, at);
}

// Up to 20 characters of the rest of the line at `offset`.
std::string excerpt(std::string_view text, size_t offset) {
    size_t end = offset;
    size_t chars = 0;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') {
        if (!continuation(text[end]) && ++chars > 20) break;
        ++end;
    }
    return std::string(text.substr(offset, end - offset));
}

// What usually went wrong when the parser stopped at `offset`.
std::string hint(std::string_view text, size_t offset) {
    if (offset >= text.size()) return "the text ends before every '{' and '[' is closed";
    char c = text[offset];
    char before = previous_non_space(text, offset);
    if ((c == '}' || c == ']') && before == ',')
        return std::string("remove the ',' before '") + c + "'";
    if (c == '\'') return "JSON strings and names take double quotes";
    if (c == '/' || c == '#') return "JSON has no comments";
    if (static_cast<unsigned char>(c) < 0x20) return "write a line break inside a string as \\n";
    if ((std::isalpha(static_cast<unsigned char>(c)) || c == '_') &&
        (before == '{' || before == ','))
        return "names and strings take double quotes";
    // After a complete value (a number, true, false, null, an object or an array).
    bool after_value = std::isdigit(static_cast<unsigned char>(before)) || before == 'e' ||
                       before == 'l' || before == '}' || before == ']';
    if (after_value && (c == '"' || c == '{' || c == '[')) return "a ',' is missing before it";
    return {};
}

Extracted not_json(std::string_view text, size_t offset, const std::string& message) {
    Extracted out;
    out.kind = Extracted::Kind::not_json;
    out.offset = offset;
    out.position = position_of(text, offset);
    out.error = message + " at line " + std::to_string(out.position.line) + ", column " +
                std::to_string(out.position.column);
    if (std::string near = excerpt(text, offset); !near.empty())
        out.error += ", near '" + near + "'";
    if (std::string why = hint(text, offset); !why.empty()) out.error += " (" + why + ")";
    return out;
}

} // namespace

Position position_of(std::string_view text, size_t offset) {
    Position p;
    if (offset > text.size()) offset = text.size();
    for (size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++p.line;
            p.column = 1;
        } else if (!continuation(text[i])) {
            ++p.column;
        }
    }
    return p;
}

Extracted extract_plan(std::string_view text) {
    for (size_t at = text.find_first_of("{["); at != std::string_view::npos;
         at = text.find_first_of("{[", at + 1)) {
        // The parser stops at the end of the first complete value: what follows is ignored.
        json::stream_parser parser;
        boost::system::error_code ec;
        size_t used = parser.write_some(text.data() + at, text.size() - at, ec);
        if (!ec && !parser.done()) parser.finish(ec); // the text ended inside the value
        if (!ec && parser.done()) {
            Extracted out;
            out.kind = Extracted::Kind::found;
            out.value = parser.release();
            out.offset = at;
            return out;
        }
        if (clearly_json(text, at)) return not_json(text, at + used, ec.message());
    }
    return {};
}

} // namespace plan_schema
