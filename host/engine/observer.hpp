#pragma once
// Whoever watches a run as it happens (the terminal display). It sees the ledger's events, with
// the same names and fields, plus the running agent's live numbers.
#include "engine/agent_runner.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace gump::engine {

class Observer {
public:
    virtual ~Observer() = default;
    virtual void on_event(const std::string& type, const boost::json::object& fields) = 0;
    virtual void on_progress(const std::string& step, const Live& live) = 0;
    virtual void on_agent_event(const std::string& step, const boost::json::object& event) = 0;
};

} // namespace gump::engine
