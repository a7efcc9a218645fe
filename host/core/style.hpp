#pragma once
// Terminal styling: colour only on a terminal and never when NO_COLOR is set.
#include <string>
#include <string_view>

namespace gump {

class Style {
public:
    // Decides for the given file descriptor (1 = stdout, 2 = stderr).
    static Style for_fd(int fd);
    static Style plain() { return Style(false); }

    std::string bold(std::string_view s) const { return wrap("1", s); }
    std::string dim(std::string_view s) const { return wrap("2", s); }
    std::string green(std::string_view s) const { return wrap("32", s); }
    std::string red(std::string_view s) const { return wrap("31", s); }
    std::string yellow(std::string_view s) const { return wrap("33", s); }
    std::string cyan(std::string_view s) const { return wrap("36", s); }
    bool color() const { return m_color; }

private:
    explicit Style(bool color) : m_color(color) {}
    std::string wrap(const char* code, std::string_view s) const;
    bool m_color;
};

} // namespace gump
