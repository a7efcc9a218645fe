// gump models: every agent alias, what it runs, what it costs and how gump learns the cost.
#include "cli/commands.hpp"
#include "cli/exit_code.hpp"
#include "core/style.hpp"
#include "runs/json_fields.hpp"

#include <boost/json.hpp>
#include <fmt/core.h>

#include <map>
#include <memory>

namespace gump::cli {

namespace json = boost::json;

namespace {

struct Row {
    std::string alias, plugin, model, context, prices, cost;
    json::object doc;
};

std::string per_million(double usd) {
    return fmt::format("{:g}", usd);
}

std::string window(long long tokens) {
    if (tokens <= 0) return "?";
    if (tokens % 1'000'000 == 0) return fmt::format("{}M", tokens / 1'000'000);
    return fmt::format("{}k", tokens / 1000);
}

// Whether each plugin's CLI reports its cost; asked once per plugin.
class CostReports {
public:
    explicit CostReports(plugin::Registry& registry) : m_registry(registry) {}

    std::optional<bool> of(const std::string& id) {
        if (auto it = m_known.find(id); it != m_known.end()) return it->second;
        const plugin::PluginInfo* p = m_registry.find(id);
        if (!p || p->kind != GUMP_KIND_AGENT) return m_known[id] = std::nullopt;
        auto described = m_registry.describe_agent(*p, {});
        return m_known[id] = described && runs::flag(*described, "reports_cost");
    }

private:
    plugin::Registry& m_registry;
    std::map<std::string, std::optional<bool>> m_known;
};

Row row_of(const config::Config& config, const config::AgentAlias& alias, CostReports& reports) {
    Row r{alias.name, alias.plugin, alias.model.empty() ? "(CLI default)" : alias.model,
          "?",        "?",          "",
          {}};
    const config::Price* price = config.price_of(alias);
    std::optional<bool> reported = reports.of(alias.plugin);
    r.doc = {{"alias", alias.name},
             {"plugin", alias.plugin},
             {"model", alias.model},
             {"installed", reported.has_value()}};
    if (price) {
        r.context = window(price->context_window);
        r.prices = per_million(price->input) + " / " + per_million(price->output) + " / " +
                   per_million(price->cache_read) + " / " + per_million(price->cache_write);
        r.doc["price"] = {{"input", price->input},
                          {"output", price->output},
                          {"cache_read", price->cache_read},
                          {"cache_write", price->cache_write},
                          {"from", price->origin.describe()}};
        if (price->context_window) r.doc["context_window"] = price->context_window;
    }
    std::string cost = !reported   ? "plugin not installed"
                       : *reported ? "reported"
                       : price     ? "estimated"
                                   : "?";
    r.cost = cost;
    r.doc["cost"] = cost;
    return r;
}

int list_models(Session& session, bool as_json) {
    const config::Config& config = session.config();
    CostReports reports(session.plugins());
    std::vector<Row> rows;
    for (const auto& [_, alias] : config.agents())
        rows.push_back(row_of(config, alias, reports));
    if (as_json) {
        json::array out;
        for (auto& r : rows)
            out.push_back(std::move(r.doc));
        std::printf("%s\n", json::serialize(out).c_str());
        return exit_ok;
    }
    Style style = Style::for_fd(1);
    auto line = [](const Row& r) {
        return fmt::format("{:<24}{:<13}{:<34}{:<9}{:<26}{}", r.alias, r.plugin, r.model, r.context,
                           r.prices, r.cost);
    };
    std::string out =
        style.bold(line(
            {"ALIAS", "PLUGIN", "MODEL", "CONTEXT", "$/M IN / OUT / CACHE R / W", "COST", {}})) +
        "\n";
    for (const auto& r : rows)
        out += line(r) + "\n";
    out += "\nreported: the CLI says what each call cost. estimated: gump prices the tokens with "
           "the table above (shown as ~$). ?: no price known; a run with a budget refuses it.\n"
           "Prices are USD per million tokens; set your own in gump.toml:\n"
           "  [pricing.\"<model>\"]\n  input = 3.0\n  output = 15.0\n";
    std::fputs(out.c_str(), stdout);
    return exit_ok;
}

} // namespace

void add_models_command(CLI::App& app, Action& action) {
    auto* cmd = app.add_subcommand(
        "models", "List the agent aliases: plugin, model, context window, prices, cost source");
    auto as_json = std::make_shared<bool>(false);
    cmd->add_flag("--json", *as_json, "Print the table as JSON");
    cmd->callback([&action, as_json] {
        action = [as_json](Session& session) { return list_models(session, *as_json); };
    });
}

} // namespace gump::cli
