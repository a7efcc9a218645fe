#include "workflow/step_fields.hpp"

#include <sstream>

namespace gump::workflow {

namespace {

const std::vector<std::string> guard_keys = {"max_turns", "max_tokens", "max_time", "max_cost",
                                             "no_write"};
const std::map<std::string, std::string> guard_hints = {
    {"timeout", "write max_time = \"20m\""},
    {"max_budget", "write max_cost = 1.5 (USD)"},
};

// Inline gate parameters go to the gate plugin as JSON, layered over its configured ones.
boost::json::value to_json(const toml::node& node) {
    if (auto s = node.as_string()) return boost::json::string(s->get());
    if (auto i = node.as_integer()) return i->get();
    if (auto f = node.as_floating_point()) return f->get();
    if (auto b = node.as_boolean()) return b->get();
    if (auto a = node.as_array()) {
        boost::json::array out;
        for (const auto& e : *a)
            out.push_back(to_json(e));
        return out;
    }
    if (auto t = node.as_table()) {
        boost::json::object out;
        for (const auto& [k, v] : *t)
            out[k.str()] = to_json(v);
        return out;
    }
    std::ostringstream text; // dates and times travel as their TOML text
    node.visit([&](const auto& value) { text << value; });
    return boost::json::string(text.str());
}

std::optional<GateRef> inline_gate(const toml::table& table, const std::string& what,
                                   ParseContext& ctx) {
    GateRef ref;
    ref.pos = position(table.source(), ctx.file);
    const std::string example = "{ gate = \"files\", touched = [\"**/*_test.*\"] }";
    const toml::node* name = table.get("gate");
    if (!name) {
        ctx.diags.error(ref.pos, "an inline gate in " + what + " has no gate = \"<name>\"",
                        "write " + example);
        return std::nullopt;
    }
    if (!name->is_string() || name->as_string()->get().empty()) {
        ctx.diags.error(position(name->source(), ctx.file),
                        "gate in an inline gate of " + what + " must be a gate name, not " +
                            (name->is_string() ? "an empty string" : describe_type(*name)),
                        "write " + example);
        return std::nullopt;
    }
    ref.name = name->as_string()->get();
    for (const auto& [key, value] : table)
        if (key.str() != "gate") ref.params[key.str()] = to_json(value);
    return ref;
}

} // namespace

void parse_gates(TableReader& r, Step& step, ParseContext& ctx) {
    const toml::array* gates = r.array("gates", "[\"compile\", \"test\"]");
    if (!gates) return;
    for (const auto& entry : *gates) {
        SourcePos pos = position(entry.source(), ctx.file);
        if (const toml::table* table = entry.as_table()) {
            if (auto ref = inline_gate(*table, r.what(), ctx))
                step.gates.push_back(std::move(*ref));
            continue;
        }
        if (!entry.is_string()) {
            ctx.diags.error(pos,
                            "a gate in " + r.what() +
                                " must be a gate name or an inline table, not " +
                                describe_type(entry),
                            "write \"test\" or { gate = \"files\", touched = [\"**/*_test.*\"] }");
            continue;
        }
        std::string name = entry.as_string()->get();
        if (name.empty()) {
            ctx.diags.error(pos, "an empty gate name in " + r.what(),
                            "write a name of the [gates] table, e.g. \"test\"");
            continue;
        }
        for (const auto& earlier : step.gates)
            if (earlier.name == name && earlier.params.empty())
                ctx.diags.warning(pos, "gate '" + name + "' is listed twice in " + r.what(),
                                  "remove the second one");
        step.gates.push_back({name, {}, pos});
    }
}

void parse_guards(const toml::table& table, Step& step, const std::string& what,
                  ParseContext& ctx) {
    TableReader r(table, "the guards of " + what, ctx.file, ctx.diags);
    if (auto v = r.integer("max_turns", 1, 100'000)) step.guards.max_turns = static_cast<int>(*v);
    step.guards.max_tokens = r.integer("max_tokens", 1, 1'000'000'000'000LL);
    step.guards.max_time_ms = r.duration_ms("max_time");
    step.guards.max_cost = r.positive_number("max_cost");
    step.guards.no_write = r.boolean("no_write");
    r.finish(guard_keys, guard_hints);
}

} // namespace gump::workflow
