#pragma once
// The workflows a user can name: the project's .gump/workflows, then the user's
// <config dir>/workflows, then the built-in ones compiled into gump. The first of a name wins.
#include "core/diagnostic.hpp"
#include "core/expected.hpp"
#include "workflow/model.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gump::workflow {

struct CatalogEntry {
    std::string name;   // "cheap2sota", "validators/review"
    std::string source; // "project", "user" or "built-in"
    std::string path;   // shown path; "built-in:workflows/cheap2sota.toml" when embedded
    std::string description;
    std::optional<std::string> shadows; // the source of the entry of the same name it overrides
};

struct WorkflowText {
    std::string name;
    std::string source;
    std::string path;
    std::string text;
};

class Catalog {
public:
    Catalog(std::optional<std::filesystem::path> project_root,
            std::optional<std::filesystem::path> user_config_dir,
            std::filesystem::path cwd = std::filesystem::current_path());

    std::vector<CatalogEntry> list() const; // sorted by name
    // A name from list(), or a path to a .toml file.
    Expected<WorkflowText> find(const std::string& name) const;
    // find + parse; problems (including "not found") go to `diags`.
    std::optional<Workflow> load(const std::string& name, Diagnostics& diags) const;

private:
    struct Source {
        std::string label;
        std::filesystem::path dir;
    };
    std::vector<Source> m_sources; // in precedence order, built-in excluded
    std::filesystem::path m_cwd;

    std::vector<CatalogEntry> all_entries() const; // every entry, shadowed ones included
};

} // namespace gump::workflow
