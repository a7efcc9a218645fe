#pragma once
// The items of a plan step: what the agent wrote to .gump/out/plan.json or, failing that, the
// JSON in its final answer. `{"items": [...]}` or a bare array.
#include "core/expected.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gump::engine {

struct Item {
    std::string name;
    std::string description;
    std::vector<std::string> files;
};

// The first JSON object or array in `text` (a fenced block, or text around it, is fine).
std::string extract_json(std::string_view text);

// The message says which item and field is wrong.
Expected<std::vector<Item>> parse_items(std::string_view text);

} // namespace gump::engine
