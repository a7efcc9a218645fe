// changed_files and diff: what differs between two commits, or a commit and the working tree,
// with renames detected as git's CLI does.
#include "ops.hpp"

#include "text.hpp"

#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace gitcli {

namespace {

struct Change {
    std::string path;
    std::string old_path; // renames only
    std::string status;
    long long added = 0;
    long long removed = 0;
    bool binary = false;
    bool counted = false;
};

// The options both comparisons share: raw entries (statuses, modes, shas) then numstat entries
// (line counts), NUL-separated so that any byte may be in a path.
const std::vector<std::string> compare_options{"-M", "-z", "--raw", "--numstat", "--no-abbrev"};

const char* status_name(char code, const std::string& old_mode, const std::string& new_mode,
                        const std::string& old_sha, const std::string& new_sha) {
    switch (code) {
    case 'A':
    case 'C':
        return "added";
    case 'D':
        return "deleted";
    case 'R':
        return "renamed";
    case 'T':
        return "typechange";
    default:
        return old_sha == new_sha && old_mode != new_mode ? "mode" : "modified";
    }
}

long long count(const std::string& text) {
    try {
        return std::stoll(text);
    } catch (const std::exception&) {
        return 0;
    }
}

// Reads `--raw --numstat -z`: every raw entry first (":<modes> <shas> <status>", then one path,
// or two for a rename), then every numstat entry ("<added>\t<removed>\t<path>", or
// "<added>\t<removed>\t" then the two paths of a rename) in the same order.
std::vector<Change> parse_changes(const std::string& out) {
    std::vector<std::string> fields = split_nul(out);
    std::vector<Change> changes;
    size_t i = 0;
    while (i < fields.size() && fields[i].starts_with(":")) {
        std::istringstream header(fields[i++].substr(1));
        std::string old_mode, new_mode, old_sha, new_sha, status;
        header >> old_mode >> new_mode >> old_sha >> new_sha >> status;
        char code = status.empty() ? 'M' : status[0];
        Change change;
        if ((code == 'R' || code == 'C') && i + 1 < fields.size()) {
            change.old_path = fields[i++];
            change.path = fields[i++];
            if (code == 'C') change.old_path.clear(); // a copy is a new file
        } else if (i < fields.size()) {
            change.path = fields[i++];
        }
        change.status = status_name(code, old_mode, new_mode, old_sha, new_sha);
        changes.push_back(std::move(change));
    }
    size_t next = 0; // numstat follows the raw order; the search only guards against surprises
    while (i < fields.size()) {
        const std::string& entry = fields[i++];
        size_t tab1 = entry.find('\t');
        size_t tab2 = tab1 == std::string::npos ? tab1 : entry.find('\t', tab1 + 1);
        if (tab2 == std::string::npos) continue;
        std::string added = entry.substr(0, tab1);
        std::string removed = entry.substr(tab1 + 1, tab2 - tab1 - 1);
        std::string path = entry.substr(tab2 + 1);
        if (path.empty() && i + 1 < fields.size()) { // a rename: old path, then new path
            path = fields[i + 1];
            i += 2;
        }
        for (size_t k = 0; k < changes.size(); ++k) {
            Change& change = changes[(next + k) % changes.size()];
            if (change.counted || change.path != path) continue;
            change.counted = true;
            change.binary = added == "-" && removed == "-";
            change.added = change.binary ? 0 : count(added);
            change.removed = change.binary ? 0 : count(removed);
            next = (next + k + 1) % changes.size();
            break;
        }
    }
    return changes;
}

json::array to_json(const std::vector<Change>& changes) {
    json::array files;
    for (const auto& change : changes) {
        json::object file{{"path", utf8(change.path)}};
        if (!change.old_path.empty()) file["old_path"] = utf8(change.old_path);
        file["status"] = change.status;
        file["added"] = change.added;
        file["removed"] = change.removed;
        if (change.binary) file["binary"] = true;
        files.push_back(std::move(file));
    }
    return files;
}

// `from` against the working tree, untracked files included, ignored ones not. Everything is
// staged into a copy of the worktree's index, so git compares real blobs and detects renames
// between deleted and untracked files, while the worktree's own index stays untouched.
std::string worktree_changes(const Git& git, const Repo& ws, const std::string& from) {
    ScratchFile index = git.scratch_path("index");
    std::error_code ec;
    // The copy keeps the cached file stats, so only changed files are hashed again; without
    // an index git starts from an empty one and hashes everything, which is still right.
    fs::copy_file(fs::path(ws.git_dir) / "index", index.path(), ec);
    Env env{{"GIT_INDEX_FILE", index.path()}};
    stage_all(git, ws.top, {}, env);
    std::vector<std::string> args{"diff-index", "--cached"};
    args.insert(args.end(), compare_options.begin(), compare_options.end());
    args.push_back(from);
    return git.check(ws.top, args, "cannot compare " + ws.top + " with " + from,
                     "run `git status` there to see what is wrong", env);
}

std::string commit_changes(const Git& git, const Repo& ws, const std::string& from,
                           const std::string& to) {
    std::vector<std::string> args{"diff-tree", "-r"};
    args.insert(args.end(), compare_options.begin(), compare_options.end());
    args.push_back(from);
    args.push_back(to);
    return git.check(ws.top, args, "cannot compare " + from + " with " + to,
                     "run `git fsck` in " + ws.top);
}

json::object compare(const Git& git, const json::object& request, bool with_patch) {
    Repo ws = open_repo(git, field(request, "workspace"));
    std::string from = resolve_commit(git, ws.top, field(request, "from"));
    // diff has no worktree form: its patch is `git diff -M from to`.
    if (!with_patch && flag(request, "worktree"))
        return {{"files", to_json(parse_changes(worktree_changes(git, ws, from)))}};
    std::string to = resolve_commit(git, ws.top, optional_field(request, "to", "HEAD"));
    json::object result{{"files", to_json(parse_changes(commit_changes(git, ws, from, to)))}};
    if (with_patch)
        // The plumbing form reads no diff.* preferences (prefixes, colour, external tools),
        // so the patch is what plain `git diff -M` prints and `git apply` reads.
        result["patch"] = utf8(git.check(ws.top, {"diff-tree", "-r", "-p", "-M", from, to},
                                         "cannot make the patch from " + from + " to " + to,
                                         "run `git fsck` in " + ws.top));
    return result;
}

} // namespace

std::vector<std::string> changed_paths(const Git& git, const std::string& cwd,
                                       const std::string& from, const std::string& to) {
    // Without rename detection a rename is a deletion and an addition: both sides, as wanted.
    return split_nul(git.check(cwd, {"diff-tree", "-r", "-z", "--name-only", from, to},
                               "cannot list the paths changed from " + from + " to " + to,
                               "run `git fsck` in " + cwd));
}

json::object changed_files(const Git& git, const json::object& request) {
    return compare(git, request, false);
}

json::object diff(const Git& git, const json::object& request) {
    return compare(git, request, true);
}

} // namespace gitcli
