#pragma once
// The runs of a repository on disk: `.gump/runs/<id>/run.json` and `.gump/runs/index.jsonl`.
#include "runs/record.hpp"

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace gump::runs {

class RunStore {
public:
    // `gump_dir` is the repository's `.gump/`.
    explicit RunStore(std::filesystem::path gump_dir);

    const std::filesystem::path& gump_dir() const { return m_gump_dir; }
    std::filesystem::path runs_dir() const { return m_gump_dir / "runs"; }
    std::filesystem::path run_dir(const std::string& id) const { return runs_dir() / id; }

    // The message names the file and what is wrong with it.
    Expected<RunRecord> load(const std::string& id) const;
    // Rewrites run.json atomically: a reader never sees half a file.
    Expected<void> save(const RunRecord& record) const;

    struct Listing {
        std::vector<RunRecord> runs;         // newest first
        std::vector<std::string> unreadable; // "<file>: <why>", for a warning
    };
    Listing list() const;

    Expected<void> append_index(const RunRecord& record) const;
    // Drops the index lines of runs whose directory is gone; returns how many it dropped.
    Expected<size_t> prune_index() const;

private:
    std::filesystem::path m_gump_dir;
};

// Writes `text` to `file` through a temporary file and a rename.
Expected<void> write_atomically(const std::filesystem::path& file, const std::string& text);

} // namespace gump::runs
