#include "report/format.hpp"

#include <cctype>
#include <cstdio>

namespace gump::report {

std::string money(double usd, bool partial, bool estimated) {
    char buf[32];
    // Below a cent, two decimals would say a real cost is nothing.
    std::snprintf(buf, sizeof buf, usd > 0 && usd < 0.01 ? "$%.4f" : "$%.2f", usd);
    std::string out = estimated ? "~" : "";
    out += buf;
    if (partial) out += "+?";
    return out;
}

std::string seconds(long long ms) {
    long long s = (ms + 500) / 1000;
    char buf[32];
    if (s < 60)
        std::snprintf(buf, sizeof buf, "%llds", s);
    else if (s < 3600)
        std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
    return buf;
}

std::string turns(long long n) {
    return std::to_string(n) + (n == 1 ? " turn" : " turns");
}

std::string count(long long n) {
    char buf[32];
    if (n < 1000)
        std::snprintf(buf, sizeof buf, "%lld", n);
    else if (n < 999950) // rounds to "1.0M", not "1000.0k"
        std::snprintf(buf, sizeof buf, "%.1fk", n / 1000.0);
    else
        std::snprintf(buf, sizeof buf, "%.1fM", n / 1000000.0);
    return buf;
}

std::string title_case(const std::string& name) {
    std::string out = name;
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    for (char& c : out)
        if (c == '-' || c == '_') c = ' ';
    return out;
}

} // namespace gump::report
