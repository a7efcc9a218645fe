#include "play.hpp"

#include "attempt.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace replay {

namespace json = boost::json;

namespace {

// Short enough that a cancelled run stops within a blink even with a long turn_delay.
constexpr long long pause_slice_ms = 20;

class Player {
public:
    Player(const gump::sdk::Host& host, const Entry& entry, const RunRequest& request,
           long long turn_delay_ms)
        : m_attempt(host, entry, request, stream_path(request.artifacts_dir)), m_entry(entry),
          m_turn_delay_ms(turn_delay_ms) {
        // A reported cost stays reported when the run stops before the first usage event.
        if (entry.usage.cost_usd) m_attempt.outcome().usage.cost_usd = 0.0;
    }

    Outcome play() {
        Outcome& out = m_attempt.outcome();
        if (m_attempt.stopped()) return out;
        m_attempt.emit({{"type", "session"}, {"id", out.session}});
        for (int turn = 1; turn <= m_entry.turns; ++turn)
            if (!play_turn(turn)) return out;
        if (m_attempt.stopped()) return out;
        m_attempt.emit({{"type", "text"}, {"text", m_entry.text}});
        out.text = m_entry.text;
        if (!m_entry.success) m_attempt.fail(m_entry.failure);
        return out;
    }

private:
    bool play_turn(int turn) {
        if (!pause()) return false;
        m_attempt.emit({{"type", "turn"}, {"number", turn}});
        m_attempt.outcome().turns = turn;
        auto [first, last] = ops_in_turn(m_entry.ops.size(), turn, m_entry.turns);
        for (size_t i = first; i < last; ++i)
            if (!m_attempt.play_op(m_entry.ops[i])) return false;
        if (m_attempt.stopped()) return false;
        Usage usage = usage_after_turn(m_entry.usage, turn, m_entry.turns);
        m_attempt.emit(usage_event(usage));
        m_attempt.outcome().usage = usage;
        return true;
    }

    // Waits the turn delay in slices, so a live display moves and a cancellation is seen at
    // once. False when gump cancelled.
    bool pause() {
        for (long long left = m_turn_delay_ms; left > 0; left -= pause_slice_ms) {
            if (m_attempt.stopped()) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(left, pause_slice_ms)));
        }
        return !m_attempt.stopped();
    }

    Attempt m_attempt;
    const Entry& m_entry;
    long long m_turn_delay_ms;
};

} // namespace

json::object play_entry(const gump::sdk::Host& host, const Entry& entry, const RunRequest& request,
                        long long turn_delay_ms) {
    return outcome_json(Player(host, entry, request, turn_delay_ms).play());
}

} // namespace replay
