#include "plugin/schema.hpp"

#include "core/text.hpp"

#include <boost/json.hpp>

namespace gump::plugin {
namespace json = boost::json;

namespace {

bool has_type(const json::value& v, std::string_view type) {
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_int64() || v.is_uint64();
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_bool();
    if (type == "array") return v.is_array();
    if (type == "object") return v.is_object();
    if (type == "null") return v.is_null();
    return true;
}

std::string type_example(std::string_view type) {
    if (type == "string") return "\"text\"";
    if (type == "integer") return "10";
    if (type == "number") return "1.5";
    if (type == "boolean") return "true";
    if (type == "array") return "[...]";
    if (type == "object") return "{ key = \"value\" }";
    return "a value";
}

std::string toml_type_name(std::string_view type) {
    if (type == "object") return "table";
    if (type == "integer") return "integer";
    if (type == "number") return "number";
    if (type == "boolean") return "boolean";
    return std::string(type);
}

std::vector<std::string> allowed_types(const json::object& schema) {
    std::vector<std::string> types;
    if (const json::value* t = schema.if_contains("type")) {
        if (t->is_string())
            types.emplace_back(t->as_string());
        else if (t->is_array())
            for (const auto& e : t->as_array())
                if (e.is_string()) types.emplace_back(e.as_string());
    }
    return types;
}

class Checker {
public:
    std::vector<SchemaProblem> problems;

    void check(const json::value& v, const json::value& schema_value, const std::string& key,
               const std::string& path) {
        if (!schema_value.is_object()) return;
        const json::object& schema = schema_value.as_object();
        std::vector<std::string> types = allowed_types(schema);
        if (!types.empty()) {
            bool ok = false;
            for (const auto& t : types)
                ok = ok || has_type(v, t);
            if (!ok) {
                std::vector<std::string> names;
                for (const auto& t : types)
                    names.push_back(toml_type_name(t));
                add(key, path, "'" + path + "' must be " + join_words(names, " or "),
                    "write " + path + " = " + type_example(types.front()));
                return;
            }
        }
        if (const json::value* e = schema.if_contains("enum"); e && e->is_array()) {
            bool ok = false;
            std::vector<std::string> options;
            for (const auto& option : e->as_array()) {
                ok = ok || option == v;
                options.push_back(json::serialize(option));
            }
            if (!ok)
                add(key, path,
                    "'" + path + "' is " + json::serialize(v) + ", not one of " +
                        join(options, ", "),
                    "write " + path + " = " + options.front());
        }
        if (v.is_number()) {
            double x = v.to_number<double>();
            if (auto* m = schema.if_contains("minimum");
                m && m->is_number() && x < m->to_number<double>())
                add(key, path, "'" + path + "' must be at least " + json::serialize(*m),
                    "use a value of " + json::serialize(*m) + " or more");
            if (auto* m = schema.if_contains("maximum");
                m && m->is_number() && x > m->to_number<double>())
                add(key, path, "'" + path + "' must be at most " + json::serialize(*m),
                    "use a value of " + json::serialize(*m) + " or less");
        }
        if (v.is_string())
            if (auto* m = schema.if_contains("minLength");
                m && m->is_number() && v.as_string().size() < m->to_number<size_t>())
                add(key, path, "'" + path + "' is too short", "give it a value");
        if (v.is_array())
            if (auto* items = schema.if_contains("items")) {
                const json::array& a = v.as_array();
                for (size_t i = 0; i < a.size(); ++i)
                    check(a[i], *items, key, path + "[" + std::to_string(i) + "]");
            }
        if (v.is_object()) check_object(v.as_object(), schema, key, path);
    }

private:
    void add(const std::string& key, const std::string& path, std::string message,
             std::string fix) {
        problems.push_back({key, path, std::move(message), std::move(fix)});
    }

    void check_object(const json::object& obj, const json::object& schema, const std::string& key,
                      const std::string& path) {
        const json::object* properties = nullptr;
        if (auto* p = schema.if_contains("properties"); p && p->is_object())
            properties = &p->as_object();
        auto child_path = [&](std::string_view name) {
            return path.empty() ? std::string(name) : path + "." + std::string(name);
        };
        if (auto* required = schema.if_contains("required"); required && required->is_array())
            for (const auto& r : required->as_array())
                if (r.is_string() && !obj.contains(r.as_string()))
                    add(key.empty() ? std::string() : key, path,
                        "'" + child_path(r.as_string()) + "' is required",
                        "add " + std::string(r.as_string()) + " = ...");
        const json::value* additional = schema.if_contains("additionalProperties");
        std::vector<std::string> known;
        if (properties)
            for (const auto& [name, _] : *properties)
                known.emplace_back(name);
        for (const auto& [name, value] : obj) {
            std::string k = key.empty() ? std::string(name) : key;
            std::string p = child_path(name);
            if (properties && properties->contains(name)) {
                check(value, properties->at(name), k, p);
            } else if (additional && additional->is_bool() && !additional->as_bool()) {
                add(k, p, "unknown parameter '" + p + "'" + did_you_mean(std::string(name), known),
                    known.empty() ? "remove it: this plugin takes no parameters"
                                  : "use one of: " + join(known, ", "));
            } else if (additional && additional->is_object()) {
                check(value, *additional, k, p);
            }
        }
    }
};

} // namespace

std::vector<SchemaProblem> check_schema(const json::value& config, const json::value& schema) {
    Checker checker;
    checker.check(config, schema, "", "");
    return checker.problems;
}

std::vector<std::string> describe_schema(const json::value& schema) {
    std::vector<std::string> lines;
    if (!schema.is_object()) return lines;
    const json::object& s = schema.as_object();
    std::vector<std::string> required;
    if (auto* r = s.if_contains("required"); r && r->is_array())
        for (const auto& e : r->as_array())
            if (e.is_string()) required.emplace_back(e.as_string());
    const json::value* props = s.if_contains("properties");
    if (!props || !props->is_object()) return lines;
    for (const auto& [name, prop] : props->as_object()) {
        std::string line = std::string(name);
        if (prop.is_object()) {
            const json::object& p = prop.as_object();
            std::vector<std::string> types = allowed_types(p);
            std::vector<std::string> shown;
            for (const auto& t : types)
                shown.push_back(toml_type_name(t));
            line += "  (" + (shown.empty() ? std::string("any") : join(shown, " or "));
            if (std::find(required.begin(), required.end(), std::string(name)) != required.end())
                line += ", required";
            if (auto* d = p.if_contains("default")) line += ", default " + json::serialize(*d);
            if (auto* e = p.if_contains("enum")) line += ", one of " + json::serialize(*e);
            line += ")";
            if (auto* d = p.if_contains("description"); d && d->is_string())
                line += "  " + std::string(d->as_string());
        }
        lines.push_back(line);
    }
    return lines;
}

} // namespace gump::plugin
