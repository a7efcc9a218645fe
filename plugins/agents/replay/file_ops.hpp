#pragma once
// The file changes a script makes in the worktree: write, edit (one exact replacement), delete.
#include <optional>
#include <string>
#include <string_view>

namespace replay {

enum class OpKind { write, edit, remove };

struct FileOp {
    OpKind kind = OpKind::write;
    std::string path;    // relative to the worktree, checked by path_problem
    std::string content; // write
    std::string find;    // edit: must occur exactly once
    std::string replace; // edit
    std::string where;   // "<script>:<line>:<col>" of the entry, for messages
};

// "write", "edit" or "delete": the tool name and the file_change action.
const char* op_name(OpKind kind);

// Why `path` may not name a file of the worktree ("is absolute", ...), or "" when it may.
// Lexical only: a script must never reach outside the worktree, whatever exists on disk.
std::string path_problem(std::string_view path);

// Performs `op` in `worktree`. Returns the failure message (class "agent") when it cannot: the
// file to edit or delete is missing, `find` does not occur exactly once, the disk refuses.
std::optional<std::string> apply_op(const std::string& worktree, const FileOp& op);

} // namespace replay
