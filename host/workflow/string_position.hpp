#pragma once
// Where a character of a TOML string value stands in the file, so that a problem inside a
// prompt is reported at its own line and column rather than at the start of the prompt.
#include "core/diagnostic.hpp"

#include <string_view>

namespace gump::workflow {

// `value` is the position toml++ gives the string (its opening quote); `offset` counts bytes of
// the parsed value. Handles "...", '...', """...""" and '''...''' (a newline right after the
// opening delimiter is not part of the value). Columns count code points, as toml++ does. An
// escape in a basic string is one character of the value, so columns after \uXXXX escapes of
// non-ASCII characters may be off by a little.
SourcePos position_in_string(std::string_view file_text, const SourcePos& value, size_t offset);

} // namespace gump::workflow
