#include "workspace/bootstrap.hpp"

#include "core/text.hpp"
#include "process/process.hpp"

namespace gump::workspace {

namespace fs = std::filesystem;

namespace {

constexpr size_t output_tail_bytes = 4000; // of the setup's output, in the error message

Expected<void> copy_one(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    fs::copy(from, to,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing |
                 fs::copy_options::copy_symlinks,
             ec);
    if (ec) return Error{"cannot copy " + from.string() + " into the worktree: " + ec.message()};
    return {};
}

std::string tail(const std::string& text) {
    if (text.size() <= output_tail_bytes) return text;
    return "[...]\n" + text.substr(text.size() - output_tail_bytes);
}

} // namespace

Expected<BootstrapReport> bootstrap(const fs::path& repo, const fs::path& worktree,
                                    const BootstrapSpec& spec, const fs::path& setup_log) {
    BootstrapReport report;
    for (const auto& relative : spec.copy) {
        std::error_code ec;
        fs::path from = repo / relative;
        if (!fs::exists(fs::symlink_status(from, ec))) {
            report.missing.push_back(relative);
            continue;
        }
        if (auto copied = copy_one(from, worktree / relative); !copied) return copied.error();
        report.copied.push_back(relative);
    }
    if (spec.setup.empty()) return report;

    process::CommandSpec command;
    // One log in the order things happened: stderr joins stdout for the whole script.
    command.argv = {"sh", "-c", "exec 2>&1; " + spec.setup};
    command.cwd = worktree.string();
    command.timeout_ms = spec.setup_timeout_ms;
    command.stdout_path = setup_log.empty() ? "" : setup_log.string();
    auto result = process::run(command);
    if (!result)
        return Error{"cannot run the workspace setup `" + spec.setup +
                     "`: " + result.error().message};
    report.setup_ms = result->duration_ms;
    if (result->exit_code == 0) return report;
    std::string how = result->timed_out
                          ? "timed out after " + format_duration(spec.setup_timeout_ms)
                      : result->signal ? "was killed by signal " + std::to_string(result->signal)
                                       : "exited with " + std::to_string(result->exit_code);
    std::string output = result->stdout_text + result->stderr_text;
    return Error{"the workspace setup `" + spec.setup + "` " + how + " in " + worktree.string() +
                 "; fix [workspace] setup in gump.toml or the project, then run again" +
                 (output.empty() ? "" : ":\n" + tail(output))};
}

} // namespace gump::workspace
