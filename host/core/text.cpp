#include "core/text.hpp"

#include <gump/duration.hpp>

#include <algorithm>
#include <cctype>

namespace gump {

static size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            size_t cost = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                  std::tolower(static_cast<unsigned char>(b[j - 1]))
                              ? 0
                              : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best = closest_match(word, candidates);
    return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

std::string join_words(const std::vector<std::string>& words, std::string_view last_sep) {
    std::string out;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i) out += (i + 1 == words.size()) ? std::string(last_sep) : std::string(", ");
        out += words[i];
    }
    return out;
}

std::string format_duration(long long ms) {
    return sdk::format_duration(ms);
}

bool parse_duration(std::string_view text, long long& ms) {
    return sdk::parse_duration(text, ms);
}

std::string version_number(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) continue;
        char before = i > 0 ? text[i - 1] : ' ';
        if ((std::isalnum(static_cast<unsigned char>(before)) && before != 'v') || before == '.')
            continue;
        size_t end = i;
        int dots = 0;
        while (end < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[end])) ||
                (text[end] == '.' && end + 1 < text.size() &&
                 std::isdigit(static_cast<unsigned char>(text[end + 1])) && ++dots)))
            ++end;
        if (dots > 0) return std::string(text.substr(i, end - i));
        i = end;
    }
    return {};
}

int compare_versions(std::string_view a, std::string_view b) {
    while (!a.empty() || !b.empty()) {
        auto take = [](std::string_view& s) {
            long long n = 0;
            size_t i = 0;
            for (; i < s.size() && s[i] != '.'; ++i)
                if (std::isdigit(static_cast<unsigned char>(s[i]))) n = n * 10 + (s[i] - '0');
            s.remove_prefix(std::min(s.size(), i + 1));
            return n;
        };
        long long x = take(a), y = take(b);
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

} // namespace gump
