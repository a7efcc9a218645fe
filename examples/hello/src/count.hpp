#pragma once
#include <istream>
#include <string>
#include <utility>
#include <vector>

// Words of `in` (letters only, lower-cased) with their counts, most frequent first.
std::vector<std::pair<std::string, int>> count_words(std::istream& in);
