#pragma once
// Finding the plan in a step's output: the JSON the agent wrote to .gump/out/plan.json, or the
// JSON inside its final answer (in a ```json fence, or with text around it).
#include <boost/json/value.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace plan_schema {

struct Position {
    size_t line = 1;   // 1-based
    size_t column = 1; // 1-based, in characters (UTF-8 code points)
};

// The line and column of a byte offset into `text`.
Position position_of(std::string_view text, size_t offset);

struct Extracted {
    enum class Kind { found, not_json, not_found } kind = Kind::not_found;
    boost::json::value value; // found: an object or an array
    size_t offset = 0;        // found: where it starts; not_json: where parsing stopped
    std::string error;        // not_json: "<parser message> at line L, column C[, near '...']"
    Position position;        // not_json: of offset
};

// The first JSON object or array in `text` that parses; what follows it is ignored. A '{' or '['
// that clearly starts JSON ('{' or '[' followed by '"', '{' or '['; or a '{' that begins the text
// or a fenced block) must parse: when it does not, the result is not_json with the parser's
// message and position, and nothing later is considered (so an item of a broken plan is never
// taken for the plan). Brackets in prose ("[WIP]", "{name}") are skipped.
Extracted extract_plan(std::string_view text);

} // namespace plan_schema
