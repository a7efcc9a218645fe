#include "output.hpp"

#include <algorithm>
#include <vector>

namespace command_gate {

namespace {

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Skips one escape sequence starting at text[i] (an ESC); returns the index after it.
size_t skip_escape(std::string_view text, size_t i) {
    if (i + 1 >= text.size()) return text.size();
    char kind = text[i + 1];
    if (kind == '[') { // CSI: parameters, then one final byte in @..~
        size_t j = i + 2;
        while (j < text.size() && !(text[j] >= '@' && text[j] <= '~'))
            ++j;
        return std::min(j + 1, text.size());
    }
    if (kind == ']') { // OSC: up to BEL or ESC backslash
        size_t j = i + 2;
        while (j < text.size() && text[j] != '\a' && !(text[j] == '\x1b' && j + 1 < text.size()))
            ++j;
        if (j < text.size() && text[j] == '\x1b') ++j;
        return std::min(j + 1, text.size());
    }
    return i + 2;
}

std::string trim_end(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t'))
        text.pop_back();
    return text;
}

size_t count_lines(std::string_view text) {
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

std::string clean_output(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t line_start = 0; // in `out`: where a '\r' sends the rest of the line back to
    for (size_t i = 0; i < text.size();) {
        char c = text[i];
        if (c == '\x1b') {
            i = skip_escape(text, i);
        } else if (c == '\r') {
            bool crlf = i + 1 < text.size() && text[i + 1] == '\n';
            // A progress line rewritten in place: only what it said last is worth reading.
            if (!crlf && i + 1 < text.size()) out.resize(line_start);
            ++i;
        } else {
            out += c;
            if (c == '\n') line_start = out.size();
            ++i;
        }
    }
    return out;
}

std::string head_and_tail(std::string_view text, size_t limit) {
    if (text.size() <= limit) return std::string(text);
    size_t head_budget = limit / 3;
    size_t tail_budget = limit - head_budget;
    // Whole lines when there are any within the budget; otherwise a cut between characters.
    size_t head_end = text.rfind('\n', head_budget);
    if (head_end == std::string_view::npos || head_end < head_budget / 2) {
        head_end = head_budget;
        while (head_end > 0 && is_continuation(text[head_end]))
            --head_end;
    } else {
        ++head_end;
    }
    size_t tail_start = text.find('\n', text.size() - tail_budget);
    if (tail_start == std::string_view::npos || text.size() - tail_start < tail_budget / 2) {
        tail_start = text.size() - tail_budget;
        while (tail_start < text.size() && is_continuation(text[tail_start]))
            ++tail_start;
    } else {
        ++tail_start;
    }
    std::string_view omitted = text.substr(head_end, tail_start - head_end);
    std::string head(text.substr(0, head_end));
    if (!head.empty() && head.back() != '\n') head += '\n';
    size_t lines = count_lines(omitted);
    std::string marker = lines > 0
                             ? "[... " + std::to_string(lines) + " lines omitted ...]\n"
                             : "[... " + std::to_string(omitted.size()) + " bytes omitted ...]\n";
    return head + marker + std::string(text.substr(tail_start));
}

std::string both_streams(std::string_view out, std::string_view err, size_t limit) {
    std::string o = trim_end(clean_output(out));
    std::string e = trim_end(clean_output(err));
    if (o.empty() || e.empty()) return head_and_tail(o.empty() ? e : o, limit);
    size_t half = limit / 2;
    size_t out_limit =
        o.size() < half ? o.size() : std::max(half, limit - std::min(e.size(), half));
    size_t err_limit = limit - std::min(out_limit, o.size());
    return "stdout:\n" + trim_end(head_and_tail(o, out_limit)) + "\nstderr:\n" +
           trim_end(head_and_tail(e, err_limit));
}

std::string program_not_run(std::string_view err, std::string_view command) {
    // dash: "sh: 1: foo: not found"; bash: "sh: line 1: foo: command not found",
    // "sh: ./foo: Permission denied"; busybox: "sh: foo: not found".
    static const std::vector<std::string_view> endings = {
        ": command not found", ": not found", ": Permission denied", ": Is a directory"};
    std::string_view rest = err;
    std::string found;
    while (!rest.empty()) {
        size_t eol = rest.find('\n');
        std::string_view line = rest.substr(0, eol);
        rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
        for (std::string_view ending : endings) {
            size_t at = line.rfind(ending);
            if (at == std::string_view::npos || at + ending.size() != line.size()) continue;
            std::string_view before = line.substr(0, at);
            size_t sep = before.rfind(": ");
            found = std::string(sep == std::string_view::npos ? before : before.substr(sep + 2));
            break;
        }
    }
    if (!found.empty()) return found;
    // The first word that is not a variable assignment (FOO=1 make test).
    size_t i = 0;
    while (i < command.size()) {
        while (i < command.size() && command[i] == ' ')
            ++i;
        size_t end = command.find_first_of(" \t;&|", i);
        std::string_view word = command.substr(i, end == std::string_view::npos ? end : end - i);
        if (word.find('=') == std::string_view::npos) return std::string(word);
        if (end == std::string_view::npos) break;
        i = end;
    }
    return std::string(command);
}

} // namespace command_gate
