#pragma once
// The workflows a user can name: the project's .gump/workflows, then the user's
// <config dir>/workflows, then the built-in ones compiled into gump. The first of a name wins.
// A name is the file's path under its workflows directory without ".toml": "cheap2sota",
// "validators/review".
#include "core/diagnostic.hpp"
#include "core/expected.hpp"
#include "workflow/model.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gump::workflow {

struct CatalogEntry {
    std::string name;        // "cheap2sota", "validators/review"
    std::string source;      // "project", "user" or "built-in"
    std::string path;        // shown path; "built-in:workflows/cheap2sota.toml" when embedded
    std::string description; // the file's description, or a note when it does not parse
    std::optional<std::string> shadows; // the source of the same-named entry it overrides
};

struct WorkflowText {
    std::string name;
    std::string source; // "project", "user", "built-in", or "file" for a path to a .toml file
    std::string path;   // as shown to the user
    std::string text;
};

class Catalog {
public:
    // `project_root` holds .gump/workflows; `user_config_dir` (e.g. ~/.config/gump) holds
    // workflows/. Paths under `cwd` are shown relative to it.
    Catalog(std::optional<std::filesystem::path> project_root,
            std::optional<std::filesystem::path> user_config_dir,
            std::filesystem::path cwd = std::filesystem::current_path());

    // One entry per name, sorted by name; shadowed entries are left out.
    std::vector<CatalogEntry> list() const;
    // A name from list(), or a path to an existing .toml file. An unknown name is an error
    // that lists the available names.
    Expected<WorkflowText> find(const std::string& name) const;
    // find + parse_workflow, with `source` and `path` filled; every problem goes to `diags`.
    std::optional<Workflow> load(const std::string& name, Diagnostics& diags) const;

private:
    struct Source {
        std::string label;
        std::filesystem::path dir;
    };
    std::vector<Source> m_sources; // in precedence order; the built-in ones come last
    std::filesystem::path m_cwd;

    std::vector<CatalogEntry> all_entries() const; // shadowed ones included, in precedence order
    Expected<WorkflowText> find_file(const std::string& path) const;
    std::string shown(const std::filesystem::path& path) const;
};

} // namespace gump::workflow
