#pragma once
// The ledger of one run: `events.jsonl` (one event a line, written as it happens),
// `state.json` (the run's summary, rewritten atomically) and the attempts' artifacts.
//
// Each event is one write(2) of one whole line to a file opened for appending, so a run killed at
// any moment leaves only whole lines behind. Everything written goes through the Redactor.
#include "core/expected.hpp"
#include "runs/redact.hpp"

#include <boost/json/object.hpp>

#include <filesystem>
#include <string>

namespace gump::runs {

class Ledger {
public:
    Ledger(std::filesystem::path run_dir, Redactor redactor);
    ~Ledger();
    Ledger(const Ledger&) = delete;
    Ledger& operator=(const Ledger&) = delete;

    const std::filesystem::path& dir() const { return m_dir; }
    const Redactor& redactor() const { return m_redactor; }

    // Appends {"ts", "seq", "type", ...fields}. A ledger that cannot be written is reported once
    // (the run goes on: losing the audit trail must not lose the user's work).
    void event(const std::string& type, boost::json::object fields);
    Expected<void> write_state(const boost::json::object& state);
    // Writes an artifact under `artifacts/`; returns its path relative to the run directory.
    std::string artifact(const std::string& relative, std::string_view text);
    // Redacts what others wrote under `artifacts/<relative>` (a file or a directory): plugins'
    // own logs, the setup command's output.
    void redact_tree(const std::string& relative);

    std::filesystem::path artifacts_dir() const { return m_dir / "artifacts"; }

private:
    void warn_once(const std::string& message);
    void redact_file(const std::filesystem::path& file) const;

    std::filesystem::path m_dir;
    Redactor m_redactor;
    int m_fd = -1;
    long long m_seq = 0;
    bool m_warned = false;
};

// The events of a ledger file; a torn or unreadable line (a crash mid-write) is skipped.
std::vector<boost::json::object> read_events(const std::filesystem::path& file);

} // namespace gump::runs
