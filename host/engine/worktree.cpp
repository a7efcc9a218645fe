// The run's worktree through the workspace backend: snapshots, resets, what changed.
#include "engine/engine_impl.hpp"

namespace gump::engine {

using namespace detail;
using workflow::StepKind;

Expected<json::object> Engine::Impl::vcs(workspace::VcsOp op, json::object request) {
    return m_setup.vcs->call(op, std::move(request));
}

json::object Engine::Impl::trailers(const std::string& path, int attempt) {
    json::object t{{"Gump-Run", m_setup.run_id}, {"Gump-Step", path}};
    if (attempt > 0) t["Gump-Attempt"] = std::to_string(attempt);
    return t;
}

// Records the worktree as it is; the commit (or nothing) becomes the head.
Expected<json::object> Engine::Impl::snapshot(const std::string& message, const std::string& path,
                                              int attempt) {
    json::array exclude;
    for (const auto& file : m_exclude)
        exclude.emplace_back(file);
    auto result = vcs(workspace::VcsOp::snapshot, {{"workspace", m_setup.worktree.string()},
                                                   {"message", message},
                                                   {"trailers", trailers(path, attempt)},
                                                   {"exclude", std::move(exclude)}});
    if (result)
        if (const json::value* c = result->if_contains("commit"); c && c->is_string())
            m_head = std::string(c->as_string());
    return result;
}

// Back to `commit`'s tree, recorded as a new commit: the branch keeps the undone attempt.
void Engine::Impl::reset_to(const std::string& commit, const std::string& path,
                            const std::string& why) {
    auto result = vcs(workspace::VcsOp::reset, {{"workspace", m_setup.worktree.string()},
                                                {"commit", commit},
                                                {"message", path + ": " + why}});
    if (!result) {
        std::fprintf(stderr, "warning: cannot reset the worktree: %s\n",
                     result.error().message.c_str());
        return;
    }
    if (const json::value* c = result->if_contains("commit"); c && c->is_string())
        m_head = std::string(c->as_string());
    emit("rollback", {{"step", path}, {"to", commit}, {"reason", why}});
}

std::vector<std::string> Engine::Impl::changed_paths(const std::string& from, bool worktree,
                                                     bool only_added, const std::string& to) {
    json::object request{{"workspace", m_setup.worktree.string()}, {"from", from}};
    if (worktree) request["worktree"] = true;
    if (!to.empty()) request["to"] = to;
    std::vector<std::string> paths;
    auto result = vcs(workspace::VcsOp::changed_files, std::move(request));
    if (!result) return paths;
    if (const json::value* files = result->if_contains("files"); files && files->is_array())
        for (const auto& f : files->as_array())
            if (f.is_object()) {
                if (only_added && runs::text(f.as_object(), "status") != "added") continue;
                paths.push_back(runs::text(f.as_object(), "path"));
            }
    return paths;
}

std::string Engine::Impl::patch(const std::string& from, const std::string& to) {
    if (from == to) return {};
    auto result = vcs(workspace::VcsOp::diff,
                      {{"workspace", m_setup.worktree.string()}, {"from", from}, {"to", to}});
    return result ? runs::text(*result, "patch") : std::string();
}

// What the gates left in the worktree (build outputs) never reaches a snapshot.
void Engine::Impl::exclude_gate_outputs() {
    for (auto& path : changed_paths(m_head, true, true))
        m_exclude.insert(std::move(path));
}

} // namespace gump::engine
