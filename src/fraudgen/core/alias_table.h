// Walker/Vose alias table: O(1) weighted sampling for reference data.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "fraudgen/core/random.h"

namespace fraudgen {

class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(std::span<const double> weights);
  // Index drawn with probability proportional to its weight.
  uint32_t sample(Rng& rng) const { return sample(rng.next()); }
  // Same, from a caller-supplied 64-bit uniform value (for hash-derived, stateless picks).
  uint32_t sample(uint64_t bits) const {
    uint64_t n = prob_.size();
    uint32_t i = static_cast<uint32_t>((static_cast<unsigned __int128>(bits) * n) >> 64);
    double u = static_cast<double>((bits * 0x9e3779b97f4a7c15ULL) >> 11) * 0x1.0p-53;
    return u < prob_[i] ? i : alias_[i];
  }
  size_t size() const { return prob_.size(); }
  bool empty() const { return prob_.empty(); }

 private:
  std::vector<double> prob_;
  std::vector<uint32_t> alias_;
};

}  // namespace fraudgen
