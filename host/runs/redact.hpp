#pragma once
// Keeps secrets out of the ledger: the values of environment variables whose names say they are
// credentials (API keys, tokens, passwords) are replaced wherever they would be written.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gump::runs {

class Redactor {
public:
    // From the process environment.
    static Redactor from_environment();
    // From NAME=value pairs (tests).
    explicit Redactor(std::vector<std::pair<std::string, std::string>> secrets);

    // `text` with every secret value replaced by "[redacted $NAME]".
    std::string apply(std::string_view text) const;
    bool empty() const { return m_secrets.empty(); }

    // Whether a variable's name marks it as a credential.
    static bool is_secret_name(std::string_view name);

private:
    std::vector<std::pair<std::string, std::string>> m_secrets; // name, value; longest value first
};

} // namespace gump::runs
