// Adds one tally's counters into another's, element by element through nested arrays and vectors
// of the same shape: how tallies of two runs of rows merge.
#pragma once
#include <cstddef>
#include <type_traits>

namespace fraudgen::report {

template <typename T>
void add_into(T& into, const T& from) {
  for (size_t i = 0; i < into.size(); ++i) {
    if constexpr (std::is_arithmetic_v<std::decay_t<decltype(into[i])>>) into[i] += from[i];
    else add_into(into[i], from[i]);
  }
}

}  // namespace fraudgen::report
