#include "config/toml_json.hpp"

#include <sstream>

namespace gump::config {

boost::json::value to_json(const toml::node& node) {
    return node.visit([](const auto& n) -> boost::json::value {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, toml::table>) {
            boost::json::object out;
            for (const auto& [key, child] : n)
                out[key.str()] = to_json(child);
            return out;
        } else if constexpr (std::is_same_v<T, toml::array>) {
            boost::json::array out;
            for (const auto& child : n)
                out.push_back(to_json(child));
            return out;
        } else if constexpr (std::is_same_v<T, toml::value<std::string>>) {
            return boost::json::string(n.get());
        } else if constexpr (std::is_same_v<T, toml::value<int64_t>>) {
            return n.get();
        } else if constexpr (std::is_same_v<T, toml::value<double>>) {
            return n.get();
        } else if constexpr (std::is_same_v<T, toml::value<bool>>) {
            return n.get();
        } else {
            std::ostringstream text;
            text << n;
            return boost::json::string(text.str());
        }
    });
}

} // namespace gump::config
