#include "core/style.hpp"

#include <unistd.h>

#include <cstdlib>

namespace gump {

Style Style::for_fd(int fd) {
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    bool color =
        isatty(fd) && !(no_color && *no_color) && !(term && std::string_view(term) == "dumb");
    return Style(color);
}

std::string Style::wrap(const char* code, std::string_view s) const {
    if (!m_color) return std::string(s);
    return std::string("\x1b[") + code + "m" + std::string(s) + "\x1b[0m";
}

} // namespace gump
