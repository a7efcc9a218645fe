#include "cli/app.hpp"

int main(int argc, char** argv) {
    return gump::cli::run_app(argc, argv);
}
