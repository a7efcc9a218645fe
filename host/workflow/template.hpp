#pragma once
// Prompt templates: {name} placeholders, {{ and }} for literal braces. The parser scans them to
// report mistakes where they are written; the engine renders them once per attempt.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gump::workflow {

struct Placeholder {
    std::string name;  // "spec", "item.name", "decompose.output"
    size_t offset = 0; // of the '{' in the template text
};

struct TemplateProblem {
    std::string message; // what is wrong
    std::string fix;     // what to write instead
    size_t offset = 0;   // of the offending brace in the template text
};

struct ScannedTemplate {
    std::vector<Placeholder> placeholders;
    std::vector<TemplateProblem> problems; // unclosed '{', empty '{}', stray '}', bad names
};

// A name is [A-Za-z0-9_.-]+.
bool is_placeholder_name(std::string_view name);

ScannedTemplate scan_template(std::string_view text);

// The value of a variable, or nullopt when it is unknown.
using TemplateLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Substitutes every placeholder in one pass: substituted values are never scanned again.
// Unknown or empty variables become "", and a line that held a placeholder and is blank
// afterwards is removed. Braces that do not form a placeholder are kept as they are.
std::string render(std::string_view text, const TemplateLookup& lookup);
std::string render(std::string_view text, const std::map<std::string, std::string>& variables);

} // namespace gump::workflow
