#include "core/text.hpp"

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
    if (ms < 1000) return std::to_string(ms) + "ms";
    long long s = ms / 1000;
    std::string out;
    if (s >= 3600) out += std::to_string(s / 3600) + "h";
    if (s % 3600 >= 60) out += std::to_string((s % 3600) / 60) + "m";
    if (s % 60 || out.empty()) out += std::to_string(s % 60) + "s";
    return out;
}

bool parse_duration(std::string_view text, long long& ms) {
    if (text.empty()) return false;
    long long total = 0;
    size_t i = 0;
    while (i < text.size()) {
        size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
            ++i;
        if (i == start || i - start > 12) return false; // 12 digits: beyond any sane duration
        long long n = std::stoll(std::string(text.substr(start, i - start)));
        size_t unit_start = i;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])))
            ++i;
        std::string_view unit = text.substr(unit_start, i - unit_start);
        if (unit == "ms")
            total += n;
        else if (unit == "s")
            total += n * 1000;
        else if (unit == "m")
            total += n * 60'000;
        else if (unit == "h")
            total += n * 3'600'000;
        else
            return false;
    }
    ms = total;
    return true;
}

} // namespace gump
