#include "fraudgen/report/amount_bins.h"

#include <algorithm>

namespace fraudgen::report {

namespace {

constexpr std::array<int64_t, 5> kMantissas{10, 16, 25, 40, 63};

constexpr std::array<int64_t, kAmountBins> make_floors() {
  std::array<int64_t, kAmountBins> floors{};
  int64_t power = 1;
  for (int d = 0; d < kAmountDecades; ++d, power *= 10)
    for (int m = 0; m < 5; ++m) floors[static_cast<size_t>(1 + 5 * d + m)] = kMantissas[static_cast<size_t>(m)] * power;
  floors[kAmountBins - 1] = 10 * power;
  return floors;
}
constexpr std::array<int64_t, kAmountBins> kFloors = make_floors();

}  // namespace

int64_t amount_bin_floor(int b) { return kFloors[static_cast<size_t>(b)]; }

int amount_bin(int64_t cents) {
  // The last floor not above the amount.
  return static_cast<int>(std::upper_bound(kFloors.begin() + 1, kFloors.end(), cents) - kFloors.begin()) - 1;
}

}  // namespace fraudgen::report
