#include "core/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace gump {

std::string format(const Diagnostic& d) {
    std::string out;
    if (!d.pos.file.empty()) {
        out += d.pos.file;
        if (d.pos.line > 0) {
            out += ':' + std::to_string(d.pos.line);
            if (d.pos.column > 0) out += ':' + std::to_string(d.pos.column);
        }
        out += ": ";
    }
    out += d.severity == Severity::error ? "error: " : "warning: ";
    out += d.message;
    if (!d.fix.empty()) out += "\n  fix: " + d.fix;
    return out;
}

void Diagnostics::error(SourcePos pos, std::string message, std::string fix) {
    m_items.push_back({Severity::error, std::move(pos), std::move(message), std::move(fix)});
}

void Diagnostics::warning(SourcePos pos, std::string message, std::string fix) {
    m_items.push_back({Severity::warning, std::move(pos), std::move(message), std::move(fix)});
}

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

size_t Diagnostics::error_count() const {
    return static_cast<size_t>(std::count_if(m_items.begin(), m_items.end(), [](const auto& d) {
        return d.severity == Severity::error;
    }));
}

size_t Diagnostics::warning_count() const {
    return m_items.size() - error_count();
}

std::string Diagnostics::to_string() const {
    std::vector<const Diagnostic*> sorted;
    for (const auto& d : m_items)
        sorted.push_back(&d);
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic* a, const Diagnostic* b) {
        return std::tie(a->pos.file, a->pos.line, a->pos.column) <
               std::tie(b->pos.file, b->pos.line, b->pos.column);
    });
    std::string out;
    for (const Diagnostic* d : sorted)
        out += format(*d) + '\n';
    return out;
}

} // namespace gump
