#include "fraudgen/core/alias_table.h"

#include <stdexcept>

namespace fraudgen {

AliasTable::AliasTable(std::span<const double> weights) {
  size_t n = weights.size();
  if (n == 0) throw std::invalid_argument("alias table needs at least one weight");
  double total = 0;
  for (double w : weights) {
    if (!(w >= 0)) throw std::invalid_argument("alias table weights must be non-negative");
    total += w;
  }
  if (!(total > 0)) throw std::invalid_argument("alias table weights must not all be zero");
  prob_.assign(n, 0.0);
  alias_.assign(n, 0);
  std::vector<double> scaled(n);
  std::vector<uint32_t> small, large;
  for (size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * static_cast<double>(n) / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    uint32_t s = small.back(), l = large.back();
    small.pop_back();
    prob_[s] = scaled[s];
    alias_[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) { large.pop_back(); small.push_back(l); }
  }
  for (uint32_t i : large) { prob_[i] = 1.0; alias_[i] = i; }
  for (uint32_t i : small) { prob_[i] = 1.0; alias_[i] = i; }
}

}  // namespace fraudgen
