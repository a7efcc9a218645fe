#include "runs/redact.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

extern char** environ;

namespace gump::runs {

namespace {

// Shorter values are too likely to occur by chance ("1", "true") to be worth replacing.
constexpr size_t min_secret_length = 8;

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

bool Redactor::is_secret_name(std::string_view name) {
    std::string n = upper(name);
    for (const char* word : {"KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "AUTH",
                             "COOKIE", "PRIVATE"})
        if (n.find(word) != std::string::npos) return true;
    return false;
}

Redactor::Redactor(std::vector<std::pair<std::string, std::string>> secrets) {
    for (auto& [name, value] : secrets) {
        if (value.size() < min_secret_length || !is_secret_name(name)) continue;
        // Most of what gump writes is JSON, where a '"' or '\\' in the value appears escaped.
        std::string quoted = boost::json::serialize(boost::json::string(value));
        std::string escaped = quoted.substr(1, quoted.size() - 2);
        if (escaped != value) m_secrets.emplace_back(name, escaped);
        m_secrets.emplace_back(std::move(name), std::move(value));
    }
    // A value that contains another must be replaced first.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
}

Redactor Redactor::from_environment() {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string_view text(*entry);
        size_t eq = text.find('=');
        if (eq == std::string_view::npos) continue;
        pairs.emplace_back(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
    }
    return Redactor(std::move(pairs));
}

std::string Redactor::apply(std::string_view text) const {
    std::string out(text);
    for (const auto& [name, value] : m_secrets) {
        std::string mask = "[redacted $" + name + "]";
        for (size_t at = out.find(value); at != std::string::npos;
             at = out.find(value, at + mask.size()))
            out.replace(at, value.size(), mask);
    }
    return out;
}

} // namespace gump::runs
