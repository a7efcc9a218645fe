#pragma once
// Output captured from a child is arbitrary bytes, but it travels on as JSON text, which must be
// valid UTF-8 or the other side's parser rejects the whole message.
#include <string>
#include <string_view>

namespace gump::process {

// `bytes` with every sequence that is not valid UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view bytes);

// The length of `bytes` without a multi-byte character cut short at its end.
size_t utf8_complete_end(std::string_view bytes);
// Where `bytes` starts once the end of a multi-byte character cut short at its start is skipped.
size_t utf8_complete_start(std::string_view bytes);

} // namespace gump::process
