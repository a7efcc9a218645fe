// create_workspace, remove_workspace, list_workspaces: one worktree and branch per run.
#include "ops.hpp"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace fs = std::filesystem;

namespace gitvcs {

Names names_for(const std::string& run) {
    bool valid = !run.empty() && std::isalnum(static_cast<unsigned char>(run[0]));
    for (char c : run)
        valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
    if (!valid)
        throw gump::sdk::Error(GUMP_ERR_INVALID_ARGUMENT,
                               "the run id '" + run +
                                   "' is not made of letters, digits, '-' and '_' (starting "
                                   "with a letter or digit); pass such an id");
    return {run, "run-" + run, "gump/run-" + run};
}

std::optional<Reference> find_branch(git_repository* repo, const std::string& name) {
    git_reference* raw = nullptr;
    if (git_branch_lookup(&raw, repo, name.c_str(), GIT_BRANCH_LOCAL) < 0) return std::nullopt;
    return Reference(raw);
}

namespace {

std::string read_text(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Appends `.gump/` to info/exclude unless a line already says so (never a commit).
void exclude_gump_dir(git_repository* repo) {
    fs::path info = fs::path(git_repository_commondir(repo)) / "info";
    fs::path file = info / "exclude";
    std::string text = read_text(file);
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (line == ".gump/" || line == ".gump" || line == "/.gump/" || line == "/.gump") return;
    std::error_code ec;
    fs::create_directories(info, ec);
    std::ofstream out(file, std::ios::app);
    out << (text.empty() || text.back() == '\n' ? "" : "\n") << ".gump/\n";
    if (!out) fail("cannot write " + file.string() + "; check its permissions");
}

// What the repository's attributes ask of a checkout.
struct Attributes {
    std::map<std::string, std::string> filters; // filter driver -> the file that names it
    bool any = false; // some attributes file applies, so every file must be looked up in it
};

using Config = std::unique_ptr<git_config, Deleter<git_config, git_config_free>>;

std::string config_string(git_config* config, const char* key) {
    const char* value = nullptr;
    return git_config_get_string(&value, config, key) == 0 && value ? value : "";
}

// The global attributes file git reads: core.attributesFile, else the XDG default.
fs::path global_attributes(git_config* config) {
    std::string file = config_string(config, "core.attributesFile");
    const char* home = std::getenv("HOME");
    if (file.starts_with("~/") && home) file = home + file.substr(1);
    if (!file.empty()) return file;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        return fs::path(xdg) / "git" / "attributes";
    return home ? fs::path(home) / ".config" / "git" / "attributes" : fs::path();
}

// The attributes of HEAD's .gitattributes files, info/attributes and the global file.
Attributes read_attributes(git_repository* repo, git_tree* head, git_config* config) {
    Attributes attrs;
    auto scan = [&](const std::string& text, const std::string& where) {
        attrs.any = attrs.any || !text.empty();
        for (size_t at = text.find("filter="); at != std::string::npos;
             at = text.find("filter=", at + 7)) {
            if (at > 0 && !std::isspace(static_cast<unsigned char>(text[at - 1]))) continue;
            size_t end = text.find_first_of(" \t\r\n", at + 7);
            std::string name = text.substr(at + 7, end == std::string::npos ? end : end - at - 7);
            if (!name.empty()) attrs.filters.emplace(name, where);
        }
    };
    scan(read_text(fs::path(git_repository_commondir(repo)) / "info" / "attributes"),
         "info/attributes");
    fs::path global = global_attributes(config);
    if (!global.empty()) scan(read_text(global), global.string());
    using Scan = decltype(scan);
    struct Walk {
        git_repository* repo;
        Scan* scan_file;
    } walk{repo, &scan};
    git_tree_walk(
        head, GIT_TREEWALK_PRE,
        [](const char* root, const git_tree_entry* entry, void* payload) -> int {
            auto* w = static_cast<Walk*>(payload);
            if (std::string_view(git_tree_entry_name(entry)) != ".gitattributes") return 0;
            git_blob* blob = nullptr;
            if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(entry)) < 0) return 0;
            std::string text(static_cast<const char*>(git_blob_rawcontent(blob)),
                             git_blob_rawsize(blob));
            git_blob_free(blob);
            (*w->scan_file)(text.empty() ? "\n" : text, std::string(root) + ".gitattributes");
            return 0;
        },
        &walk);
    return attrs;
}

// libgit2 checks files out without running filter drivers (git-lfs and the like), so the run
// would see pointer files instead of the content: refuse and name the backend that runs them.
void refuse_filter_drivers(git_config* config, const Attributes& attrs) {
    for (const auto& [name, where] : attrs.filters)
        for (const char* key : {"smudge", "clean", "process"})
            if (!config_string(config, ("filter." + name + "." + key).c_str()).empty())
                fail("the repository uses the filter driver '" + name + "' (" + where +
                     "), which the git backend (libgit2) does not run, so the workspace would "
                     "hold unfiltered files; set `[workspace] backend = \"git-cli\"` in "
                     "gump.toml");
}

// Whether checking out may change a file's bytes (line endings, ident). When it cannot, libgit2
// is told so: it then skips an attribute lookup per file, which halves the time of a checkout.
bool checkout_converts(git_config* config, const Attributes& attrs) {
    std::string autocrlf = config_string(config, "core.autocrlf");
    return attrs.any || !(autocrlf.empty() || autocrlf == "false") ||
           !config_string(config, "core.eol").empty();
}

// Copies the user's uncommitted state of `paths` into the worktree (deleting what is gone).
void carry(const fs::path& from, const fs::path& to, const std::vector<std::string>& paths) {
    for (const auto& p : paths) {
        fs::path src = from / p, dst = to / p;
        std::error_code ec;
        auto st = fs::symlink_status(src, ec);
        if (ec || !fs::exists(st)) {
            fs::remove(dst, ec);
            continue;
        }
        fs::create_directories(dst.parent_path(), ec);
        fs::remove(dst, ec);
        if (fs::is_symlink(st))
            fs::copy_symlink(src, dst, ec);
        else if (fs::is_regular_file(st))
            fs::copy_file(src, dst, fs::copy_options::overwrite_existing, ec);
        if (ec)
            fail("cannot carry " + p + " into the workspace: " + ec.message() +
                 "; commit or stash it instead");
    }
}

std::optional<Worktree> find_worktree(git_repository* repo, const std::string& name) {
    git_worktree* raw = nullptr;
    if (git_worktree_lookup(&raw, repo, name.c_str()) < 0) return std::nullopt;
    return Worktree(raw);
}

} // namespace

json::object create_workspace(const json::object& request) {
    std::string repo_path = field(request, "repo");
    Names names = names_for(field(request, "run"));
    bool allow_dirty = false;
    if (const auto* a = request.if_contains("allow_dirty"); a && a->is_bool())
        allow_dirty = a->as_bool();

    Repo repo = open_repo(repo_path);
    if (git_repository_is_bare(repo.get()))
        fail(repo_path + " is a bare repository, which has no working tree to branch from; "
                         "run gump in a clone with a checkout");
    if (git_repository_head_unborn(repo.get()) == 1)
        fail(repo_path + " has no commits yet, so there is nothing to branch from; make a "
                         "first commit");
    fs::path workdir = git_repository_workdir(repo.get());
    fs::path target = workdir / ".gump" / "worktrees" / names.worktree;

    std::vector<std::string> dirty = dirty_paths(repo.get(), true);
    if (!dirty.empty() && !allow_dirty)
        fail(repo_path + " has uncommitted changes (" + short_list(dirty) +
             "); commit, stash, or pass --allow-dirty to carry them into the run");

    Commit head = resolve_commit(repo.get(), "HEAD");
    git_tree* raw_tree = nullptr;
    check(git_commit_tree(&raw_tree, head.get()), "cannot read HEAD's tree", "run `git fsck`");
    Tree head_tree(raw_tree);
    git_config* raw_config = nullptr;
    check(git_repository_config_snapshot(&raw_config, repo.get()),
          "cannot read the repository's configuration", "run `git config --list` to see why");
    Config config(raw_config);
    Attributes attrs = read_attributes(repo.get(), head_tree.get(), config.get());
    refuse_filter_drivers(config.get(), attrs);
    std::string base = oid_str(*git_commit_id(head.get()));
    if (find_branch(repo.get(), names.branch))
        fail("the branch " + names.branch +
             " already exists; remove that run with `gump gc` or choose another run id");
    if (fs::exists(target) || find_worktree(repo.get(), names.worktree))
        fail(target.string() +
             " already exists; remove that run with `gump gc` or choose another run id");

    exclude_gump_dir(repo.get());
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) fail("cannot create " + target.parent_path().string() + ": " + ec.message());

    git_reference* raw_ref = nullptr;
    check(git_branch_create(&raw_ref, repo.get(), names.branch.c_str(), head.get(), 0),
          "cannot create the branch " + names.branch, "check the repository's refs");
    Reference branch(raw_ref);
    git_worktree_add_options options = GIT_WORKTREE_ADD_OPTIONS_INIT;
    options.ref = branch.get();
    options.checkout_options.checkout_strategy = GIT_CHECKOUT_FORCE;
    options.checkout_options.disable_filters = checkout_converts(config.get(), attrs) ? 0 : 1;
    git_worktree* raw_wt = nullptr;
    if (git_worktree_add(&raw_wt, repo.get(), names.worktree.c_str(), target.c_str(), &options) <
        0) {
        std::string why = last_error();
        git_branch_delete(branch.get()); // leave nothing behind
        fs::remove_all(target, ec);
        fail("cannot create the worktree " + target.string() + ": " + why +
             "; run `git worktree prune` and try again");
    }
    Worktree wt(raw_wt);

    json::array carried;
    if (!dirty.empty()) {
        carry(workdir, target, dirty);
        Repo work = open_repo(target.string());
        commit_all(work.get(),
                   commit_message(request, "gump: carry the uncommitted changes into the run"), {});
        for (const auto& p : dirty)
            carried.emplace_back(p);
    }
    return {{"path", target.string()},
            {"branch", names.branch},
            {"base", base},
            {"carried", std::move(carried)}};
}

json::object remove_workspace(const json::object& request) {
    std::string repo_path = field(request, "repo");
    Names names = names_for(field(request, "run"));
    bool keep_branch = false;
    if (const auto* k = request.if_contains("keep_branch"); k && k->is_bool())
        keep_branch = k->as_bool();
    Repo repo = open_repo(repo_path);
    fs::path target =
        fs::path(git_repository_workdir(repo.get())) / ".gump" / "worktrees" / names.worktree;
    bool had_worktree = fs::exists(target);
    if (auto wt = find_worktree(repo.get(), names.worktree)) {
        had_worktree = true;
        git_worktree_prune_options options = GIT_WORKTREE_PRUNE_OPTIONS_INIT;
        options.flags =
            GIT_WORKTREE_PRUNE_VALID | GIT_WORKTREE_PRUNE_LOCKED | GIT_WORKTREE_PRUNE_WORKING_TREE;
        check(git_worktree_prune(wt->get(), &options),
              "cannot remove the worktree " + target.string(),
              "check that no process holds files in it");
    }
    std::error_code ec;
    fs::remove_all(target, ec); // what libgit2 did not know about (a half-made worktree)
    if (ec) fail("cannot remove " + target.string() + ": " + ec.message());
    bool had_branch = false;
    if (!keep_branch)
        if (auto branch = find_branch(repo.get(), names.branch)) {
            had_branch = true;
            check(git_branch_delete(branch->get()), "cannot delete the branch " + names.branch,
                  "delete it with `git branch -D " + names.branch + "`");
        }
    return {{"worktree", had_worktree}, {"branch", had_branch}};
}

json::object list_workspaces(const json::object& request) {
    Repo repo = open_repo(field(request, "repo"));
    fs::path root = fs::path(git_repository_workdir(repo.get())) / ".gump" / "worktrees";
    std::map<std::string, json::object> runs;
    auto entry = [&](const std::string& run) -> json::object& {
        json::object& e = runs[run];
        if (e.empty()) {
            fs::path path = root / ("run-" + run);
            e = {{"run", run},
                 {"path", path.string()},
                 {"branch", ""},
                 {"head", ""},
                 {"present", fs::exists(path)}};
        }
        return e;
    };

    StrArray names;
    check(git_worktree_list(&names.array, repo.get()), "cannot list the worktrees",
          "run `git worktree list` to see what is wrong");
    for (size_t i = 0; i < names.array.count; ++i) {
        std::string_view name = names.array.strings[i];
        if (name.starts_with("run-")) entry(std::string(name.substr(4)));
    }

    git_branch_iterator* raw_it = nullptr;
    check(git_branch_iterator_new(&raw_it, repo.get(), GIT_BRANCH_LOCAL), "cannot list branches",
          "run `git branch` to see what is wrong");
    std::unique_ptr<git_branch_iterator, Deleter<git_branch_iterator, git_branch_iterator_free>> it(
        raw_it);
    git_reference* raw_ref = nullptr;
    git_branch_t type;
    while (git_branch_next(&raw_ref, &type, it.get()) == 0) {
        Reference ref(raw_ref);
        std::string_view name = git_reference_shorthand(ref.get());
        if (!name.starts_with("gump/run-")) continue;
        json::object& e = entry(std::string(name.substr(9)));
        e["branch"] = name;
        if (const git_oid* target = git_reference_target(ref.get())) e["head"] = oid_str(*target);
    }

    json::array out;
    for (auto& [run, e] : runs)
        out.push_back(std::move(e));
    return {{"workspaces", std::move(out)}};
}

} // namespace gitvcs
