#include "workflow/retry_parser.hpp"

#include "core/text.hpp"
#include "workflow/toml_reader.hpp"

namespace gump::workflow {

namespace {

const std::vector<std::string> retry_keys = {"attempts", "ladder"};
const std::vector<std::string> rung_keys = {"from", "agent", "prompt", "session", "reset"};
const std::string cap_fix = "write attempts = N: the attempts in total, the first one included";
const std::map<std::string, std::string> retry_hints = {{"exit", cap_fix},
                                                        {"max_attempts", cap_fix}};
const std::string from_fix = "write from = N: the first attempt the rung applies to (2 or more)";
const std::map<std::string, std::string> rung_hints = {
    {"attempt", from_fix},
    {"not", from_fix},
    {"validate", from_fix},
    {"exit", "the cap is attempts = N in the step's [steps.retry] table"},
    {"worktree", "write reset = true to start again from the worktree as it was before the step"},
};

constexpr int max_attempts = 100;

class RungReader {
public:
    RungReader(Step& step, std::optional<int> cap, const std::string& what, ParseContext& ctx)
        : m_step(step), m_cap(cap), m_what(what), m_ctx(ctx), m_agent(step.agent) {}

    void read(const toml::node& node, int index) {
        const toml::table* t = node.as_table();
        if (!t) {
            m_ctx.diags.error(position(node.source(), m_ctx.file),
                              "a rung of the retry ladder of " + m_what + " must be a table, not " +
                                  describe_type(node),
                              "write each rung as a [[steps.retry.ladder]] table");
            return;
        }
        RetryRung rung;
        rung.pos = position(t->source(), m_ctx.file);
        TableReader r(*t, "retry rung " + std::to_string(index) + " of " + m_what, m_ctx.file,
                      m_ctx.diags);
        bool from_ok = read_from(r, rung);
        if (auto agent = r.string("agent")) {
            rung.agent = *agent;
            rung.agent_pos = r.pos("agent");
            if (agent->empty())
                m_ctx.diags.error(rung.agent_pos, "agent in " + r.what() + " is empty",
                                  "write an agent alias, e.g. agent = \"claude-sonnet\"");
        }
        if (auto prompt = r.string("prompt")) rung.prompt = Template{*prompt, r.pos("prompt")};
        bool said_resume = read_session(r, rung);
        rung.reset = r.boolean("reset").value_or(false);
        r.finish(rung_keys, rung_hints);

        bool agent_changes = rung.agent && !rung.agent->empty() && *rung.agent != m_agent;
        if (said_resume && agent_changes)
            m_ctx.diags.warning(r.pos("session"),
                                "session = \"resume\" in " + r.what() +
                                    " has no effect: a changed agent always starts a new session",
                                "remove session");
        if (from_ok && !rung.agent && !rung.prompt && !rung.new_session && !rung.reset)
            m_ctx.diags.warning(rung.pos, r.what() + " changes nothing",
                                "give it an agent, a prompt, session = \"new\" or reset = true, "
                                "or remove it: an attempt without a rung already resumes the "
                                "session with the failure fed back");
        if (rung.agent) m_agent = *rung.agent;
        m_step.retry.ladder.push_back(std::move(rung));
    }

private:
    bool read_from(TableReader& r, RetryRung& rung) {
        if (!r.has("from")) {
            r.node("from");
            m_ctx.diags.error(rung.pos, r.what() + " has no from", "add " + from_fix.substr(6));
            return false;
        }
        const toml::node* n = r.node("from");
        if (!n->is_integer()) {
            r.wrong_type("from", "a whole number", "3");
            return false;
        }
        long long from = n->as_integer()->get();
        SourcePos pos = r.pos("from");
        std::string said = "from = " + std::to_string(from) + " in " + r.what();
        bool ok = true;
        if (from < 2) {
            m_ctx.diags.error(pos, said + " is too low: attempt 1 always runs the step as written",
                              "write from = 2 or more");
            ok = false;
        } else if (m_cap && from > *m_cap) {
            m_ctx.diags.error(pos,
                              said + " never applies: the step makes at most " +
                                  std::to_string(*m_cap) + " attempts",
                              "raise attempts to " + std::to_string(from) + " or lower from");
            ok = false;
        }
        if (m_previous_from && from <= *m_previous_from) {
            m_ctx.diags.error(
                pos,
                said + " comes after a rung with from = " + std::to_string(*m_previous_from) +
                    ": rungs must have strictly ascending from",
                "order the rungs by from, at most one rung per attempt");
            ok = false;
        }
        if (from >= 2) m_previous_from = std::max<long long>(m_previous_from.value_or(0), from);
        rung.from = static_cast<int>(std::clamp<long long>(from, 2, max_attempts));
        return ok;
    }

    // True when the rung says session = "resume" explicitly.
    bool read_session(TableReader& r, RetryRung& rung) {
        auto session = r.string("session");
        if (!session) return false;
        if (*session == "new")
            rung.new_session = true;
        else if (*session != "resume")
            m_ctx.diags.error(r.pos("session"),
                              "session in " + r.what() + " is \"" + *session +
                                  "\"; it must be \"new\" or \"resume\"" +
                                  did_you_mean(*session, {"new", "resume"}),
                              "write session = \"new\" to start a fresh session, or leave it out "
                              "to resume");
        return *session == "resume";
    }

    Step& m_step;
    std::optional<int> m_cap;
    const std::string& m_what;
    ParseContext& m_ctx;
    std::string m_agent; // the agent in force before the rung being read
    std::optional<long long> m_previous_from;
};

} // namespace

void parse_retry(const toml::table& table, Step& step, const std::string& what, ParseContext& ctx) {
    TableReader r(table, "the retry of " + what, ctx.file, ctx.diags);
    step.retry.pos = r.pos();
    std::optional<int> cap;
    if (auto attempts = r.integer("attempts", 1, max_attempts)) {
        cap = static_cast<int>(*attempts);
        step.retry.attempts = *cap;
    }
    const toml::array* ladder = r.array("ladder", "[[steps.retry.ladder]] tables");
    r.finish(retry_keys, retry_hints);
    if (!ladder) return;
    if (!r.has("attempts"))
        ctx.diags.error(r.pos(), "the retry ladder of " + what + " has no attempt cap",
                        "add attempts = N to [steps.retry]: the attempts in total, the first one "
                        "included");
    RungReader rungs(step, cap, what, ctx);
    int index = 1;
    for (const auto& node : *ladder)
        rungs.read(node, index++);
}

} // namespace gump::workflow
