// Work on several threads whose split never shows in the output: a pass over a range of indices
// cut into contiguous parts whose results go to fixed places, and a sequence of items each made
// on another thread while the one before it is used, in order.
#pragma once
#include <algorithm>
#include <cstdint>
#include <exception>
#include <future>
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

// Makes the items at first, first + step, ... below end, each by make(at) on another thread while
// the one before it goes to consume(item) on this one, in order. Stops making once consume
// returns false; waits for the item in flight before returning.
template <typename Make, typename Consume>
void make_ahead(uint64_t first, uint64_t end, uint64_t step, Make make, Consume consume) {
  using Item = decltype(make(first));
  std::future<Item> next;
  if (first < end) next = std::async(std::launch::async, make, first);
  for (uint64_t at = first; at < end; at += step) {
    Item item = next.get();
    if (at + step < end) next = std::async(std::launch::async, make, at + step);
    if (!consume(item)) break;
  }
  if (next.valid()) next.wait();
}

}  // namespace fraudgen
