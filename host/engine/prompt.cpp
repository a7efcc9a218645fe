#include "engine/prompt.hpp"

#include "core/text.hpp"
#include "workflow/template.hpp"

#include <algorithm>

namespace gump::engine {

namespace {

constexpr size_t error_limit = 12 * 1024;
constexpr size_t diff_limit = 16 * 1024;

std::optional<std::string> item_field(const PromptInputs& in, std::string_view field) {
    if (!in.item) return std::nullopt;
    if (field == "name") return in.item->name;
    if (field == "description") return in.item->description;
    if (field == "files") return join(in.item->files, "\n");
    if (field == "index") return std::to_string(in.item_index);
    return std::nullopt;
}

} // namespace

std::string trim_middle(const std::string& text, size_t limit) {
    if (text.size() <= limit) return text;
    size_t head_end = text.rfind('\n', limit / 2);
    if (head_end == std::string::npos || head_end < limit / 4) head_end = limit / 2;
    size_t tail_start = text.find('\n', text.size() - limit / 2);
    if (tail_start == std::string::npos) tail_start = text.size() - limit / 2;
    size_t dropped =
        static_cast<size_t>(std::count(text.begin() + static_cast<long>(head_end),
                                       text.begin() + static_cast<long>(tail_start), '\n'));
    std::string gap = dropped ? std::to_string(dropped) + " lines left out"
                              : std::to_string(tail_start - head_end) + " bytes left out";
    return text.substr(0, head_end) + "\n[... " + gap + " ...]" + text.substr(tail_start);
}

std::string render_prompt(const workflow::Template& prompt, const PromptInputs& in) {
    auto lookup = [&](std::string_view name) -> std::optional<std::string> {
        if (name == "spec") return in.spec ? *in.spec : std::string();
        if (name == "attempt") return std::to_string(in.attempt);
        if (name == "max_attempts") return std::to_string(in.max_attempts);
        if (name == "error") return trim_middle(in.error, error_limit);
        if (name == "diff") return trim_middle(in.diff, diff_limit);
        if (name.starts_with("item.")) return item_field(in, name.substr(5));
        if (in.values)
            if (auto v = in.values->lookup(in.path, name)) return v;
        if (in.sets)
            if (auto it = in.sets->find(std::string(name)); it != in.sets->end()) return it->second;
        return std::nullopt;
    };
    return workflow::render(prompt.text, lookup);
}

std::string retry_section(const PromptInputs& in) {
    std::string out = "## Attempt " + std::to_string(in.attempt - 1) + " failed (this is attempt " +
                      std::to_string(in.attempt) + " of " + std::to_string(in.max_attempts) +
                      ")\n\n";
    out += in.error.empty()
               ? std::string("It did not pass, and gave no more detail.\n")
               : "Why it failed:\n\n```\n" + trim_middle(in.error, error_limit) + "\n```\n";
    if (!in.diff.empty())
        out += "\nWhat it changed:\n\n```diff\n" + trim_middle(in.diff, diff_limit) + "\n```\n";
    out += "\nRead the failure, find its cause, and fix it; do not repeat the same approach. ";
    int left = in.max_attempts - in.attempt;
    out += left == 0 ? "This is the last attempt.\n"
                     : std::to_string(left) +
                           (left == 1 ? " more attempt remains" : " more attempts remain") +
                           " after this one.\n";
    return out;
}

std::string context_file_text(workflow::StepKind kind, const std::string& path, int attempt,
                              const std::vector<std::string>& gates) {
    std::string out = "# Instructions from gump\n\n<!-- gump wrote this file for step " + path +
                      ", attempt " + std::to_string(attempt) +
                      ", and removes it when the agent finishes. -->\n\n";
    out += "You work in a git worktree that gump manages for this run. The user's own branch is "
           "not touched until they apply the result.\n\n## Rules\n\n"
           "- Do not run git commands that record or move history (commit, reset, checkout, "
           "stash, rebase, push): gump records your work after you finish.\n"
           "- Stay inside this directory.\n";
    switch (kind) {
    case workflow::StepKind::plan:
        out += "- Do not change any file: this step only plans.\n\n## Your output\n\n"
               "Write the plan to `.gump/out/plan.json` (create the directory):\n\n"
               "```json\n{\"items\": [{\"name\": \"kebab-case-name\", \"description\": \"what to "
               "build, precisely\", \"files\": [\"src/example.c\"]}]}\n```\n";
        break;
    case workflow::StepKind::review:
        out += "- Do not change any file: this step only reviews.\n\n## Your output\n\n"
               "Write your verdict to `.gump/out/verdict.json` (create the directory):\n\n"
               "```json\n{\"pass\": true, \"comments\": \"what is wrong and where, when it does "
               "not pass\"}\n```\n";
        break;
    default:
        if (!gates.empty())
            out += "\n## How your work is checked\n\nWhen you finish, gump runs these checks: " +
                   join_words(gates) +
                   ". They must pass; if one fails you will be told why and asked to fix it.\n";
        break;
    }
    return out;
}

} // namespace gump::engine
