#pragma once
// A temporary project directory for the tests, removed at the end.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace command_gate::testing {

class TempDir {
public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "gump-command-gate-XXXXXX").string();
        m_path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::string str() const { return m_path.string(); }

    // Writes a file (and the directories it is in) relative to the directory.
    void write(const std::string& name, const std::string& text = "") const {
        std::filesystem::path file = m_path / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
    }

private:
    std::filesystem::path m_path;
};

} // namespace command_gate::testing
