#include "count.hpp"

#include <iostream>

int main() {
    for (const auto& [word, count] : count_words(std::cin))
        std::cout << count << ' ' << word << '\n';
    return 0;
}
