#pragma once
// What the parts of the workflow parser share: the file being read, where problems go, and the
// scope of the step being read (which earlier steps it may refer to).
#include "core/diagnostic.hpp"
#include "workflow/model.hpp"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gump::workflow {

struct ParseContext {
    std::string_view text; // the raw file, to place problems inside strings
    const std::string& file;
    Diagnostics& diags;
    std::vector<std::string> inputs; // declared by the workflow: {input.<name>}
    std::set<std::string> all_steps; // every step name anywhere, for better messages
};

// The steps that run before the step being read and that it may refer to: its earlier siblings
// and the earlier siblings of each enclosing group. Pointers stay valid while parsing because
// every list of steps reserves its size before it is filled.
struct Scope {
    std::vector<const Step*> visible; // innermost last
    bool in_items = false;            // inside a group with foreach, at any depth
    std::string prefix;               // the enclosing group's path: "build/", or ""

    const Step* find(std::string_view name) const {
        for (auto it = visible.rbegin(); it != visible.rend(); ++it)
            if ((*it)->name == name) return *it;
        return nullptr;
    }
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const Step* s : visible)
            out.push_back(s->name);
        return out;
    }
};

// [a-z0-9][a-z0-9_-]*: step and workflow names become parts of paths and branch names.
inline bool valid_name(std::string_view name) {
    auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (name.empty() || !lower_or_digit(name.front())) return false;
    for (char c : name)
        if (!lower_or_digit(c) && c != '_' && c != '-') return false;
    return true;
}

inline bool has_agent(StepKind kind) {
    return kind == StepKind::plan || kind == StepKind::code || kind == StepKind::review;
}

} // namespace gump::workflow
