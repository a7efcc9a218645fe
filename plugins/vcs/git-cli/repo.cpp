// What several operations ask of a repository.
#include "repo.hpp"

#include "text.hpp"

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace gitcli {

namespace {

bool env_set(const char* name) {
    const char* value = std::getenv(name);
    return value && *value;
}

} // namespace

Repo open_repo(const Git& git, const std::string& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec))
        fail(path + " is not a directory; pass the top directory of a git repository");
    Output o = git.run(path, {"rev-parse", "--path-format=absolute", "--is-bare-repository",
                              "--git-dir", "--git-common-dir", "--show-toplevel"});
    std::vector<std::string> lines = split_lines(o.out);
    if (!lines.empty() && lines[0] == "true")
        fail(path + " is a bare repository, which has no working tree to branch from; run "
                    "gump in a clone with a checkout");
    if (!o.ok()) {
        std::string said = git_says(o);
        if (said.find("safe.directory") != std::string::npos ||
            said.find("dubious ownership") != std::string::npos)
            fail("cannot open " + path +
                 ": the repository is owned by someone else, so git refuses it; if you trust "
                 "it, run `git config --global --add safe.directory " +
                 path + "`");
        fail("cannot open the git repository at " + path + " (" + said +
             "); pass the top directory of a git repository");
    }
    if (lines.size() < 4)
        fail("git rev-parse gave an unexpected answer in " + path +
             "; run `git rev-parse --show-toplevel` there to see what is wrong");
    if (!same_path(lines[3], path))
        fail(path + " is not the top directory of its git repository (" + lines[3] +
             " is); pass that directory");
    std::string top = fs::path(path).lexically_normal().string();
    while (top.size() > 1 && top.back() == '/')
        top.pop_back();
    return {top, lines[1], lines[2]};
}

std::optional<std::string> find_commit(const Git& git, const std::string& cwd,
                                       const std::string& spec) {
    Output o =
        git.run(cwd, {"rev-parse", "--verify", "-q", "--end-of-options", spec + "^{commit}"});
    std::string sha(trim(o.out));
    if (!o.ok() || sha.empty()) return std::nullopt;
    return sha;
}

std::string resolve_commit(const Git& git, const std::string& cwd, const std::string& spec) {
    if (auto sha = find_commit(git, cwd, spec)) return *sha;
    fail("cannot find the commit '" + spec + "' in " + cwd + "; pass a commit that exists there");
}

std::string tree_of(const Git& git, const std::string& cwd, const std::string& commit) {
    return std::string(
        trim(git.check(cwd, {"rev-parse", "--verify", commit + "^{tree}"},
                       "cannot read the tree of " + commit, "run `git fsck` in " + cwd)));
}

std::vector<std::string> dirty_paths(const Git& git, const std::string& cwd, bool untracked) {
    // Submodules are left out: a run's worktree does not check them out, so their state could
    // not be carried anyway.
    std::string out = git.check(
        cwd,
        {"status", "--porcelain=v1", "-z", "--no-renames", "--ignore-submodules=all",
         untracked ? "--untracked-files=all" : "--untracked-files=no"},
        "cannot read the status of " + cwd, "run `git status` there to see what is wrong");
    std::vector<std::string> fields = split_nul(out);
    std::vector<std::string> paths;
    auto add = [&](std::string path) {
        if (!path.empty() && !is_gump_path(path)) paths.push_back(std::move(path));
    };
    for (size_t i = 0; i < fields.size(); ++i) {
        const std::string& entry = fields[i];
        if (entry.size() < 4) continue;
        add(entry.substr(3));
        // A rename or copy (should the configuration bring them back) carries its source next.
        if ((entry[0] == 'R' || entry[0] == 'C') && i + 1 < fields.size()) add(fields[++i]);
    }
    return paths;
}

bool has_identity(const Git& git, const std::string& cwd) {
    bool name = env_set("GIT_AUTHOR_NAME") && env_set("GIT_COMMITTER_NAME");
    bool email = env_set("GIT_AUTHOR_EMAIL") && env_set("GIT_COMMITTER_EMAIL");
    // Exit 1 when neither is set: a normal answer.
    Output o = git.run(cwd, {"config", "--get-regexp", "^user\\.(name|email)$"});
    for (const auto& line : split_lines(o.out)) {
        size_t space = line.find(' ');
        if (space == std::string::npos || trim(line.substr(space + 1)).empty()) continue;
        std::string key = line.substr(0, space);
        if (key == "user.name") name = true;
        if (key == "user.email") email = true;
    }
    return name && email;
}

std::string commit_tree(const Git& git, const std::string& cwd, const std::string& tree,
                        const std::string& parent, const std::string& message) {
    Env env;
    if (!has_identity(git, cwd))
        env = {{"GIT_AUTHOR_NAME", "gump"},
               {"GIT_AUTHOR_EMAIL", "gump@localhost"},
               {"GIT_COMMITTER_NAME", "gump"},
               {"GIT_COMMITTER_EMAIL", "gump@localhost"}};
    ScratchFile message_file = git.scratch(message);
    // commit-tree records exactly this tree and message; `git commit` would run the user's
    // hooks (and --no-verify still runs prepare-commit-msg and post-commit) on gump's commits.
    std::string sha(trim(git.check(cwd,
                                   {"-c", "commit.gpgSign=false", "commit-tree", tree, "-p", parent,
                                    "-F", message_file.path()},
                                   "cannot commit in " + cwd, "run `git fsck` there", env)));
    std::string subject = message.substr(0, message.find('\n'));
    // The expected old value makes a concurrent move of the branch fail instead of being lost.
    git.check(cwd, {"update-ref", "-m", "gump: " + subject, "HEAD", sha, parent},
              "cannot move the workspace's branch to the new commit",
              "check that nothing else commits in " + cwd);
    return sha;
}

std::vector<WorktreeRecord> worktree_records(const Git& git, const std::string& cwd) {
    std::string out = git.check(cwd, {"worktree", "list", "--porcelain", "-z"},
                                "cannot list the worktrees of " + cwd,
                                "run `git worktree list` there to see what is wrong");
    std::vector<WorktreeRecord> records;
    bool open = false;
    for (const auto& field : split_nul(out)) {
        if (field.empty()) {
            open = false;
            continue;
        }
        if (field.starts_with("worktree ")) {
            records.push_back({field.substr(9), "", ""});
            open = true;
        } else if (open && field.starts_with("HEAD ")) {
            records.back().head = field.substr(5);
        } else if (open && field.starts_with("branch ")) {
            records.back().branch = field.substr(7);
        }
    }
    return records;
}

bool same_path(const std::string& a, const std::string& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) {
        bool same = fs::equivalent(a, b, ec);
        if (!ec) return same;
    }
    auto normal = [](const std::string& p) {
        std::error_code ec;
        std::string s = fs::weakly_canonical(p, ec).string();
        if (ec) s = fs::path(p).lexically_normal().string();
        while (s.size() > 1 && s.back() == '/')
            s.pop_back();
        return s;
    };
    return normal(a) == normal(b);
}

} // namespace gitcli
