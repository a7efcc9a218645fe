#include "attempt.hpp"

namespace replay {

Attempt::Attempt(const gump::sdk::Host& host, const Entry& entry, const RunRequest& request,
                 const std::string& stream_path)
    : m_host(host), m_entry(entry), m_request(request), m_sink(host, stream_path) {
    m_out.session = request.session.empty() ? entry.session : request.session;
}

bool Attempt::stopped() {
    if (!m_host.cancelled()) return false;
    fail(stopped_failure());
    return true;
}

void Attempt::fail(Failure failure) {
    m_out.success = false;
    m_out.failure = std::move(failure);
}

bool Attempt::play_op(const FileOp& op) {
    if (stopped()) return false;
    emit({{"type", "tool_call"}, {"name", op_name(op.kind)}, {"summary", op.path}});
    // A guard may trip on the tool call itself: then the change must not happen.
    if (stopped()) return false;
    if (auto problem = apply_op(m_request.worktree, op)) {
        fail({"agent", *problem});
        return false;
    }
    emit({{"type", "file_change"}, {"path", op.path}, {"action", op_name(op.kind)}});
    return true;
}

} // namespace replay
