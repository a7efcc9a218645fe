#include <string>

int main() {
    std::string name = "gump";
    int port = name;
    return port + undeclared_timeout;
}
