#include "count.hpp"

#include <cstdlib>
#include <iostream>
#include <sstream>

int main() {
    std::istringstream in("the cat and the hat");
    auto words = count_words(in);
    if (words.empty() || words[0].first != "the" || words[0].second != 2) {
        std::cerr << "expected 'the' twice first\n";
        return EXIT_FAILURE;
    }
    std::cout << "count_test: ok\n";
    return EXIT_SUCCESS;
}
