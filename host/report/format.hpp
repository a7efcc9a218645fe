#pragma once
// How numbers read in gump's output: "$0.83", "52s", "1m04s", "12.4k".
#include <string>

namespace gump::report {

// partial: some cost unknown -> "$0.83+?"; estimated: from the price table -> "~$0.83".
std::string money(double usd, bool partial = false, bool estimated = false);
std::string seconds(long long ms);               // "52s", "4m12s", "1h02m"
std::string turns(long long n);                  // "1 turn", "12 turns"
std::string count(long long n);                  // "980", "12.4k", "3.1M"
std::string title_case(const std::string& name); // "decompose" -> "Decompose"

} // namespace gump::report
