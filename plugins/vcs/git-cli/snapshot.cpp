// snapshot (stage everything, commit) and reset (restore an earlier snapshot's tree).
#include "ops.hpp"

#include "text.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace gitcli {

namespace {

// The request's exclude paths, relative to the worktree with '/' separators and no trailing
// slash; paths outside the worktree are dropped (git would refuse them as pathspecs).
std::vector<std::string> exclude_paths(const json::object& request, const std::string& top) {
    std::vector<std::string> paths;
    for (const auto& entry : string_list(request, "exclude")) {
        fs::path p(entry);
        p = p.is_absolute() ? p.lexically_relative(top) : p.lexically_normal();
        std::string s = p.generic_string();
        while (s.size() > 1 && s.back() == '/')
            s.pop_back();
        if (s.empty() || s == "." || s == ".." || s.starts_with("../")) continue;
        paths.push_back(std::move(s));
    }
    return paths;
}

// "dir/" as git lists an untracked directory, without the slash.
std::string without_slash(std::string path) {
    while (!path.empty() && path.back() == '/')
        path.pop_back();
    return path;
}

} // namespace

std::vector<std::string> stage_all(const Git& git, const std::string& workspace,
                                   const std::vector<std::string>& exclude, const Env& env) {
    const std::string what = "cannot list the untracked files of " + workspace;
    const std::string fix = "run `git status` there to see what is wrong";
    std::vector<std::string> skipped;
    std::vector<std::string> left_out{".gump"};

    // git lists an untracked directory holding its own .git as "dir/" without looking inside;
    // `git add` would record it as a gitlink without a .gitmodules entry, so it stays out.
    for (auto& path : split_nul(git.check(
             workspace, {"ls-files", "-z", "--others", "--exclude-standard"}, what, fix, env)))
        if (path.ends_with('/')) {
            path = without_slash(std::move(path));
            if (is_gump_path(path)) continue;
            skipped.push_back(path);
            left_out.push_back(std::move(path));
        }

    // Only what git does not track yet is left out; tracked files under an excluded path are
    // recorded as usual. --directory keeps an untracked directory as one entry.
    if (!exclude.empty()) {
        std::vector<std::string> args{"ls-files",           "-z",          "--others",
                                      "--exclude-standard", "--directory", "--"};
        for (const auto& e : exclude)
            args.push_back(":(literal)" + e);
        for (auto& path : split_nul(git.check(workspace, args, what, fix, env)))
            left_out.push_back(without_slash(std::move(path)));
    }

    // The pathspecs go through a file: there may be many, and any byte may be in a path.
    std::string pathspecs = std::string(".") + '\0';
    for (const auto& path : left_out)
        pathspecs += ":(exclude,literal)" + path + '\0';
    ScratchFile list = git.scratch(pathspecs);
    std::vector<std::string> add{"add", "-A", "--pathspec-from-file=" + list.path(),
                                 "--pathspec-file-nul"};
    // A private index (changed_files with worktree) is written whole, so that it never adds
    // shared index files to the worktree's git directory.
    if (env.contains("GIT_INDEX_FILE")) add.insert(add.begin(), {"-c", "core.splitIndex=false"});
    git.check(workspace, add, "cannot stage the files of " + workspace,
              "check that they are readable and the disk is not full", env);
    return skipped;
}

SnapshotResult commit_all(const Git& git, const std::string& workspace, const std::string& message,
                          const std::vector<std::string>& exclude) {
    SnapshotResult result;
    result.skipped = stage_all(git, workspace, exclude);
    std::string tree(trim(git.check(workspace, {"write-tree"},
                                    "cannot write the snapshot's tree in " + workspace,
                                    "check that the disk is not full")));
    std::string head = resolve_commit(git, workspace, "HEAD");
    if (tree == tree_of(git, workspace, head)) return result;
    result.commit = commit_tree(git, workspace, tree, head, message);
    result.files = changed_paths(git, workspace, head, result.commit);
    return result;
}

json::object snapshot(const Git& git, const json::object& request) {
    Repo ws = open_repo(git, field(request, "workspace"));
    SnapshotResult made = commit_all(git, ws.top, commit_message(request, "gump: snapshot"),
                                     exclude_paths(request, ws.top));
    json::array files, skipped;
    for (const auto& f : made.files)
        files.emplace_back(utf8(f));
    for (const auto& s : made.skipped)
        skipped.emplace_back(utf8(s));
    return {{"commit", made.commit.empty() ? json::value(nullptr) : json::value(made.commit)},
            {"files", std::move(files)},
            {"skipped", std::move(skipped)}};
}

json::object reset(const Git& git, const json::object& request) {
    Repo ws = open_repo(git, field(request, "workspace"));
    std::string spec = field(request, "commit");
    std::string target = resolve_commit(git, ws.top, spec);

    // read-tree, not `git reset --hard`, which would move the branch: every attempt stays in
    // its history. --reset -u makes the index and the tracked files equal to the target,
    // overwriting what stands in the way.
    git.check(ws.top, {"read-tree", "--reset", "-u", target},
              "cannot restore " + ws.top + " to " + spec,
              "check that no other process holds its files");
    // Untracked files go, ignored ones stay (no -x), and so does gump's own directory.
    // Embedded repositories stay too: git clean removes them only when forced twice.
    git.check(ws.top, {"clean", "-f", "-d", "-q", "-e", "/.gump/"},
              "cannot remove the untracked files of " + ws.top,
              "check that no other process holds them");

    std::string head = resolve_commit(git, ws.top, "HEAD");
    std::string tree = tree_of(git, ws.top, target);
    if (tree == tree_of(git, ws.top, head)) return {{"commit", nullptr}};
    std::string message = commit_message(request, "gump: reset to " + target.substr(0, 12));
    return {{"commit", commit_tree(git, ws.top, tree, head, message)}};
}

} // namespace gitcli
