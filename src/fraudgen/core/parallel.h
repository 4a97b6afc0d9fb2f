// Work split into contiguous parts, one thread each: for passes over a range of indices whose
// results go to fixed places, so the split never shows in the output.
#pragma once
#include <algorithm>
#include <cstdint>
#include <exception>
#include <thread>
#include <vector>

namespace fraudgen {

// Runs fn(part, first, end) over [0, n) cut into at most `parts` contiguous parts (never more
// than n), the calling thread taking part 0; rethrows the first part's error once all are done.
template <typename Fn>
void for_parts(uint64_t n, uint64_t parts, Fn fn) {
  parts = std::clamp<uint64_t>(parts, 1, std::max<uint64_t>(n, 1));
  std::vector<std::exception_ptr> errors(parts);
  auto run = [&](uint64_t p) {
    try {
      fn(p, n * p / parts, n * (p + 1) / parts);
    } catch (...) {
      errors[p] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (uint64_t p = 1; p < parts; ++p) threads.emplace_back(run, p);
  run(0);
  for (auto& t : threads) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace fraudgen
