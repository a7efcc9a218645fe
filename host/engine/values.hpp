#pragma once
// What finished steps leave for later prompts ({decompose.output}, {impl.diff}, ...), keyed by
// their full path, and how a step sees them: its earlier siblings and the earlier siblings of
// every group it is in, the innermost first.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gump::engine {

class Values {
public:
    void set(const std::string& path, const std::string& field, std::string value);
    // A value worked out only when a prompt first asks for it (a diff costs a repository
    // walk, and most steps' diffs are never read).
    void set_lazy(const std::string& path, const std::string& field,
                  std::function<std::string()> make);
    // `name` is "<step>.<field>"; `from` is the path of the step whose prompt is rendered.
    std::optional<std::string> lookup(std::string_view from, std::string_view name) const;
    // The full path of the step `step` as seen from `from`, if it has left anything.
    std::optional<std::string> find_step(std::string_view from, std::string_view step) const;

private:
    struct Value {
        std::optional<std::string> text;
        std::function<std::string()> make;
    };
    mutable std::map<std::string, std::map<std::string, Value, std::less<>>, std::less<>> m_steps;
};

} // namespace gump::engine
