#include <iostream>
#include <string>

int main() {
    std::string host = "localhost";
    if (host != "localhost") {
        std::cerr << "test_parse_host: expected localhost, got " << host << "\n";
        return 1;
    }
    std::cout << "test_parse_host: ok\n";
    return 0;
}
