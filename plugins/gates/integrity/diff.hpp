#pragma once
// Reading git's output: `git diff --name-status -z -M` and `git diff -U0`.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace integrity {

struct Change {
    char status = 'M';    // A added, M modified, D deleted, R renamed, C copied, T type changed
    std::string old_path; // at base (equal to path unless renamed or copied)
    std::string path;     // at head (for D: the deleted path)
};

// The entries of `git diff --name-status -z -M base head`: "M\0path\0", "R087\0old\0new\0".
std::vector<Change> parse_name_status(std::string_view z_output);

struct AddedLine {
    size_t line = 0; // 1-based, in the file at head
    std::string text;
};

struct FileDiff {
    std::string old_path; // at base ("" for a new file)
    std::string path;     // at head ("" for a deleted file)
    std::vector<AddedLine> added;
    std::vector<std::string> removed;
};

// The files of a unified diff (`git diff -U0 --src-prefix=a/ --dst-prefix=b/`), with their added
// lines (and where they are at head) and removed lines. Hunks are read by their line counts, so an
// added line that itself starts with "++" is never taken for a header.
std::vector<FileDiff> parse_unified_diff(std::string_view text);

// A path as git prints it in a diff header: C-quoted ("a/q\"t.py", octal escapes) or not, without
// the tab git adds after a path with a blank in it.
std::string header_path(std::string_view text);

} // namespace integrity
