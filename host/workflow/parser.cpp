#include "workflow/parser.hpp"

#include "workflow/parse_context.hpp"
#include "workflow/step_parser.hpp"
#include "workflow/toml_reader.hpp"

namespace gump::workflow {

namespace {

const std::vector<std::string> root_keys = {"name", "description", "inputs", "budget", "steps"};
const std::vector<std::string> budget_keys = {"max_cost", "max_time", "max_tokens"};
const std::map<std::string, std::string> root_hints = {
    {"max_budget", "write max_cost = 10.0 in a [budget] table"},
    {"max_timeout", "write max_time = \"2h\" in a [budget] table"},
    {"max_cost", "write max_cost = 10.0 in a [budget] table"},
    {"max_time", "write max_time = \"2h\" in a [budget] table"},
    {"max_tokens", "write max_tokens = 3_000_000 in a [budget] table"},
    {"review", "add a step with kind = \"review\", or the review gate: gates = [\"review\"]"},
};
const std::map<std::string, std::string> budget_hints = {
    {"max_budget", "write max_cost = 10.0 (USD)"},
    {"timeout", "write max_time = \"2h\""},
    {"max_timeout", "write max_time = \"2h\""},
};

void read_inputs(TableReader& r, Workflow& wf, ParseContext& ctx) {
    auto inputs = r.strings("inputs");
    if (!inputs) return;
    const toml::array& array = *r.peek("inputs")->as_array();
    for (size_t i = 0; i < inputs->size(); ++i) {
        const std::string& name = (*inputs)[i];
        SourcePos pos = position(array[i].source(), ctx.file);
        if (!valid_name(name)) {
            ctx.diags.error(pos, "input name '" + name + "' is not valid",
                            "use lower-case letters, digits, '-' and '_'");
            continue;
        }
        bool seen = false;
        for (const auto& earlier : wf.inputs)
            seen = seen || earlier == name;
        if (seen) {
            ctx.diags.error(pos, "input '" + name + "' is declared twice", "remove one");
            continue;
        }
        wf.inputs.push_back(name);
    }
    ctx.inputs = wf.inputs;
}

void read_budget(const toml::table& table, Workflow& wf, ParseContext& ctx) {
    TableReader b(table, "[budget]", ctx.file, ctx.diags);
    wf.budget.max_cost = b.positive_number("max_cost");
    wf.budget.max_time_ms = b.duration_ms("max_time");
    wf.budget.max_tokens = b.integer("max_tokens", 1, 1'000'000'000'000LL);
    b.finish(budget_keys, budget_hints);
}

} // namespace

std::optional<Workflow> parse_workflow(std::string_view text, const std::string& display_path,
                                       Diagnostics& diags) {
    toml::table root;
    try {
        root = toml::parse(text, std::string_view(display_path));
    } catch (const toml::parse_error& e) {
        diags.error(position(e.source(), display_path),
                    "this is not valid TOML: " + std::string(e.description()),
                    "fix the TOML syntax at this position (strings need quotes, steps are "
                    "[[steps]] tables; see https://toml.io)");
        return std::nullopt;
    }
    ParseContext ctx{text, display_path, diags, {}, {}};
    Workflow wf;
    wf.path = display_path;
    TableReader r(root, "the workflow", display_path, diags);
    if (auto name = r.required_string("name", "\"my-workflow\"")) {
        wf.name = *name;
        if (!valid_name(*name))
            diags.error(r.pos("name"), "workflow name '" + *name + "' is not valid",
                        "use lower-case letters, digits, '-' and '_', starting with a letter or "
                        "digit");
    }
    wf.description = r.string("description").value_or("");
    read_inputs(r, wf, ctx);
    if (const toml::table* budget = r.table("budget", "{ max_cost = 10.0 }, or a [budget] table"))
        read_budget(*budget, wf, ctx);

    const toml::array* steps = r.array("steps", "[[steps]] tables");
    r.finish(root_keys, root_hints);
    if (steps) collect_step_names(*steps, ctx.all_steps);
    if (!steps && !r.has("steps"))
        diags.error(r.pos(), "the workflow has no steps",
                    "add a [[steps]] table with a name, a kind and what that kind needs");
    else if (steps && steps->empty())
        diags.error(r.pos("steps"), "the workflow's list of steps is empty",
                    "add a [[steps]] table with a name, a kind and what that kind needs");
    else if (steps)
        wf.steps = parse_steps(*steps, Scope{}, ctx);
    return wf;
}

} // namespace gump::workflow
