// Boost.JSON compiled from source with the fuzzers' instrumentation, once for all of them,
// rather than linked: its parser's coverage is what lets libFuzzer find its way from bytes to
// well-formed events.
#include <boost/json/src.hpp>
