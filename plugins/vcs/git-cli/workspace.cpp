// create_workspace, remove_workspace, list_workspaces: one worktree and branch per run.
#include "ops.hpp"

#include "text.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace gitcli {

namespace {

fs::path worktree_root(const Repo& repo) {
    return fs::path(repo.top) / ".gump" / "worktrees";
}

// Appends `.gump/` to info/exclude unless a line already says so: the worktrees live there and
// must never show as untracked, yet the user's history must not change.
void exclude_gump_dir(const Repo& repo) {
    fs::path info = fs::path(repo.common_dir) / "info";
    fs::path file = info / "exclude";
    std::string text;
    {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        text = ss.str();
    }
    for (const auto& line : split_lines(text)) {
        std::string_view l = trim(line);
        if (l == ".gump/" || l == ".gump" || l == "/.gump/" || l == "/.gump") return;
    }
    std::error_code ec;
    fs::create_directories(info, ec);
    std::ofstream out(file, std::ios::app | std::ios::binary);
    out << (text.empty() || text.back() == '\n' ? "" : "\n") << ".gump/\n";
    out.close();
    if (!out) fail("cannot write " + file.string() + "; check its permissions");
}

// Copies the user's uncommitted state of `paths` into the worktree, deleting what the user
// deleted. Returns the paths carried: an untracked embedded repository ("dir/") is not, since
// snapshots leave it out anyway.
std::vector<std::string> carry(const fs::path& from, const fs::path& to,
                               const std::vector<std::string>& paths) {
    std::vector<std::string> carried;
    for (const auto& p : paths) {
        if (p.ends_with('/')) continue;
        fs::path src = from / p, dst = to / p;
        std::error_code ec;
        fs::file_status st = fs::symlink_status(src, ec);
        fs::remove(dst, ec);
        ec.clear();
        if (fs::exists(st)) {
            fs::create_directories(dst.parent_path(), ec);
            if (fs::is_symlink(st)) {
                fs::copy_symlink(src, dst, ec);
            } else if (fs::is_regular_file(st)) {
                fs::copy_file(src, dst, ec);
                // The executable bit is part of what git records.
                if (!ec) fs::permissions(dst, st.permissions(), ec);
            }
        }
        if (ec)
            fail("cannot carry " + p + " into the workspace (" + ec.message() +
                 "); commit or stash it instead");
        carried.push_back(p);
    }
    return carried;
}

// Takes back a half-made workspace: nothing may be left behind. Best effort, as it runs while
// another failure is on its way to the user.
void undo_create(const Git& git, const Repo& repo, const fs::path& target, const Names& names) {
    std::error_code ec;
    fs::remove_all(target, ec);
    try {
        git.run(repo.top, {"worktree", "remove", "--force", "--force", target.string()});
        git.run(repo.top, {"branch", "-D", "-q", names.branch});
    } catch (const std::exception&) {
    }
}

} // namespace

json::object create_workspace(const Git& git, const json::object& request) {
    std::string repo_path = field(request, "repo");
    Names names = names_for(field(request, "run"));
    bool allow_dirty = flag(request, "allow_dirty");

    Repo repo = open_repo(git, repo_path);
    std::optional<std::string> base = find_commit(git, repo.top, "HEAD");
    if (!base)
        fail(repo.top + " has no commits yet, so there is nothing to branch from; make a "
                        "first commit");
    std::vector<std::string> dirty = dirty_paths(git, repo.top, true);
    if (!dirty.empty() && !allow_dirty)
        fail(repo.top + " has uncommitted changes (" + short_list(dirty) +
             "); commit, stash, or pass --allow-dirty to carry them into the run");

    fs::path target = worktree_root(repo) / names.dir;
    if (find_commit(git, repo.top, names.ref()))
        fail("the branch " + names.branch +
             " already exists; remove that run with `gump gc` or choose another run id");
    bool recorded = false;
    for (const auto& record : worktree_records(git, repo.top))
        recorded = recorded || same_path(record.path, target.string());
    std::error_code ec;
    if (recorded || fs::exists(fs::symlink_status(target, ec)))
        fail(target.string() +
             " already exists; remove that run with `gump gc` or choose another run id");

    exclude_gump_dir(repo);
    fs::create_directories(target.parent_path(), ec);
    if (ec)
        fail("cannot create " + target.parent_path().string() + " (" + ec.message() +
             "); check the repository's permissions");

    git.check(repo.top, {"branch", "--no-track", names.branch, *base},
              "cannot create the branch " + names.branch,
              "check the repository's refs with `git for-each-ref refs/heads/gump/`");
    json::array carried;
    try {
        // The git program checks out the files, so filter drivers (git-lfs...) and the
        // post-checkout hook run as they would for the user.
        git.check(repo.top, {"worktree", "add", "--quiet", target.string(), names.branch},
                  "cannot create the worktree " + target.string(),
                  "run `git worktree prune` and try again");
        if (!dirty.empty()) {
            std::vector<std::string> moved = carry(repo.top, target, dirty);
            commit_all(git, target.string(),
                       commit_message(request, "gump: carry the uncommitted changes into the run"),
                       {});
            for (const auto& p : moved)
                carried.emplace_back(utf8(p));
        }
    } catch (...) {
        undo_create(git, repo, target, names);
        throw;
    }
    return {{"path", target.string()},
            {"branch", names.branch},
            {"base", *base},
            {"carried", std::move(carried)}};
}

json::object remove_workspace(const Git& git, const json::object& request) {
    std::string repo_path = field(request, "repo");
    Names names = names_for(field(request, "run"));
    bool keep_branch = flag(request, "keep_branch");

    Repo repo = open_repo(git, repo_path);
    fs::path target = worktree_root(repo) / names.dir;
    std::error_code ec;
    bool had_worktree = fs::exists(fs::symlink_status(target, ec));
    for (const auto& record : worktree_records(git, repo.top)) {
        // The run's worktree is found by its place or its branch (`git worktree move`), but the
        // user's own checkout is never removed, whatever it has checked out.
        if (!same_path(record.path, target.string()) && record.branch != names.ref()) continue;
        if (same_path(record.path, repo.top)) continue;
        had_worktree = true;
        // Forced twice: a locked worktree goes too. A missing directory is fine for git.
        Output removed =
            git.run(repo.top, {"worktree", "remove", "--force", "--force", record.path});
        if (!removed.ok()) {
            // git refuses some worktrees (one holding submodules): delete it, then its record.
            fs::remove_all(record.path, ec);
            git.check(repo.top, {"worktree", "prune"},
                      "cannot remove the worktree " + record.path + " (" + git_says(removed) + ")",
                      "check that no process holds files in it");
        }
    }
    fs::remove_all(target, ec); // what git did not know about (a half-made worktree)
    if (ec)
        fail("cannot remove " + target.string() + " (" + ec.message() +
             "); check that no process holds files in it");

    bool had_branch = false;
    if (!keep_branch && find_commit(git, repo.top, names.ref())) {
        had_branch = true;
        git.check(repo.top, {"branch", "-D", "-q", names.branch},
                  "cannot delete the branch " + names.branch,
                  "delete it with `git branch -D " + names.branch + "`");
    }
    return {{"worktree", had_worktree}, {"branch", had_branch}};
}

json::object list_workspaces(const Git& git, const json::object& request) {
    Repo repo = open_repo(git, field(request, "repo"));
    fs::path root = worktree_root(repo);
    const std::string run_prefix = "refs/heads/gump/run-";
    std::map<std::string, json::object> runs;
    auto entry = [&](const std::string& run) -> json::object& {
        json::object& e = runs[run];
        if (e.empty()) {
            fs::path path = root / ("run-" + run);
            std::error_code ec;
            e = {{"run", utf8(run)},
                 {"path", utf8(path.string())},
                 {"branch", ""},
                 {"head", ""},
                 {"present", fs::exists(path, ec)}};
        }
        return e;
    };

    for (const auto& record : worktree_records(git, repo.top)) {
        fs::path path(record.path);
        std::string name = path.filename().string();
        if (name.starts_with("run-") && same_path(path.parent_path().string(), root.string()))
            entry(name.substr(4));
        else if (record.branch.starts_with(run_prefix))
            entry(record.branch.substr(run_prefix.size()));
    }

    // Ref names hold no spaces or newlines, so one "<sha> <ref>" line per branch is safe.
    std::string refs = git.check(
        repo.top, {"for-each-ref", "--format=%(objectname) %(refname)", "refs/heads/gump/"},
        "cannot list the gump/ branches of " + repo.top,
        "run `git for-each-ref refs/heads/gump/` there to see what is wrong");
    for (const auto& line : split_lines(refs)) {
        size_t space = line.find(' ');
        if (space == std::string::npos) continue;
        std::string ref = line.substr(space + 1);
        if (!ref.starts_with(run_prefix)) continue;
        json::object& e = entry(ref.substr(run_prefix.size()));
        e["branch"] = utf8(ref.substr(std::string("refs/heads/").size()));
        e["head"] = line.substr(0, space);
    }

    json::array out;
    for (auto& [run, e] : runs)
        out.push_back(std::move(e));
    return {{"workspaces", std::move(out)}};
}

} // namespace gitcli
