#include "file_ops.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace replay {

namespace fs = std::filesystem;

namespace {

std::string fix_hint(const FileOp& op) {
    return "; fix the [[step." + std::string(op_name(op.kind)) + "]] of the entry at " + op.where;
}

size_t count_occurrences(const std::string& text, const std::string& find) {
    // Overlapping matches count too: "aa" in "aaa" is ambiguous, so it is not "exactly once".
    size_t count = 0;
    for (size_t at = text.find(find); at != std::string::npos; at = text.find(find, at + 1))
        ++count;
    return count;
}

// A symbolic link inside the worktree could still lead out of it; the lexical check cannot
// see that, so compare the real directory the file would land in.
bool stays_inside(const fs::path& worktree, const fs::path& target) {
    std::error_code ec;
    fs::path root = fs::weakly_canonical(worktree, ec);
    if (ec) return false;
    fs::path dir = fs::weakly_canonical(target.parent_path(), ec);
    if (ec) return false;
    auto [end, _] = std::mismatch(root.begin(), root.end(), dir.begin(), dir.end());
    return end == root.end();
}

std::optional<std::string> write_file(const fs::path& target, const std::string& content) {
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) return "could not be written";
    return std::nullopt;
}

std::optional<std::string> edit_file(const fs::path& target, const FileOp& op) {
    std::ifstream in(target, std::ios::binary);
    if (!in) return "failed: the file does not exist";
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    size_t count = count_occurrences(text, op.find);
    if (count != 1)
        return "failed: its find text occurs " + std::to_string(count) +
               " times in the file, and must occur exactly once";
    text.replace(text.find(op.find), op.find.size(), op.replace);
    if (auto problem = write_file(target, text)) return "failed: the file " + *problem;
    return std::nullopt;
}

std::optional<std::string> delete_file(const fs::path& target) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(target, ec))) return "failed: the file does not exist";
    if (fs::is_directory(fs::symlink_status(target, ec)))
        return "failed: it is a directory, and delete removes files only";
    if (!fs::remove(target, ec) || ec) return "failed: " + ec.message();
    return std::nullopt;
}

} // namespace

const char* op_name(OpKind kind) {
    switch (kind) {
    case OpKind::write:
        return "write";
    case OpKind::edit:
        return "edit";
    case OpKind::remove:
        return "delete";
    }
    return "write";
}

std::string path_problem(std::string_view path) {
    if (path.empty()) return "is empty";
    if (path.front() == '/') return "is absolute";
    if (path.find('\0') != std::string_view::npos) return "holds a NUL character";
    bool names_something = false;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        std::string_view segment = path.substr(start, end - start);
        if (segment == "..") return "leads out of the worktree with \"..\"";
        if (!segment.empty() && segment != ".") names_something = true;
        start = end + 1;
    }
    if (!names_something) return "names the worktree itself, not a file in it";
    return "";
}

std::optional<std::string> apply_op(const std::string& worktree, const FileOp& op) {
    std::string what = std::string(op_name(op.kind)) + " of " + op.path + " ";
    if (std::string problem = path_problem(op.path); !problem.empty())
        return what + "refused: the path " + problem + fix_hint(op);
    fs::path target = (fs::path(worktree) / op.path).lexically_normal();
    if (!stays_inside(worktree, target))
        return what + "refused: it leads out of the worktree through a symbolic link" +
               fix_hint(op);
    std::optional<std::string> problem;
    switch (op.kind) {
    case OpKind::write:
        if (auto p = write_file(target, op.content)) problem = "failed: the file " + *p;
        break;
    case OpKind::edit:
        problem = edit_file(target, op);
        break;
    case OpKind::remove:
        problem = delete_file(target);
        break;
    }
    if (problem) return what + *problem + fix_hint(op);
    return std::nullopt;
}

} // namespace replay
