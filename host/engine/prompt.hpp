#pragma once
// What an attempt sends: the rendered prompt, the retry section that tells the agent why its
// previous attempt failed, and the context file with gump's standing instructions.
#include "engine/plan_items.hpp"
#include "engine/values.hpp"
#include "workflow/model.hpp"

#include <map>
#include <string>
#include <vector>

namespace gump::engine {

struct PromptInputs {
    std::string path; // of the step being rendered
    const std::string* spec = nullptr;
    int attempt = 1;
    int max_attempts = 1;
    std::string error; // why this step's previous attempt failed
    std::string diff;  // what that attempt changed
    const Item* item = nullptr;
    int item_index = 0;                                       // 1-based
    const std::map<std::string, std::string>* sets = nullptr; // --set KEY=VALUE
    const Values* values = nullptr;
};

std::string render_prompt(const workflow::Template& prompt, const PromptInputs& in);

// Appended to a prompt on a retry, unless the prompt already shows {error} itself. A resumed
// session already knows the task, so it gets this section alone.
std::string retry_section(const PromptInputs& in);

// The agent's context file: how to hand back its result, what gump does for it, what not to do.
std::string context_file_text(workflow::StepKind kind, const std::string& path, int attempt,
                              const std::vector<std::string>& gates);

// Keeps the head and the tail of a long text, at line boundaries.
std::string trim_middle(const std::string& text, size_t limit);

} // namespace gump::engine
