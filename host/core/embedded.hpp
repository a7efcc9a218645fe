#pragma once
// Files compiled into the binary (built-in workflows, configuration defaults).
#include <string_view>
#include <vector>

namespace gump {

struct EmbeddedFile {
    std::string_view path; // relative to the source tree: "workflows/cheap2sota.toml"
    std::string_view text;
};

const std::vector<EmbeddedFile>& embedded_files();

// The text of an embedded file, or an empty view when there is none of that path.
std::string_view embedded_file(std::string_view path);

} // namespace gump
