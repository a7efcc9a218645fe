#include "core/embedded.hpp"

namespace gump {

std::string_view embedded_file(std::string_view path) {
    for (const auto& f : embedded_files())
        if (f.path == path) return f.text;
    return {};
}

} // namespace gump
