#include "match.hpp"

namespace replay {

namespace {

// Splits off the first segment of `rest`.
std::string_view next_segment(std::string_view& rest) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    return segment;
}

bool is_glob(std::string_view pattern) {
    for (std::string_view rest = pattern; !rest.empty();)
        if (next_segment(rest) == "*") return true;
    return false;
}

} // namespace

bool path_matches(std::string_view pattern, std::string_view path) {
    for (;;) {
        bool pattern_done = pattern.empty();
        bool path_done = path.empty();
        if (pattern_done || path_done) return pattern_done && path_done;
        std::string_view want = next_segment(pattern);
        std::string_view have = next_segment(path);
        if (want != "*" && want != have) return false;
    }
}

const Entry* find_entry(const Script& script, std::string_view path, long long attempt) {
    const Entry* best = nullptr;
    int best_rank = 4;
    for (const Entry& e : script.steps) {
        if (e.attempt && *e.attempt != attempt) continue;
        if (!path_matches(e.path, path)) continue;
        // 0: exact + attempt, 1: exact, 2: glob + attempt, 3: glob.
        int rank = (is_glob(e.path) ? 2 : 0) + (e.attempt ? 0 : 1);
        if (rank < best_rank) {
            best = &e;
            best_rank = rank;
        }
    }
    return best;
}

std::string missing_entry_message(const Script& script, std::string_view path, long long attempt) {
    return "the replay script " + script.file + " has no entry for step " + std::string(path) +
           " attempt " + std::to_string(attempt) + "; add a [[step]] with path = \"" +
           std::string(path) + "\"";
}

} // namespace replay
