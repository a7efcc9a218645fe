#pragma once
// Where the user's repository is: the nearest directory upward that holds `.git`.
#include <filesystem>
#include <optional>

namespace gump::workspace {

std::optional<std::filesystem::path> find_repository(const std::filesystem::path& from);

} // namespace gump::workspace
