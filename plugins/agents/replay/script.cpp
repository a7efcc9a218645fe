#include "script.hpp"

#include "toml_read.hpp"

#include <gump/duration.hpp>
#include <gump/sdk.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace replay {

namespace {

const std::vector<std::string> top_keys{"turn_delay", "step"};
const std::vector<std::string> entry_keys{"path",
                                          "attempt",
                                          "session",
                                          "text",
                                          "turns",
                                          "input_tokens",
                                          "output_tokens",
                                          "cache_read_tokens",
                                          "cache_write_tokens",
                                          "cost_usd",
                                          "success",
                                          "failure_class",
                                          "failure_message",
                                          "write",
                                          "edit",
                                          "delete",
                                          "command"};
// With [step.command] the program reports these through its own events.
const std::vector<std::string> command_owned_keys{
    "turns",    "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
    "cost_usd", "success",      "failure_class", "failure_message"};

std::string failure_class_list() {
    std::string out;
    for (const auto& c : failure_classes())
        out += (out.empty() ? "" : ", ") + c;
    return out;
}

// A step path is one or more non-empty segments separated by '/'.
bool is_step_path(std::string_view path) {
    if (path.empty() || path.front() == '/' || path.back() == '/') return false;
    return path.find("//") == std::string_view::npos;
}

class Parser {
public:
    explicit Parser(const std::string& file) : m_read(file) {}

    Script parse(const toml::table& root, const std::string& file) {
        if (const toml::node* context = root.get("context_file"))
            m_read.refuse(context->source(),
                          "context_file is not read from the script: gump asks for it before "
                          "any step runs",
                          "set context_file in the agent's table of gump.toml instead, e.g. "
                          "[agents.replay] context_file = \"QWEN.md\"");
        m_read.check_keys(root, top_keys, "the script's top level");
        Script script;
        script.file = file;
        if (auto delay = m_read.string_at(root, "turn_delay"))
            if (!gump::sdk::parse_duration(*delay, script.turn_delay_ms))
                m_read.refuse(root.get("turn_delay")->source(),
                              "turn_delay \"" + *delay + "\" is not a duration",
                              "write it like turn_delay = \"300ms\" or \"2s\"");
        for (const toml::table* step : m_read.tables_at(root, "step", "step"))
            script.steps.push_back(entry(*step));
        return script;
    }

private:
    Entry entry(const toml::table& t) {
        m_read.check_keys(t, entry_keys, "[[step]]");
        Entry e;
        e.where = m_read.position(t.source());
        auto path = m_read.string_at(t, "path");
        if (!path)
            m_read.refuse(t.source(), "this [[step]] has no path",
                          "add the step path it answers, e.g. path = \"build/*/impl\"");
        if (!is_step_path(*path))
            m_read.refuse(t.get("path")->source(), "path \"" + *path + "\" is not a step path",
                          "write segments separated by '/', e.g. path = \"build/2/impl\"");
        e.path = *path;
        e.attempt = m_read.integer_at(t, "attempt", 1);
        e.session = m_read.string_at(t, "session").value_or(default_session(e.path));
        e.text = m_read.string_at(t, "text").value_or("");
        e.turns = static_cast<int>(m_read.integer_at(t, "turns", 1).value_or(1));
        if (e.turns > 10'000)
            m_read.refuse(t.get("turns")->source(), "turns is more than 10000",
                          "write a smaller number of turns");
        e.usage.input_tokens = m_read.integer_at(t, "input_tokens", 0).value_or(0);
        e.usage.output_tokens = m_read.integer_at(t, "output_tokens", 0).value_or(0);
        e.usage.cache_read_tokens = m_read.integer_at(t, "cache_read_tokens", 0).value_or(0);
        e.usage.cache_write_tokens = m_read.integer_at(t, "cache_write_tokens", 0).value_or(0);
        e.usage.cost_usd = m_read.number_at(t, "cost_usd");
        e.success = m_read.bool_at(t, "success").value_or(true);
        failure(t, e);
        ops(t, e);
        if (const toml::table* command = m_read.table_at(t, "command")) {
            for (const auto& key : command_owned_keys)
                if (const toml::node* node = t.get(key))
                    m_read.refuse(node->source(),
                                  key + " cannot be scripted when [step.command] plays the step: "
                                        "the command reports it through its own events",
                                  "remove " + key + ", or print it from the command");
            e.command = parse_command(*command);
        }
        return e;
    }

    void failure(const toml::table& t, Entry& e) {
        auto cls = m_read.string_at(t, "failure_class");
        auto message = m_read.string_at(t, "failure_message");
        if (e.success) {
            for (const char* key : {"failure_class", "failure_message"})
                if (const toml::node* node = t.get(key))
                    m_read.refuse(node->source(),
                                  std::string(key) + " is set but success is not false",
                                  "add success = false, or remove " + std::string(key));
            return;
        }
        if (cls && !is_failure_class(*cls))
            m_read.refuse(t.get("failure_class")->source(),
                          "failure_class \"" + *cls + "\" is not a failure class",
                          "use one of: " + failure_class_list());
        e.failure.failure_class = cls.value_or("agent");
        e.failure.message =
            message.value_or("the replay script makes step " + e.path + " fail (" + e.where + ")");
    }

    void ops(const toml::table& t, Entry& e) {
        // Writes, then edits, then deletes: the order the format promises.
        op_list(t, "write", OpKind::write, {"path", "content"}, e);
        op_list(t, "edit", OpKind::edit, {"path", "find", "replace"}, e);
        op_list(t, "delete", OpKind::remove, {"path"}, e);
    }

    void op_list(const toml::table& t, const char* key, OpKind kind,
                 const std::vector<std::string>& known, Entry& e) {
        std::string header = std::string("step.") + key;
        for (const toml::table* op_table : m_read.tables_at(t, key, header)) {
            m_read.check_keys(*op_table, known, "[[" + header + "]]");
            FileOp op;
            op.kind = kind;
            op.where = e.where;
            auto path = m_read.string_at(*op_table, "path");
            if (!path)
                m_read.refuse(op_table->source(), "this [[" + header + "]] has no path",
                              "add the file it changes, relative to the worktree, e.g. path = "
                              "\"src/main.c\"");
            if (std::string problem = path_problem(*path); !problem.empty())
                m_read.refuse(op_table->get("path")->source(),
                              "[[" + header + "]] path \"" + *path + "\" of step " + e.path + " " +
                                  problem,
                              "write a path relative to the worktree that stays inside it, e.g. "
                              "path = \"src/main.c\"");
            op.path = *path;
            op.content = m_read.string_at(*op_table, "content").value_or("");
            op.replace = m_read.string_at(*op_table, "replace").value_or("");
            if (kind == OpKind::edit) {
                auto find = m_read.string_at(*op_table, "find");
                if (!find || find->empty())
                    m_read.refuse(op_table->source(), "this [[step.edit]] has no find text",
                                  "add find = \"...\" with text that occurs exactly once in " +
                                      op.path);
                op.find = *find;
            }
            e.ops.push_back(std::move(op));
        }
    }

    Command parse_command(const toml::table& t) {
        m_read.check_keys(t, {"argv", "env"}, "[step.command]");
        Command c;
        auto argv = m_read.strings_at(t, "argv");
        if (!argv || argv->empty())
            m_read.refuse(t.source(), "[step.command] has no argv",
                          "add the program and its arguments, e.g. argv = [\"sh\", \"-c\", "
                          "\"...\"]");
        c.argv = *argv;
        if (const toml::table* env = m_read.table_at(t, "env"))
            for (const auto& [name, value] : *env) {
                std::string key(name.str());
                if (!value.is_string())
                    m_read.refuse(value.source(), "env." + key + " must be a string",
                                  "write env = { " + key + " = \"value\" }");
                if (key.empty() || key.find('=') != std::string::npos)
                    m_read.refuse(name.source(),
                                  "env has a variable named \"" + key +
                                      "\", which cannot be an environment variable",
                                  "rename it");
                c.env.emplace_back(key, value.as_string()->get());
            }
        return c;
    }

    TomlReader m_read;
};

} // namespace

std::string default_session(std::string_view step_path) {
    // FNV-1a: std::hash may differ between library versions, and the id must not.
    uint32_t hash = 2166136261u;
    for (unsigned char c : step_path) {
        hash ^= c;
        hash *= 16777619u;
    }
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", hash);
    return "replay-" + std::string(hex);
}

Script parse_script(std::string_view text, const std::string& file) {
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        TomlReader(file).refuse(e.source(), std::string(e.description()),
                                "fix the TOML syntax there (the format is in the replay "
                                "plugin's README.md)");
    }
    return Parser(file).parse(root, file);
}

Script load_script(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw gump::sdk::Error(GUMP_ERR_CONFIG,
                               "the replay script " + file +
                                   " cannot be read; create it, or fix `script` in the agent's "
                                   "table of gump.toml (a relative path starts at the project)");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse_script(buffer.str(), file);
}

} // namespace replay
