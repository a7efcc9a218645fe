#pragma once
// What `.gump/runs/<id>/run.json` says about a run: what was asked, where it works, how it
// ended and whether it was applied. The engine writes it; apply, gc, report and status read it.
#include "core/expected.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace gump::runs {

struct Applied {
    std::string at;     // RFC 3339, UTC
    std::string commit; // the commit made on the user's branch
    std::string mode;   // "squash" or "merge"
    std::string into;   // the branch
};

struct RunRecord {
    std::string id;
    std::string status; // running, pass, fail, budget, interrupted, error
    std::string workflow;
    std::string spec;  // the spec file as the user named it
    std::string title; // the spec's first heading, for messages
    std::string created_at;
    std::string updated_at;
    // The process that runs it, to tell a live run from one whose process died.
    long long pid = 0;
    long long pid_start = 0; // start time of that pid (clock ticks since boot): pids get reused
    std::string hostname;
    // Where it works.
    std::string backend; // the vcs plugin id
    std::string branch;  // the user's branch when the run started
    std::string base;    // the commit the run started from
    std::string workspace;
    std::string workspace_branch;
    // What it did.
    int items = 0;
    double cost_usd = 0;
    int turns = 0;
    long long duration_ms = 0;
    std::optional<Applied> applied;

    bool finished() const { return status != "running"; }
};

boost::json::object to_json(const RunRecord& record);
// Tolerant: unknown keys are ignored; a missing id or status is an error.
Expected<RunRecord> record_from_json(const boost::json::value& value);

// "2026-11-25T10:42:07Z"
std::string utc_now();
// Seconds since the epoch of an RFC 3339 UTC stamp written by utc_now(); nullopt if malformed.
std::optional<long long> parse_utc(const std::string& stamp);

} // namespace gump::runs
