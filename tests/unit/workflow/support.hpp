#pragma once
// Helpers for the workflow tests: parse a text, and find a diagnostic by position and words.
#include "core/embedded.hpp"
#include "workflow/parser.hpp"
#include "workflow/validator.hpp"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <string>
#include <vector>

namespace gump::workflow::test {

inline const std::string test_file = "wf.toml";

struct Parsed {
    std::optional<Workflow> workflow;
    Diagnostics diags;
};

inline Parsed parse(std::string_view text) {
    Parsed p;
    p.workflow = parse_workflow(text, test_file, p.diags);
    return p;
}

// Passes when a diagnostic of `severity` sits at line:col of wf.toml and its message (or fix,
// for words starting with "fix:") holds every word of `parts`.
inline ::testing::AssertionResult has_diag(const Diagnostics& diags, int line, int column,
                                           const std::vector<std::string>& parts,
                                           Severity severity = Severity::error) {
    for (const auto& d : diags.items()) {
        if (d.severity != severity || d.pos.line != line || d.pos.column != column ||
            d.pos.file != test_file)
            continue;
        bool all = true;
        for (const auto& part : parts) {
            bool in_fix = part.rfind("fix:", 0) == 0;
            const std::string& text = in_fix ? d.fix : d.message;
            all = all && text.find(in_fix ? part.substr(4) : part) != std::string::npos;
        }
        if (all) return ::testing::AssertionSuccess();
    }
    std::string wanted;
    for (const auto& p : parts)
        wanted += " [" + p + "]";
    return ::testing::AssertionFailure()
           << "no diagnostic at " << line << ":" << column << " with" << wanted << "; got:\n"
           << diags.to_string();
}

// The agent aliases and gate names of gump's built-in configuration.
inline ValidationContext default_context() {
    ValidationContext context;
    toml::table defaults = toml::parse(embedded_file("host/config/defaults.toml"));
    for (const auto& [alias, _] : *defaults["agents"].as_table())
        context.agents.emplace_back(alias.str());
    for (const auto& [name, _] : *defaults["gates"].as_table())
        context.gates.emplace_back(name.str());
    return context;
}

// A valid workflow around the given steps, which start on line 3.
inline std::string with_steps(std::string_view steps) {
    return "name = \"t\"\n\n" + std::string(steps);
}

} // namespace gump::workflow::test
