#pragma once

namespace gump::cli {

// Parses the command line, runs the command and returns the process exit code.
int run_app(int argc, char** argv);

} // namespace gump::cli
