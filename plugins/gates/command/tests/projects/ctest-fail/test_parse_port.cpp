#include <iostream>

static int parse_port(const char*) { return 80; }

int main() {
    int port = parse_port("localhost:8080");
    if (port != 8080) {
        std::cerr << "test_parse_port: expected 8080, got " << port << "\n";
        return 1;
    }
    return 0;
}
