// Counter-based, keyed random numbers. Every draw is a pure function of
// (seed, entity kind, entity index, purpose, counter): any entity can be generated alone,
// in any order, on any thread or machine, and produce the same values.
#pragma once
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <span>

namespace fraudgen {

// SplitMix64 finaliser: a strong 64-bit bijective mixer.
constexpr uint64_t mix64(uint64_t x) {
  x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27; x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr uint64_t hash_combine(uint64_t a, uint64_t b) {
  return mix64(a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2)));
}

// A key of two integers that may both be small and structured (a customer and a date, a purpose
// and a date): distinct pairs give unrelated keys. hash_combine(a, b) does not promise that
// unless `a` is already mixed: with small a and b, (a, b) and (a + 1, b - 65) nearly collide.
constexpr uint64_t pair_key(uint64_t a, uint64_t b) { return mix64(mix64(a + 0x9e3779b97f4a7c15ULL) ^ b); }

// What kind of entity a stream of draws belongs to; part of the key.
enum class EntityKind : uint64_t { Customer = 1, Device = 2, Transaction = 3, Counterparty = 4, Plan = 5, Merchant = 6, Trip = 7, FraudScenario = 8, Weather = 9, Place = 10, Driver = 11, Rider = 12, RideFraud = 13 };

class Rng {
 public:
  Rng(uint64_t seed, EntityKind kind, uint64_t index, uint64_t purpose)
      : key_(hash_combine(hash_combine(hash_combine(mix64(seed), static_cast<uint64_t>(kind)), index), purpose)) {}

  uint64_t next() { return mix64(key_ + 0x9e3779b97f4a7c15ULL * ++counter_); }
  // Uniform in [0, 1) with 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [0, n) (Lemire's multiply-shift; the bias is below 2^-40 for our n).
  uint64_t below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64); }
  // Uniform integer in [lo, hi].
  int64_t range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1))); }
  bool chance(double p) { return uniform() < p; }
  double normal() {
    // Box-Muller; one value per call keeps the stream position independent of caching.
    double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }
  // Log-normal parameterised by its median.
  double lognormal_median(double median, double sigma) { return median * std::exp(sigma * normal()); }
  uint64_t poisson(double mean);
  // Index drawn with probability proportional to its weight (for short, one-off lists;
  // reference data uses AliasTable).
  int weighted(std::span<const double> weights) {
    double total = 0;
    for (double x : weights) total += x;
    double u = uniform() * total;
    int i = 0;
    for (double x : weights) { if (u < x) return i; u -= x; ++i; }
    return i - 1;
  }
  int weighted(std::initializer_list<double> weights) { return weighted(std::span<const double>(weights.begin(), weights.size())); }

 private:
  uint64_t key_;
  uint64_t counter_ = 0;
};

inline uint64_t Rng::poisson(double mean) {
  if (mean <= 0) return 0;
  if (mean > 40) {
    double v = std::round(normal(mean, std::sqrt(mean)));
    return v < 0 ? 0 : static_cast<uint64_t>(v);
  }
  // Knuth's product of uniforms, stopping below exp(-mean). Most means here are small and most
  // counts 0: a first uniform at most 1 - mean (<= exp(-mean)) is 0 without the exponential.
  double p = uniform();
  if (p <= 1.0 - mean) return 0;
  const double l = std::exp(-mean);
  uint64_t k = 0;
  while (p > l) {
    ++k;
    p *= uniform();
  }
  return k;
}

}  // namespace fraudgen
