// Runs the git program through the host.
#include "git.hpp"

#include "text.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace gitcli {

namespace {

// Hooks and filter drivers may run test suites or fetch large files.
constexpr int git_timeout_ms = 10 * 60 * 1000;
// stdout is read from its file; the in-memory copy only has to carry stderr.
constexpr int capture_bytes = 64 * 1024;

// Options that make git's output parseable whatever the user's configuration says: paths are
// printed as they are (with -z), not octal-quoted.
const std::vector<std::string> global_options{"-c", "core.quotePath=false"};

// Variables that would point git at another repository, index or pathspec syntax than the one
// gump names (gump itself may run from a git hook, where GIT_DIR and GIT_INDEX_FILE are set).
const std::vector<std::string> foreign_variables{"GIT_DIR",
                                                 "GIT_WORK_TREE",
                                                 "GIT_INDEX_FILE",
                                                 "GIT_COMMON_DIR",
                                                 "GIT_OBJECT_DIRECTORY",
                                                 "GIT_ALTERNATE_OBJECT_DIRECTORIES",
                                                 "GIT_NAMESPACE",
                                                 "GIT_PREFIX",
                                                 "GIT_LITERAL_PATHSPECS",
                                                 "GIT_GLOB_PATHSPECS",
                                                 "GIT_NOGLOB_PATHSPECS",
                                                 "GIT_ICASE_PATHSPECS",
                                                 "GIT_QUARANTINE_PATH"};

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string subcommand(const std::vector<std::string>& args) {
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "-c" || args[i] == "-C") {
            ++i;
            continue;
        }
        if (!args[i].starts_with("-")) return args[i];
    }
    return "";
}

} // namespace

void fail(const std::string& message) {
    throw gump::sdk::Error(GUMP_ERR_FAILED, message);
}

ScratchFile::~ScratchFile() {
    if (m_path.empty()) return;
    std::error_code ec;
    fs::remove(m_path, ec);
}

std::string Git::next_path(std::string_view stem) const {
    std::lock_guard lock(m_mutex);
    if (m_scratch_dir.empty()) m_scratch_dir = m_host.temp_dir();
    return m_scratch_dir + "/" + std::string(stem) + "-" + std::to_string(++m_counter);
}

ScratchFile Git::scratch(std::string_view contents) const {
    ScratchFile file(next_path("file"));
    std::ofstream out(file.path(), std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) fail("cannot write the scratch file " + file.path() + "; check the disk space");
    return file;
}

ScratchFile Git::scratch_path(std::string_view stem) const {
    return ScratchFile(next_path(stem));
}

void Git::require_version(const std::string& cwd) const {
    {
        std::lock_guard lock(m_mutex);
        if (m_version_known) {
            if (!m_version_problem.empty()) fail(m_version_problem);
            return;
        }
    }
    // "git version 2.39.5" (vendors may append more). merge-tree --write-tree came in 2.38.
    Output o = execute(cwd, {"version"}, {});
    std::string text(trim(o.out));
    int major = 0, minor = 0;
    if (std::sscanf(text.c_str(), "git version %d.%d", &major, &minor) != 2) major = minor = 0;
    std::string problem;
    if (major < 2 || (major == 2 && minor < 38))
        problem = "the git program (" + (text.empty() ? std::string("of unknown version") : text) +
                  ") is older than 2.38, which the git-cli backend needs; install git 2.38 or "
                  "newer, or set `[workspace] backend = \"git\"` in gump.toml";
    std::lock_guard lock(m_mutex);
    m_version_known = true;
    m_version_problem = problem;
    if (!problem.empty()) fail(problem);
}

Output Git::run(const std::string& cwd, const std::vector<std::string>& args,
                const Env& env) const {
    require_version(cwd);
    return execute(cwd, args, env);
}

Output Git::execute(const std::string& cwd, const std::vector<std::string>& args,
                    const Env& env) const {
    json::array argv{"git"};
    for (const auto& a : global_options)
        argv.emplace_back(a);
    for (const auto& a : args)
        argv.emplace_back(a);
    json::array env_remove;
    for (const auto& name : foreign_variables)
        if (!env.contains(name)) env_remove.emplace_back(name);
    json::object env_set{{"GIT_TERMINAL_PROMPT", "0"}};
    for (const auto& [name, value] : env)
        env_set[name] = value;

    ScratchFile stdout_file = scratch_path("stdout");
    std::string command = "git " + subcommand(args);
    json::object result;
    try {
        result = m_host.run_command({{"argv", std::move(argv)},
                                     {"cwd", cwd},
                                     {"env", std::move(env_set)},
                                     {"env_remove", std::move(env_remove)},
                                     {"timeout_ms", git_timeout_ms},
                                     {"stdout_path", stdout_file.path()},
                                     {"max_capture_bytes", capture_bytes}});
    } catch (const gump::sdk::Error& e) {
        if (e.status() == GUMP_ERR_CANCELLED) throw;
        fail("cannot run " + command + " in " + cwd + " (" + e.what() +
             "); install git 2.38 or newer and put it on PATH");
    }
    auto flag = [&](const char* key) {
        const json::value* v = result.if_contains(key);
        return v && v->is_bool() && v->as_bool();
    };
    if (flag("cancelled"))
        throw gump::sdk::Error(GUMP_ERR_CANCELLED, command + " was stopped: gump was cancelled");
    if (flag("timed_out"))
        fail(command + " in " + cwd + " took longer than " +
             std::to_string(git_timeout_ms / 60000) +
             " minutes and was stopped; look for a hook or filter driver that waits");

    Output output;
    if (const auto* code = result.if_contains("exit_code"); code && code->is_number())
        output.exit_code = code->to_number<int>();
    if (const auto* err = result.if_contains("stderr"); err && err->is_string())
        output.err = std::string(err->as_string());
    output.out = read_all(stdout_file.path());
    if (output.exit_code < 0) {
        std::string signal = "a signal";
        if (const auto* s = result.if_contains("signal"); s && s->is_number())
            signal = "signal " + std::to_string(s->to_number<int>());
        fail(command + " in " + cwd + " was killed by " + signal +
             "; run it by hand there to see why");
    }
    return output;
}

std::string Git::check(const std::string& cwd, const std::vector<std::string>& args,
                       std::string_view what, std::string_view fix, const Env& env) const {
    Output output = run(cwd, args, env);
    if (!output.ok())
        fail(std::string(what) + " (" + git_says(output) + ")" +
             (fix.empty() ? "" : "; " + std::string(fix)));
    return std::move(output.out);
}

std::string git_says(const Output& output) {
    std::string text = trim(output.err).empty() ? output.out : output.err;
    std::string said;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::string_view l = trim(line);
        if (l.empty() || l.starts_with("hint:")) continue;
        for (std::string_view prefix : {"fatal: ", "error: ", "warning: "})
            if (l.starts_with(prefix)) l.remove_prefix(prefix.size());
        if (!said.empty()) said += ' ';
        said.append(l);
    }
    if (said.empty()) said = "exit code " + std::to_string(output.exit_code);
    return utf8(said);
}

} // namespace gitcli
