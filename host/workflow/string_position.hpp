#pragma once
// Where a character of a TOML string value stands in the file, so that a problem inside a
// prompt is reported at its own line and column.
#include "core/diagnostic.hpp"

#include <string_view>

namespace gump::workflow {

// `value` is the position of the string's opening quote; `offset` counts bytes of the parsed
// value. Escapes in basic strings count as one character, so columns after one are approximate.
SourcePos position_in_string(std::string_view file_text, const SourcePos& value, size_t offset);

} // namespace gump::workflow
