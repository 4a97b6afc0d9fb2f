// Fixed logarithmic bins for amounts in cents: five per decade (edges 1, 1.6, 2.5, 4, 6.3 times a
// power of ten) from R$0.10 to R$100,000,000. The edges are integers, so binning never calls
// log() and the same amount lands in the same bin on any compiler or library; bins of two scans
// merge by adding counts.
#pragma once
#include <array>
#include <cstdint>

namespace fraudgen::report {

inline constexpr int kAmountDecades = 9;                        // 10 cents .. 10^10 cents
inline constexpr int kAmountBins = 1 + 5 * kAmountDecades + 1;  // below R$0.10, the log bins, the top one

// Lower edge in cents of bin `b` (bin 0 starts at 0).
int64_t amount_bin_floor(int b);
// The bin of an amount in cents (negative amounts go to bin 0).
int amount_bin(int64_t cents);

using AmountCounts = std::array<uint64_t, kAmountBins>;

}  // namespace fraudgen::report
