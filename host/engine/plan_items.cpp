#include "engine/plan_items.hpp"

#include <boost/json.hpp>

namespace gump::engine {

namespace json = boost::json;

std::string extract_json(std::string_view text) {
    for (size_t at = text.find_first_of("{["); at != std::string_view::npos;
         at = text.find_first_of("{[", at + 1)) {
        // The parser stops at the end of the first complete value: what follows is ignored.
        json::stream_parser parser;
        boost::system::error_code ec;
        size_t used = parser.write_some(text.data() + at, text.size() - at, ec);
        if (!ec && parser.done()) return std::string(text.substr(at, used));
    }
    return {};
}

Expected<std::vector<Item>> parse_items(std::string_view text) {
    std::string body = extract_json(text);
    if (body.empty())
        return Error{"no plan found: write the items to .gump/out/plan.json as "
                     "{\"items\": [{\"name\", \"description\", \"files\"}]}"};
    json::value value = json::parse(body);
    const json::array* items = nullptr;
    if (value.is_array())
        items = &value.as_array();
    else if (auto* v = value.as_object().if_contains("items"); v && v->is_array())
        items = &v->as_array();
    if (!items) return Error{"the plan has no \"items\" array"};
    std::vector<Item> out;
    for (size_t i = 0; i < items->size(); ++i) {
        const json::value& v = (*items)[i];
        std::string where = "item " + std::to_string(i + 1);
        if (!v.is_object()) return Error{where + " is not an object"};
        const json::object& o = v.as_object();
        Item item;
        if (auto* n = o.if_contains("name"); n && n->is_string()) item.name = n->as_string();
        if (auto* d = o.if_contains("description"); d && d->is_string())
            item.description = d->as_string();
        if (item.name.empty()) return Error{where + " has no \"name\""};
        if (auto* f = o.if_contains("files"); f && f->is_array())
            for (const auto& file : f->as_array())
                if (file.is_string()) item.files.emplace_back(file.as_string());
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace gump::engine
