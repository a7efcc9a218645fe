#include "engine/values.hpp"

namespace gump::engine {

void Values::set(const std::string& path, const std::string& field, std::string value) {
    m_steps[path][field] = Value{std::move(value), nullptr};
}

void Values::set_lazy(const std::string& path, const std::string& field,
                      std::function<std::string()> make) {
    m_steps[path][field] = Value{std::nullopt, std::move(make)};
}

std::optional<std::string> Values::find_step(std::string_view from, std::string_view step) const {
    // The scopes of "build/1/impl" are "build/1", "build" and the top.
    std::string_view scope = from;
    for (;;) {
        size_t slash = scope.rfind('/');
        scope = slash == std::string_view::npos ? std::string_view() : scope.substr(0, slash);
        std::string key =
            scope.empty() ? std::string(step) : std::string(scope) + "/" + std::string(step);
        if (m_steps.find(key) != m_steps.end()) return key;
        if (scope.empty()) return std::nullopt;
    }
}

std::optional<std::string> Values::lookup(std::string_view from, std::string_view name) const {
    size_t dot = name.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    auto path = find_step(from, name.substr(0, dot));
    if (!path) return std::nullopt;
    auto& fields = m_steps.find(*path)->second;
    auto f = fields.find(name.substr(dot + 1));
    if (f == fields.end()) return std::nullopt;
    Value& value = f->second;
    if (!value.text) value.text = value.make ? value.make() : std::string();
    return value.text;
}

} // namespace gump::engine
