#include "workflow/catalog.hpp"

#include "core/embedded.hpp"
#include "core/text.hpp"
#include "workflow/parser.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace gump::workflow {
namespace fs = std::filesystem;

namespace {

const std::string embedded_prefix = "workflows/";

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string shown(const fs::path& path, const fs::path& cwd) {
    std::error_code ec;
    fs::path rel = fs::relative(path, cwd, ec);
    if (!ec && !rel.empty() && *rel.begin() != "..") return rel.string();
    return path.string();
}

std::string description_of(std::string_view text) {
    try {
        toml::table t = toml::parse(text);
        return t["description"].value_or(std::string());
    } catch (const toml::parse_error&) {
        return "(does not parse: see `gump doctor`)";
    }
}

} // namespace

Catalog::Catalog(std::optional<fs::path> project_root, std::optional<fs::path> user_config_dir,
                 fs::path cwd)
    : m_cwd(std::move(cwd)) {
    if (project_root) m_sources.push_back({"project", *project_root / ".gump" / "workflows"});
    if (user_config_dir) m_sources.push_back({"user", *user_config_dir / "workflows"});
}

std::vector<CatalogEntry> Catalog::all_entries() const {
    std::vector<CatalogEntry> entries;
    for (const auto& source : m_sources) {
        std::error_code ec;
        if (!fs::is_directory(source.dir, ec)) continue;
        for (auto it = fs::recursive_directory_iterator(source.dir, ec);
             it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec || !it->is_regular_file() || it->path().extension() != ".toml") continue;
            std::string name = fs::relative(it->path(), source.dir).replace_extension().string();
            entries.push_back({name, source.label, shown(it->path(), m_cwd),
                               description_of(read_file(it->path())), std::nullopt});
        }
    }
    for (const auto& file : embedded_files()) {
        if (file.path.rfind(embedded_prefix, 0) != 0) continue;
        std::string name(file.path.substr(embedded_prefix.size()));
        name = name.substr(0, name.size() - 5); // ".toml"
        entries.push_back({name, "built-in", "built-in:" + std::string(file.path),
                           description_of(file.text), std::nullopt});
    }
    return entries;
}

std::vector<CatalogEntry> Catalog::list() const {
    std::map<std::string, CatalogEntry> winners;
    for (auto& entry : all_entries()) {
        auto it = winners.find(entry.name);
        if (it == winners.end())
            winners.emplace(entry.name, std::move(entry));
        else if (!it->second.shadows)
            it->second.shadows = entry.source;
    }
    std::vector<CatalogEntry> out;
    for (auto& [_, entry] : winners)
        out.push_back(std::move(entry));
    return out;
}

Expected<WorkflowText> Catalog::find(const std::string& name) const {
    if (name.size() > 5 && name.substr(name.size() - 5) == ".toml") {
        std::error_code ec;
        if (fs::is_regular_file(name, ec))
            return WorkflowText{fs::path(name).stem().string(), "file", shown(name, m_cwd),
                                read_file(name)};
        return Error{"workflow file " + name + " does not exist"};
    }
    if (name.find("..") != std::string::npos || name.empty() || name.front() == '/')
        return Error{"'" + name +
                     "' is not a workflow name; use a name from `gump workflows "
                     "list` or a path ending in .toml"};
    for (const auto& source : m_sources) {
        fs::path file = source.dir / (name + ".toml");
        std::error_code ec;
        if (fs::is_regular_file(file, ec))
            return WorkflowText{name, source.label, shown(file, m_cwd), read_file(file)};
    }
    std::string embedded = embedded_prefix + name + ".toml";
    if (std::string_view text = embedded_file(embedded); !text.empty())
        return WorkflowText{name, "built-in", "built-in:" + embedded, std::string(text)};
    std::vector<std::string> names;
    for (const auto& entry : list())
        names.push_back(entry.name);
    return Error{"unknown workflow '" + name + "'" + did_you_mean(name, names) +
                 "; available: " + join(names, ", ")};
}

std::optional<Workflow> Catalog::load(const std::string& name, Diagnostics& diags) const {
    auto found = find(name);
    if (!found) {
        diags.error({}, found.error().message,
                    "see `gump workflows list`, or write .gump/workflows/" + name + ".toml");
        return std::nullopt;
    }
    auto workflow = parse_workflow(found->text, found->path, diags);
    if (workflow) {
        workflow->source = found->source;
        workflow->path = found->path;
    }
    return workflow;
}

} // namespace gump::workflow
