// RAII handles around libgit2 objects, and the helpers every operation shares.
#pragma once

#include <git2.h>
#include <gump/sdk.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gitvcs {

namespace json = boost::json;

template <class T, void (*Free)(T*)> struct Deleter {
    void operator()(T* p) const noexcept {
        if (p) Free(p);
    }
};
template <class T, void (*Free)(T*)> using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using Repo = Handle<git_repository, git_repository_free>;
using Reference = Handle<git_reference, git_reference_free>;
using Commit = Handle<git_commit, git_commit_free>;
using Tree = Handle<git_tree, git_tree_free>;
using Index = Handle<git_index, git_index_free>;
using Object = Handle<git_object, git_object_free>;
using Signature = Handle<git_signature, git_signature_free>;
using Worktree = Handle<git_worktree, git_worktree_free>;
using Diff = Handle<git_diff, git_diff_free>;
using Patch = Handle<git_patch, git_patch_free>;
using StatusList = Handle<git_status_list, git_status_list_free>;

struct Buf {
    git_buf buf = GIT_BUF_INIT;
    Buf() = default;
    Buf(const Buf&) = delete;
    Buf& operator=(const Buf&) = delete;
    ~Buf() { git_buf_dispose(&buf); }
    std::string str() const { return buf.ptr ? std::string(buf.ptr, buf.size) : std::string(); }
};

struct StrArray {
    git_strarray array{};
    StrArray() = default;
    StrArray(const StrArray&) = delete;
    StrArray& operator=(const StrArray&) = delete;
    ~StrArray() { git_strarray_dispose(&array); }
};

// git_libgit2_init, once per process (refcounted by libgit2; never shut down).
void ensure_init();

// The last libgit2 error message, or a fallback.
std::string last_error();

// Throws GUMP_ERR_FAILED "<what>: <libgit2 message>; <fix>" when rc < 0.
void check(int rc, std::string_view what, std::string_view fix);

[[noreturn]] void fail(const std::string& message);

// A required string field of the request (GUMP_ERR_INVALID_ARGUMENT when missing).
std::string field(const json::object& request, const char* key);

// Opens exactly the repository (or worktree) at `path`, without searching parents.
Repo open_repo(const std::string& path);

// The repository's index. An index libgit2 1.5 cannot read (core.splitIndex, index.skipHash) is
// refused with the way out, unless `rebuildable`: a snapshot adds everything anyway, so it may
// start again from HEAD's tree.
Index open_index(git_repository* repo, bool rebuildable);

// The paths with uncommitted changes, `.gump/` aside; `untracked` adds untracked files.
std::vector<std::string> dirty_paths(git_repository* repo, bool untracked);

// `request.message` (or `fallback`), a blank line, then one "Key: value" line per trailer.
std::string commit_message(const json::object& request, const std::string& fallback);

// "a, b, c and 4 more": a short list for one-sentence messages.
std::string short_list(const std::vector<std::string>& paths, size_t shown = 5);

// The commit `spec` names in `repo` (a sha, "HEAD", a branch...).
Commit resolve_commit(git_repository* repo, const std::string& spec);

std::string oid_str(const git_oid& oid);

// True for `.gump` and everything under it.
bool is_gump_path(std::string_view path);

} // namespace gitvcs
