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

const std::string embedded_dir = "workflows/";
const std::string extension = ".toml";

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::optional<std::string> read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string description_of(std::string_view text) {
    try {
        toml::table t = toml::parse(text);
        return t["description"].value_or(std::string());
    } catch (const toml::parse_error& e) {
        return "(does not parse: line " + std::to_string(e.source().begin.line) + ": " +
               std::string(e.description()) + ")";
    }
}

// Why `name` cannot be a workflow name, or nothing when it can.
std::optional<std::string> bad_name(const std::string& name) {
    if (name.empty()) return "an empty workflow name";
    if (name.front() == '/' || name.find('\\') != std::string::npos)
        return "'" + name + "' is not a workflow name";
    for (const auto& part : fs::path(name))
        if (part == ".." || part == ".")
            return "'" + name + "' is not a workflow name: '..' and '.' are not allowed in names";
    return std::nullopt;
}

} // namespace

Catalog::Catalog(std::optional<fs::path> project_root, std::optional<fs::path> user_config_dir,
                 fs::path cwd)
    : m_cwd(std::move(cwd)) {
    if (project_root) m_sources.push_back({"project", *project_root / ".gump" / "workflows"});
    if (user_config_dir) m_sources.push_back({"user", *user_config_dir / "workflows"});
}

std::string Catalog::shown(const fs::path& path) const {
    fs::path rel = path.lexically_normal().lexically_relative(m_cwd.lexically_normal());
    if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
    return path.lexically_normal().generic_string();
}

std::vector<CatalogEntry> Catalog::all_entries() const {
    std::vector<CatalogEntry> entries;
    for (const auto& source : m_sources) {
        std::error_code ec;
        if (!fs::is_directory(source.dir, ec)) continue;
        std::vector<fs::path> files;
        auto options = fs::directory_options::skip_permission_denied;
        for (fs::recursive_directory_iterator it(source.dir, options, ec), end; !ec && it != end;
             it.increment(ec))
            if (it->is_regular_file(ec) && it->path().extension() == extension)
                files.push_back(it->path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            std::string name =
                file.lexically_relative(source.dir).replace_extension().generic_string();
            std::string text = read_text(file).value_or("");
            entries.push_back(
                {name, source.label, shown(file), description_of(text), std::nullopt});
        }
    }
    for (const auto& file : embedded_files()) {
        if (file.path.rfind(embedded_dir, 0) != 0 || !ends_with(file.path, extension)) continue;
        std::string_view rel = file.path.substr(embedded_dir.size());
        std::string name(rel.substr(0, rel.size() - extension.size()));
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

Expected<WorkflowText> Catalog::find_file(const std::string& name) const {
    fs::path path = fs::path(name).is_absolute() ? fs::path(name) : m_cwd / name;
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        if (auto text = read_text(path))
            return WorkflowText{path.stem().string(), "file", shown(path), std::move(*text)};
        return Error{"cannot read the workflow file " + shown(path)};
    }
    std::string message = "there is no workflow file " + shown(path);
    std::string stem = fs::path(name).filename().replace_extension().string();
    for (const auto& entry : list())
        if (entry.name == stem)
            message += " (to use the " + entry.source + " workflow, write its name: " + stem + ")";
    return Error{message};
}

Expected<WorkflowText> Catalog::find(const std::string& name) const {
    if (ends_with(name, extension)) return find_file(name);
    if (auto bad = bad_name(name)) return Error{*bad};
    for (const auto& source : m_sources) {
        fs::path file = source.dir / (name + extension);
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) continue;
        if (auto text = read_text(file))
            return WorkflowText{name, source.label, shown(file), std::move(*text)};
        return Error{"cannot read the workflow file " + shown(file)};
    }
    std::string embedded = embedded_dir + name + extension;
    for (const auto& file : embedded_files())
        if (file.path == embedded)
            return WorkflowText{name, "built-in", "built-in:" + embedded, std::string(file.text)};
    std::vector<std::string> names;
    for (const auto& entry : list())
        names.push_back(entry.name);
    return Error{"unknown workflow '" + name + "'" + did_you_mean(name, names) +
                 "; the workflows are: " + join(names, ", ")};
}

std::optional<Workflow> Catalog::load(const std::string& name, Diagnostics& diags) const {
    auto found = find(name);
    if (!found) {
        diags.error({}, found.error().message,
                    "`gump workflows list` shows them; to add one, write .gump/workflows/" +
                        (bad_name(name) ? std::string("NAME") : name) + ".toml");
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
