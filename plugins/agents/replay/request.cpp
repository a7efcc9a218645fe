#include "request.hpp"

#include <gump/sdk.hpp>

namespace replay {

namespace json = boost::json;

namespace {

std::string text_of(const json::object& o, const char* key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

} // namespace

RunRequest parse_request(const json::object& request) {
    RunRequest r;
    r.worktree = text_of(request, "worktree");
    r.step = text_of(request, "step");
    if (r.worktree.empty())
        throw gump::sdk::Error(GUMP_ERR_INVALID_ARGUMENT, "the run request has no worktree");
    if (r.step.empty())
        throw gump::sdk::Error(GUMP_ERR_INVALID_ARGUMENT,
                               "the run request has no step: the replay agent picks its script "
                               "entry by step path");
    if (const json::value* a = request.if_contains("attempt"); a && a->is_int64())
        r.attempt = a->as_int64();
    r.session = text_of(request, "session"); // null and absent both mean a new session
    r.artifacts_dir = text_of(request, "artifacts_dir");
    r.project_dir = text_of(request, "project_dir");
    return r;
}

} // namespace replay
