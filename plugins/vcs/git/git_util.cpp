// The helpers every operation of the git backend shares.
#include "handles.hpp"

#include <filesystem>
#include <set>

namespace gitvcs {

namespace {

// libgit2 1.5 cannot read an index that git wrote with core.splitIndex or index.skipHash.
bool unreadable_index(const std::string& why) {
    return why.find("mandatory extension") != std::string::npos ||
           why.find("checksum does not match") != std::string::npos;
}

} // namespace

void ensure_init() {
    static const int once = git_libgit2_init();
    (void)once;
}

std::string last_error() {
    const git_error* e = git_error_last();
    return e && e->message ? std::string(e->message) : std::string("unknown libgit2 error");
}

void fail(const std::string& message) {
    throw gump::sdk::Error(GUMP_ERR_FAILED, message);
}

void check(int rc, std::string_view what, std::string_view fix) {
    if (rc >= 0) return;
    std::string message = std::string(what) + ": " + last_error();
    if (!fix.empty()) message += "; " + std::string(fix);
    fail(message);
}

std::string field(const json::object& request, const char* key) {
    const json::value* v = request.if_contains(key);
    if (!v || !v->is_string() || v->as_string().empty())
        throw gump::sdk::Error(GUMP_ERR_INVALID_ARGUMENT,
                               std::string("the request needs a non-empty string \"") + key +
                                   "\"; pass it");
    return std::string(v->as_string());
}

Repo open_repo(const std::string& path) {
    git_repository* raw = nullptr;
    int rc = git_repository_open_ext(&raw, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
    Repo repo(raw);
    // libgit2 1.5 reports a repository owned by someone else as a missing safe.directory value
    // when none is configured, and as GIT_EOWNER otherwise.
    if (rc == GIT_EOWNER ||
        (rc == GIT_ENOTFOUND && last_error().find("safe.directory") != std::string::npos))
        fail("cannot open " + path +
             ": the repository is not owned by you; if you trust it, run `git config --global "
             "--add safe.directory " +
             path + "`");
    check(rc, "cannot open the git repository at " + path,
          "pass the top directory of a git repository");
    return repo;
}

Index open_index(git_repository* repo, bool rebuildable) {
    git_index* raw = nullptr;
    int rc = git_repository_index(&raw, repo);
    Index index(raw);
    if (rc >= 0) {
        rc = git_index_read(index.get(), 1);
        if (rc >= 0) return index;
    }
    std::string why = last_error();
    if (!unreadable_index(why))
        check(rc, "cannot read the index of " + std::string(git_repository_workdir(repo)),
              "run `git status` there to see what is wrong");
    if (!rebuildable)
        fail("cannot read the index of " + std::string(git_repository_workdir(repo)) + " (" + why +
             "): it was written with core.splitIndex or index.skipHash, which libgit2 cannot "
             "read; run `git update-index --no-split-index` after `git config core.splitIndex "
             "false` and `git config index.skipHash false`, or set `[workspace] backend = "
             "\"git-cli\"` in gump.toml");
    // Start again from HEAD's tree: the snapshot adds everything on top of it.
    std::filesystem::remove(std::filesystem::path(git_repository_path(repo)) / "index");
    raw = nullptr;
    check(git_repository_index(&raw, repo), "cannot make a fresh index",
          "check that the disk is writable");
    index.reset(raw);
    Tree head;
    git_object* obj = nullptr;
    if (git_revparse_single(&obj, repo, "HEAD^{tree}") == 0) {
        head.reset(reinterpret_cast<git_tree*>(obj));
        check(git_index_read_tree(index.get(), head.get()), "cannot rebuild the index",
              "run `git fsck` in the workspace");
    }
    return index;
}

std::vector<std::string> dirty_paths(git_repository* repo, bool untracked) {
    Index index = open_index(repo, false); // fails with the way out when libgit2 cannot read it
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    if (untracked)
        options.flags |= GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
    git_status_list* raw = nullptr;
    check(git_status_list_new(&raw, repo, &options), "cannot read the repository's status",
          "run `git status` to see what is wrong");
    StatusList list(raw);
    std::set<std::string> seen;
    std::vector<std::string> paths;
    auto add = [&](const git_diff_delta* d) {
        if (!d) return;
        for (const char* p : {d->old_file.path, d->new_file.path})
            if (p && !is_gump_path(p) && seen.insert(p).second) paths.emplace_back(p);
    };
    for (size_t i = 0, n = git_status_list_entrycount(list.get()); i < n; ++i) {
        const git_status_entry* e = git_status_byindex(list.get(), i);
        if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED)) continue;
        add(e->head_to_index);
        add(e->index_to_workdir);
    }
    return paths;
}

std::string short_list(const std::vector<std::string>& paths, size_t shown) {
    std::string list;
    for (size_t i = 0; i < paths.size() && i < shown; ++i)
        list += (i ? ", " : "") + paths[i];
    if (paths.size() > shown) list += " and " + std::to_string(paths.size() - shown) + " more";
    return list;
}

std::string commit_message(const json::object& request, const std::string& fallback) {
    std::string message = fallback;
    if (const auto* m = request.if_contains("message");
        m && m->is_string() && !m->as_string().empty())
        message = std::string(m->as_string());
    while (!message.empty() && message.back() == '\n')
        message.pop_back();
    std::string lines;
    if (const auto* trailers = request.if_contains("trailers"); trailers && trailers->is_object())
        for (const auto& [key, value] : trailers->as_object())
            lines += std::string(key) + ": " +
                     (value.is_string() ? std::string(value.as_string()) : json::serialize(value)) +
                     "\n";
    return lines.empty() ? message + "\n" : message + "\n\n" + lines;
}

Commit resolve_commit(git_repository* repo, const std::string& spec) {
    git_object* raw = nullptr;
    check(git_revparse_single(&raw, repo, (spec + "^{commit}").c_str()),
          "cannot find the commit '" + spec + "'", "pass a commit that exists in the workspace");
    return Commit(reinterpret_cast<git_commit*>(raw));
}

std::string oid_str(const git_oid& oid) {
    char text[GIT_OID_HEXSZ + 1];
    git_oid_tostr(text, sizeof text, &oid);
    return text;
}

bool is_gump_path(std::string_view path) {
    return path == ".gump" || path.starts_with(".gump/");
}

} // namespace gitvcs
