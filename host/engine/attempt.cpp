// One attempt of an agent step: prompt, context file, agent, snapshot, checks.
#include "core/text.hpp"
#include "engine/context_file.hpp"
#include "engine/engine_impl.hpp"
#include "engine/prompt.hpp"
#include "runs/record.hpp"

namespace gump::engine {

using namespace detail;
using workflow::StepKind;

AttemptEnd Engine::Impl::run_attempt(const plan::ResolvedStep& rs, const Scope& scope,
                                     const std::string& path, const std::string& step_base,
                                     const plan::AttemptPlan& ap, int cap,
                                     const plan::ResolvedAgent& agent, const std::string& error,
                                     const std::string& diff) {
    const workflow::Step& step = *rs.step;
    runs::StepRecord& record = step_record(path);
    const runs::AttemptRecord* previous =
        record.attempts.empty() ? nullptr : &record.attempts.back();
    std::string previous_session = previous ? previous->session : std::string();
    std::string attempt_start = m_head;

    AttemptEnd end;
    auto description = describe(agent);
    if (!description) {
        end.final = true;
        end.end = StepEnd::stop;
        end.reason = description.error().message;
        return end;
    }

    std::string session = ap.number == 1   ? inherited_session(step, path, agent)
                          : ap.new_session ? std::string()
                                           : previous_session;
    bool resumed = !session.empty();

    PromptInputs in;
    in.path = path;
    in.spec = &m_setup.spec_text;
    in.attempt = ap.number;
    in.max_attempts = cap;
    in.error = error;
    in.diff = diff;
    in.item = scope.item;
    in.item_index = scope.item_index;
    in.sets = scope.sets;
    in.values = &m_values;
    std::string prompt;
    if (ap.number > 1 && resumed && !ap.prompt_changed)
        prompt = retry_section(in); // the session already holds the task
    else {
        prompt = render_prompt(*ap.prompt, in);
        if (ap.number > 1 && !uses_error(*ap.prompt)) prompt += "\n\n" + retry_section(in);
    }

    record.attempts.push_back({});
    runs::AttemptRecord& attempt = record.attempts.back();
    attempt.number = ap.number;
    attempt.agent = agent.alias;
    attempt.plugin = agent.plugin;
    attempt.model = agent.model;
    attempt.replay = description->replay;
    attempt.session = session;
    attempt.resumed = resumed;
    attempt.how = ap.number == 1 ? "" : ap.agent_changed ? ap.agent : "same";
    attempt.status = "running";
    attempt.started_at = runs::utc_now();
    m_state.current_attempt = ap.number;
    std::string dir = attempt_dir(path, ap.number);
    fs::path artifacts = m_setup.ledger->artifacts_dir() / dir;
    m_setup.ledger->artifact(dir + "/prompt.md", prompt);
    emit("attempt_started", {{"step", path},
                             {"attempt", ap.number},
                             {"max_attempts", cap},
                             {"agent", agent.alias},
                             {"plugin", agent.plugin},
                             {"model", agent.model},
                             {"replay", description->replay},
                             {"session", session.empty() ? json::value() : json::value(session)},
                             {"resumed", resumed},
                             {"prompt", dir + "/prompt.md"}});
    save_state();

    // The agent's output directory starts empty: a plan from an earlier attempt must not
    // pass for this one's.
    std::error_code ec;
    fs::remove_all(m_setup.worktree / ".gump" / "out", ec);
    std::vector<std::string> gate_list;
    for (const auto& g : rs.gates)
        gate_list.push_back(g.name);
    std::string context_text = context_file_text(step.kind, path, ap.number, gate_list);
    m_setup.ledger->artifact(dir + "/context.md", context_text);
    auto context = ContextFile::place(m_setup.worktree,
                                      description->context_file.empty() ? "AGENTS.md"
                                                                        : description->context_file,
                                      description->context_preamble + context_text);
    if (!context) {
        end.final = true;
        end.end = StepEnd::stop;
        end.reason = context.error().message;
        return finish_attempt(path, attempt, end);
    }

    json::object limits;
    if (step.guards.max_turns) limits["max_turns"] = *step.guards.max_turns;
    AgentCall call;
    call.plugin = m_setup.registry->find(agent.plugin);
    call.config = agent.options;
    call.request = {{"prompt", prompt},
                    {"worktree", m_setup.worktree.string()},
                    {"model", agent.model},
                    {"session", session.empty() ? json::value() : json::value(session)},
                    {"options", agent.options},
                    {"limits", std::move(limits)},
                    {"step", path},
                    {"attempt", ap.number},
                    {"artifacts_dir", artifacts.string()},
                    {"project_dir", m_setup.project_dir.string()}};
    call.limits = {step.guards.max_turns, step.guards.max_tokens, step.guards.max_time_ms,
                   step.guards.max_cost};
    call.budget = budget_left();
    call.price = agent.price;
    call.interrupted = m_setup.interrupted;
    std::string events_text;
    call.on_event = [&](const json::object& event) {
        events_text += json::serialize(event) + "\n";
        if (m_setup.observer) m_setup.observer->on_agent_event(path, event);
    };
    auto last_save = Clock::now();
    const Spent before = spent();
    call.on_progress = [&](const Live& live) {
        if (m_setup.observer) m_setup.observer->on_progress(path, live);
        // `gump status` shows the spend so far, the running attempt's included, at most
        // once a second.
        if (Clock::now() - last_save < std::chrono::seconds(1)) return;
        last_save = Clock::now();
        attempt.turns = live.turns;
        attempt.tokens = live.tokens;
        attempt.cost_usd = live.cost_usd;
        set_spent(before, live.turns, live.tokens, live.cost_usd);
        save_state();
    };
    fs::create_directories(artifacts, ec);
    auto started = Clock::now();
    auto ran = run_agent(*m_setup.registry, call);
    // A provider's passing trouble is run again in place: it says nothing about the work, so it
    // spends no attempt of the ladder.
    for (int retry = 1; ran && ran->failure_class == "transient" && !ran->stopped() &&
                        retry <= agent.transient_retries;
         ++retry) {
        long long wait_ms = agent.transient_backoff_ms << (retry - 1);
        emit("agent_retry", {{"step", path},
                             {"attempt", ap.number},
                             {"retry", retry},
                             {"of", agent.transient_retries},
                             {"wait_ms", wait_ms},
                             {"reason", ran->failure}});
        if (!pause(wait_ms)) break;
        AgentOutcome earlier = *ran;
        set_spent(before, earlier.turns, earlier.tokens, earlier.cost_usd);
        call.budget = budget_left();
        // Each run keeps its own stream and stderr: the one that failed is what to look at.
        fs::path again = artifacts / ("again-" + std::to_string(retry));
        fs::create_directories(again, ec);
        call.request["artifacts_dir"] = again.string();
        ran = run_agent(*m_setup.registry, call);
        if (ran) add_earlier(*ran, earlier);
    }
    context->restore();
    m_setup.ledger->artifact(dir + "/events.jsonl", events_text);
    m_setup.ledger->redact_tree(dir);
    attempt.duration_ms = ms_since(started);
    if (!ran) {
        end.final = true;
        end.end = StepEnd::stop;
        end.reason = "the agent plugin " + agent.plugin + " failed: " + ran.error().message;
        return finish_attempt(path, attempt, end);
    }
    const AgentOutcome& out = *ran;
    account(attempt, out, before);
    json::object agent_fields{{"step", path},
                              {"attempt", ap.number},
                              {"success", out.success},
                              {"session", out.session},
                              {"turns", out.turns},
                              {"tokens", tokens_json(out.tokens)},
                              {"cost_usd", out.cost_usd},
                              {"cost_source", out.cost_source},
                              {"duration_ms", out.duration_ms}};
    if (!out.failure_class.empty())
        agent_fields["failure"] =
            json::object{{"class", out.failure_class}, {"message", out.failure}};
    emit("agent_finished", std::move(agent_fields));

    // Every attempt leaves a snapshot, even one about to be undone: the branch tells all.
    auto snap = snapshot(path + ": attempt " + std::to_string(ap.number) + " (" + agent.alias + ")",
                         path, ap.number);
    if (!snap) {
        end.final = true;
        end.end = StepEnd::stop;
        end.reason = "cannot record the attempt: " + snap.error().message;
        return finish_attempt(path, attempt, end);
    }
    if (const json::value* c = snap->if_contains("commit"); c && c->is_string())
        attempt.commit = std::string(c->as_string());
    if (const json::value* files = snap->if_contains("files"); files && files->is_array())
        for (const auto& f : files->as_array())
            if (f.is_string()) attempt.files.emplace_back(f.as_string());
    emit("snapshot",
         {{"step", path},
          {"attempt", ap.number},
          {"commit", attempt.commit.empty() ? json::value() : json::value(attempt.commit)},
          {"files", strings(attempt.files)}});
    m_attempt_start = attempt_start;

    if (out.interrupted) {
        end.end = StepEnd::interrupted;
        end.reason = "interrupted";
        return finish_attempt(path, attempt, end);
    }
    if (!out.budget.empty()) {
        reset_to(attempt_start, path,
                 "attempt " + std::to_string(ap.number) + " stopped by the run budget");
        fail_run_budget(path, out.stop_reason);
        end.end = StepEnd::budget;
        end.reason = out.stop_reason;
        return finish_attempt(path, attempt, end);
    }
    if (!out.guard.empty()) {
        attempt.guard = out.guard;
        emit("guard", {{"step", path},
                       {"attempt", ap.number},
                       {"guard", out.guard},
                       {"reason", out.stop_reason}});
        reset_to(attempt_start, path,
                 "attempt " + std::to_string(ap.number) + " stopped by guard " + out.guard);
        end.reason = "guard " + out.guard + ": " + out.stop_reason;
        end.error = "gump stopped your previous attempt: " + out.stop_reason +
                    ". Its changes were undone. Work in smaller steps.";
        return finish_attempt(path, attempt, end);
    }
    if (!out.success) {
        end.reason =
            "the agent failed" + (out.failure.empty() ? std::string() : ": " + out.failure);
        end.error = out.failure.empty() ? "the agent did not finish" : out.failure;
        // Credentials or configuration: retrying cannot help.
        end.final = out.failure_class == "auth" || out.failure_class == "config";
        if (end.final) {
            end.end = StepEnd::stop;
            end.reason = "agent " + agent.alias + " (" + agent.plugin +
                         "): " + (out.failure.empty() ? "it failed" : out.failure);
        }
        return finish_attempt(path, attempt, end);
    }
    bool no_write =
        step.guards.no_write.value_or(step.kind == StepKind::plan || step.kind == StepKind::review);
    if (no_write && !attempt.files.empty()) {
        std::string files = join(attempt.files, ", ");
        emit("guard", {{"step", path},
                       {"attempt", ap.number},
                       {"guard", "no_write"},
                       {"reason", "changed " + files}});
        reset_to(attempt_start, path,
                 "attempt " + std::to_string(ap.number) + " changed files it may not");
        attempt.guard = "no_write";
        end.reason = "a " + std::string(workflow::to_string(step.kind)) +
                     " step may not change files, and it changed " + files;
        end.error = "You changed " + files +
                    ", but this step must not change any file of the project; those "
                    "changes were undone.";
        return finish_attempt(path, attempt, end);
    }

    // The step's product, read before the gates so they can judge it.
    std::string output;
    if (step.kind == StepKind::plan) {
        output = read_file(m_setup.worktree / ".gump" / "out" / "plan.json");
        if (output.empty()) output = extract_json(out.text);
    } else if (step.kind == StepKind::review) {
        output = read_file(m_setup.worktree / ".gump" / "out" / "verdict.json");
        if (output.empty()) output = extract_json(out.text);
    }
    if (!output.empty()) m_setup.ledger->artifact(dir + "/output.json", output);
    end.summary = out.text;

    auto gates = check_gates(rs, path, ap.number, step_base, output, scope);
    record_gates(attempt, gates);
    // A gate's own workflow may have spent the rest of the run's budget, or seen the stop.
    if (interrupted()) {
        end.end = StepEnd::interrupted;
        end.reason = "interrupted";
        return finish_attempt(path, attempt, end);
    }
    if (auto why = budget_spent()) {
        end.end = StepEnd::budget;
        end.reason = *why;
        return finish_attempt(path, attempt, end);
    }
    for (const auto& g : gates)
        if (g.verdict == "error") {
            end.final = true;
            end.end = StepEnd::stop;
            end.reason = "the gate " + g.name + " could not run: " + g.summary;
            return finish_attempt(path, attempt, end);
        }
    std::string failed = gate_names(gates, true);
    if (!failed.empty()) {
        end.reason = failed + " did not pass";
        end.error = gate_error(gates);
        return finish_attempt(path, attempt, end);
    }
    if (step.kind == StepKind::plan) {
        auto items = parse_items(output);
        if (!items) {
            end.reason = items.error().message;
            end.error = items.error().message;
            return finish_attempt(path, attempt, end);
        }
        end.items = std::move(*items);
    } else if (step.kind == StepKind::review) {
        Verdict verdict = read_verdict(output);
        if (verdict.valid) m_verdict = verdict;
        if (!verdict.pass) {
            end.reason = "the review did not pass: " + verdict.comments;
            end.error = verdict.comments;
            return finish_attempt(path, attempt, end);
        }
        output = verdict.comments;
    }
    end.passed = true;
    end.end = StepEnd::pass;
    end.output = output;
    return finish_attempt(path, attempt, end);
}

AttemptEnd Engine::Impl::finish_attempt(const std::string& path, runs::AttemptRecord& attempt,
                                        AttemptEnd end) {
    // What the failed attempt changed, for the next one's {diff}; a passed one needs none.
    if (!end.passed && !attempt.commit.empty()) end.diff = patch(m_attempt_start, attempt.commit);
    attempt.status = end.passed ? "pass" : end.end == StepEnd::interrupted ? "interrupted" : "fail";
    attempt.reason = end.reason;
    attempt.error = end.error;
    if (!end.error.empty())
        m_setup.ledger->artifact(attempt_dir(path, attempt.number) + "/error.txt", end.error);
    json::object fields{{"step", path},
                        {"attempt", attempt.number},
                        {"status", attempt.status},
                        {"agent", attempt.agent},
                        {"duration_ms", attempt.duration_ms}};
    if (!end.reason.empty()) fields["reason"] = end.reason;
    if (!attempt.gates.empty()) {
        json::array gates;
        for (const auto& g : attempt.gates)
            gates.push_back(json::object{{"name", g.name}, {"verdict", g.verdict}});
        fields["gates"] = std::move(gates);
    }
    emit("attempt_finished", std::move(fields));
    save_state();
    return end;
}

} // namespace gump::engine
