#include "cli/app.hpp"

#include <csignal>

int main(int argc, char** argv) {
    // `gump ... | head` must end quietly, not by SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    return gump::cli::run_app(argc, argv);
}
