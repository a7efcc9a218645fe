#pragma once
// A gate plugin compiled into a test executable, called through its C entry point as the host
// calls it, with a test host whose run_command really runs the program (fork/exec, stdout and
// stderr captured). The gates that run programs (integrity, tests-found) share it.
#include <gump/plugin.h>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern "C" const gump_library* GUMP_ENTRY_FUNCTION(void);

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

// ---- a test host ----------------------------------------------------------------------------

struct TestHost {
    bool git_missing = false;          // run_command fails as when the program is not found
    std::vector<std::string> commands; // the argv[1..] of each command, joined by blanks
    std::string result;
    // run_workflow: the requests seen, and what the next one answers (status and JSON text).
    std::vector<json::object> workflow_requests;
    gump_status workflow_status = GUMP_ERR_UNSUPPORTED;
    std::string workflow_answer = "this test host runs no workflow";
};

std::string read_all(int fd_out, int fd_err, std::string& err) {
    std::string out;
    pollfd fds[2] = {{fd_out, POLLIN, 0}, {fd_err, POLLIN, 0}};
    int open = 2;
    char buffer[65536];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                (i == 0 ? out : err).append(buffer, static_cast<size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    return out;
}

gump_status run_command(void* ctx, const char* request, size_t len, gump_str* result) {
    auto* host = static_cast<TestHost*>(ctx);
    json::object r = json::parse(std::string_view(request, len)).as_object();
    std::vector<std::string> argv;
    for (const json::value& a : r.at("argv").as_array())
        argv.emplace_back(a.as_string());
    std::string joined;
    for (size_t i = 1; i < argv.size(); ++i)
        joined += (i > 1 ? " " : "") + argv[i];
    host->commands.push_back(joined);
    if (host->git_missing) {
        host->result = "cannot run '" + argv[0] + "': not found on PATH";
        *result = {host->result.data(), host->result.size()};
        return GUMP_ERR_FAILED;
    }
    int out[2], err[2];
    if (::pipe(out) != 0 || ::pipe(err) != 0) return GUMP_ERR_INTERNAL;
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        ::close(out[0]);
        ::close(err[0]);
        ::close(out[1]);
        ::close(err[1]);
        if (const json::value* cwd = r.if_contains("cwd"))
            if (::chdir(std::string(cwd->as_string()).c_str()) != 0) ::_exit(126);
        if (const json::value* env = r.if_contains("env"))
            for (const auto& [k, v] : env->as_object())
                ::setenv(std::string(k).c_str(), std::string(v.as_string()).c_str(), 1);
        if (const json::value* gone = r.if_contains("env_remove"))
            for (const json::value& k : gone->as_array())
                ::unsetenv(std::string(k.as_string()).c_str());
        std::vector<char*> args;
        for (std::string& a : argv)
            args.push_back(a.data());
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    std::string stderr_text;
    std::string stdout_text = read_all(out[0], err[0], stderr_text);
    int status = 0;
    ::waitpid(pid, &status, 0);
    host->result =
        json::serialize(json::object{{"exit_code", WIFEXITED(status) ? WEXITSTATUS(status) : -1},
                                     {"signal", WIFSIGNALED(status) ? WTERMSIG(status) : 0},
                                     {"timed_out", false},
                                     {"duration_ms", 1},
                                     {"stdout", stdout_text},
                                     {"stderr", stderr_text},
                                     {"stdout_truncated", false},
                                     {"stderr_truncated", false}});
    *result = {host->result.data(), host->result.size()};
    return GUMP_OK;
}

void log(void*, gump_log_level, const char*, size_t) {}
void emit(void*, const char*, size_t) {}
int cancelled(void*) {
    return 0;
}
gump_status spawn(void*, const char*, size_t, gump_process**, gump_str*) {
    return GUMP_ERR_UNSUPPORTED;
}
gump_status read_line(void*, gump_process*, int32_t, gump_str*) {
    return GUMP_ERR_UNSUPPORTED;
}
void kill(void*, gump_process*, int32_t) {}
gump_status wait(void*, gump_process*, gump_str*) {
    return GUMP_ERR_UNSUPPORTED;
}
gump_status temp_dir(void*, gump_str*) {
    return GUMP_ERR_UNSUPPORTED;
}
gump_status run_workflow(void* ctx, const char* request, size_t len, gump_str* out) {
    auto& host = *static_cast<TestHost*>(ctx);
    host.workflow_requests.push_back(json::parse(std::string_view(request, len)).as_object());
    *out = {host.workflow_answer.data(), host.workflow_answer.size()};
    return host.workflow_status;
}

// ---- the gate through its C entry point ------------------------------------------------------

const gump_manifest& manifest() {
    const gump_library* lib = GUMP_ENTRY_FUNCTION();
    EXPECT_EQ(lib->plugin_count, 1u);
    return *lib->plugins[0];
}

class Gate {
public:
    explicit Gate(const std::string& config = "{}") {
        m_services = {sizeof(gump_host), GUMP_ABI_MAJOR, GUMP_ABI_MINOR, &m_host,    &log,  &emit,
                      &cancelled,        &run_command,   &spawn,         &read_line, &kill, &wait,
                      &temp_dir,         &run_workflow};
        gump_str error{};
        m_status =
            manifest().create(&m_services, config.data(), config.size(), &m_instance, &error);
        m_error = std::string(error.data ? error.data : "", error.size);
    }
    ~Gate() {
        if (m_instance) manifest().destroy(m_instance);
    }
    gump_status status() const { return m_status; }
    const std::string& error() const { return m_error; }
    TestHost& host() { return m_host; }

    json::object check(const json::object& request) {
        std::string text = json::serialize(request);
        gump_str out{};
        auto* table = static_cast<const gump_gate_vtable*>(manifest().vtable);
        gump_status status = table->check(m_instance, text.data(), text.size(), &out);
        EXPECT_EQ(status, GUMP_OK) << std::string(out.data, out.size);
        return json::parse(std::string_view(out.data, out.size)).as_object();
    }

    // The raw call, for tests of a failing status.
    gump_status check_status(const json::object& request, std::string& message) {
        std::string text = json::serialize(request);
        gump_str out{};
        auto* table = static_cast<const gump_gate_vtable*>(manifest().vtable);
        gump_status status = table->check(m_instance, text.data(), text.size(), &out);
        message.assign(out.data ? out.data : "", out.size);
        return status;
    }

    json::object explain(const json::object& request) {
        std::string text = json::serialize(request);
        gump_str out{};
        auto* table = static_cast<const gump_gate_vtable*>(manifest().vtable);
        EXPECT_NE(table->explain, nullptr);
        gump_status status = table->explain(m_instance, text.data(), text.size(), &out);
        EXPECT_EQ(status, GUMP_OK) << std::string(out.data, out.size);
        return json::parse(std::string_view(out.data, out.size)).as_object();
    }

private:
    TestHost m_host;
    gump_host m_services{};
    void* m_instance = nullptr;
    gump_status m_status;
    std::string m_error;
};

} // namespace
