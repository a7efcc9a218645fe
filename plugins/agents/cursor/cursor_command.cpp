#include "cursor_command.hpp"

namespace cursor {

using namespace gump::sdk;

CliInfo cli_info() {
    CliInfo i;
    i.cli = "cursor-agent";
    i.context_file = ".cursor/rules/gump.mdc";
    // Cursor applies a rule file to every request only with this front-matter.
    i.context_preamble =
        "---\ndescription: gump's instructions for the current step\nalwaysApply: true\n---\n\n";
    i.install = "curl https://cursor.com/install -fsS | bash";
    i.login = "run `cursor-agent login`, or set CURSOR_API_KEY";
    // Neither was run by gump (see README.md): 2026.07.08 is the oldest public capture with
    // usage in its result, 2026.09.23 the one the fixtures follow.
    i.min_version = "2026.07.08";
    i.tested_version = "2026.09.23";
    i.credential_env = {"CURSOR_API_KEY"};
    // The login tokens live in ~/.config/cursor/auth.json on Linux and ~/.cursor/auth.json on
    // macOS when the keychain is not used; cli-config.json holds the CLI's permissions.
    i.credential_files = {".config/cursor/auth.json", ".cursor/auth.json",
                          ".cursor/cli-config.json"};
    return i;
}

Command command_for(const AgentRequest& r) {
    Command c;
    // --force runs every tool without asking (--yolo is its alias); --trust skips the
    // "Workspace Trust Required" question that otherwise ends a headless run in a new
    // worktree; --workspace pins the worktree whatever the working directory.
    c.args = {"-p",      "--output-format", "stream-json", "--force",
              "--trust", "--workspace",     r.worktree};
    if (!r.model.empty()) c.args.insert(c.args.end(), {"--model", r.model});
    if (!r.session.empty()) c.args.insert(c.args.end(), {"--resume", r.session});
    // cursor-agent has no turn limit: gump's guards stop it from the turn events. The prompt
    // is the positional argument; stdin is /dev/null.
    c.args.push_back(r.prompt);
    return c;
}

} // namespace cursor
