#include "fraudgen/sim/radix_sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>
#include <vector>

namespace fraudgen {

void radix_sort(std::span<int64_t> keys) {
  // Below this, the digit counters cost more than std::sort's comparisons.
  constexpr size_t kMinRadixKeys = 64;
  // 2048 counters stay in L1; a year of time keys (36 bits) takes 4 passes of 9 bits.
  constexpr int kMaxDigitBits = 11;
  const size_t n = keys.size();
  if (n < kMinRadixKeys) {
    std::sort(keys.begin(), keys.end());
    return;
  }
  // Digits of key - min, in unsigned arithmetic: defined for negative keys and any range.
  const auto [min_it, max_it] = std::minmax_element(keys.begin(), keys.end());
  const uint64_t base = static_cast<uint64_t>(*min_it);
  const uint64_t range = static_cast<uint64_t>(*max_it) - base;
  if (range == 0) return;
  const int bits = std::bit_width(range);
  const int passes = (bits + kMaxDigitBits - 1) / kMaxDigitBits;
  const int digit_bits = (bits + passes - 1) / passes;
  const uint64_t mask = (uint64_t{1} << digit_bits) - 1;

  std::vector<int64_t> scratch(n);
  std::span<int64_t> src = keys, dst = scratch;
  std::array<size_t, size_t{1} << kMaxDigitBits> next;  // per digit: its count, then where its keys go
  for (int shift = 0; shift < bits; shift += digit_bits) {
    auto digit = [&](int64_t key) { return ((static_cast<uint64_t>(key) - base) >> shift) & mask; };
    std::fill_n(next.begin(), mask + 1, size_t{0});
    for (int64_t key : src) ++next[digit(key)];
    if (next[digit(src[0])] == n) continue;  // every key has this digit: the order stands
    size_t position = 0;
    for (size_t d = 0; d <= mask; ++d) position += std::exchange(next[d], position);
    for (int64_t key : src) dst[next[digit(key)]++] = key;
    std::swap(src, dst);
  }
  if (src.data() != keys.data()) std::copy(src.begin(), src.end(), keys.begin());
}

}  // namespace fraudgen
