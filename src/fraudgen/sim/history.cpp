#include "fraudgen/sim/history.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace fraudgen {
namespace {

constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;

// A hash table for the few hundred merchants or payees of one customer, without the allocation
// per entry of std::unordered_map: open addressing, linear probing, a power-of-two size kept at
// most half full. Entries are never removed. `kEmpty` marks a free slot and is never a key.
template <typename Key, Key kEmpty, typename Value>
class FlatTable {
 public:
  explicit FlatTable(size_t expected_keys) { resize(initial_capacity(expected_keys)); }

  // The value of `key`, value-initialised when the key is new; the bool says whether it was.
  std::pair<Value*, bool> try_emplace(Key key) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    Slot* slot = find_slot(key);
    if (slot->key == key) return {&slot->value, false};
    slot->key = key;
    ++size_;
    return {&slot->value, true};
  }

  // `key` must be in the table.
  Value& at(Key key) { return find_slot(key)->value; }

 private:
  struct Slot {
    Key key;
    [[no_unique_address]] Value value;
  };

  // Sized for `expected_keys` (an upper bound) up to 4096 slots; beyond that it grows if it must.
  static size_t initial_capacity(size_t expected_keys) { return std::bit_ceil(std::clamp<size_t>(2 * expected_keys, 16, 4096)); }

  // Fibonacci hashing: the top bits of key * 2^64/phi, good for sequential and for hashed keys.
  size_t home(Key key) const { return static_cast<size_t>((static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ULL) >> home_shift_); }

  // The slot holding `key`, or the free slot where it would go.
  Slot* find_slot(Key key) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = home(key);; i = (i + 1) & mask)
      if (slots_[i].key == key || slots_[i].key == kEmpty) return &slots_[i];
  }

  void resize(size_t capacity) {
    slots_.assign(capacity, Slot{kEmpty, Value{}});
    home_shift_ = 64 - std::countr_zero(capacity);
  }

  void grow() {
    const std::vector<Slot> entries = std::move(slots_);
    resize(2 * entries.size());
    for (const Slot& entry : entries)
      if (entry.key != kEmpty) *find_slot(entry.key) = entry;
  }

  std::vector<Slot> slots_;
  int home_shift_ = 64;  // 64 - log2(capacity)
  size_t size_ = 0;
};

}  // namespace

double latitude_cosine(double lat) { return std::cos(lat * kRadiansPerDegree); }

// The same libm calls and operations in the same order as ever: bit-identical.
double haversine_with_cosines(double lat1, double lon1, double cos_lat1, double lat2, double lon2, double cos_lat2) {
  const double dlat = (lat2 - lat1) * kRadiansPerDegree, dlon = (lon2 - lon1) * kRadiansPerDegree;
  const double sin_half_dlat = std::sin(dlat / 2), sin_half_dlon = std::sin(dlon / 2);
  const double a = sin_half_dlat * sin_half_dlat + cos_lat1 * cos_lat2 * sin_half_dlon * sin_half_dlon;
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  return haversine_with_cosines(lat1, lon1, latitude_cosine(lat1), lat2, lon2, latitude_cosine(lat2));
}

void compute_history(std::span<Transaction> tl, size_t device_count) {
  const size_t n = tl.size();
  const int64_t lookback = kWindowMillis[4];
  size_t lo[5] = {0, 0, 0, 0, 0};
  int64_t sum[5] = {0, 0, 0, 0, 0};
  // Every merchant seen so far, with its occurrences inside the 7-day window (0 once it has
  // left it) and the time it was last used.
  struct MerchantSeen {
    int32_t count_7d;
    int64_t last_ms;
  };
  FlatTable<int32_t, -1, MerchantSeen> merchants(n);
  int32_t distinct_merchants_7d = 0;
  // 7-day distinct devices: occurrences of each device inside the 7-day window.
  thread_local std::vector<int32_t> devices_7d;
  thread_local std::vector<int64_t> device_last_ms;
  devices_7d.assign(device_count, 0);
  device_last_ms.assign(device_count, std::numeric_limits<int64_t>::min());
  int32_t distinct_devices = 0;
  FlatTable<uint64_t, 0, int64_t> beneficiary_last_ms(n);  // beneficiary 0 means none, never a key
  size_t lo_distinct = 0;
  double cos_previous_lat = 0;
  // "New" means not used in the 30 days before: a feature any day can compute from its window.
  auto fresh = [&](int64_t& last_ms, bool inserted, int64_t now) {
    const bool is_new = inserted || last_ms < now - lookback;
    last_ms = now;
    return is_new;
  };

  for (size_t i = 0; i < n; ++i) {
    Transaction& t = tl[i];
#pragma GCC unroll 5  // keeps the five window starts and sums in registers
    for (int w = 0; w < 5; ++w) {
      sum[w] += t.amount_cents;
      while (tl[lo[w]].time_ms < t.time_ms - kWindowMillis[w]) sum[w] -= tl[lo[w]++].amount_cents;
      t.velocity[w] = static_cast<int32_t>(i - lo[w] + 1);
      t.accumulated[w] = sum[w];
    }
    if (t.merchant >= 0) {
      const auto [seen, inserted] = merchants.try_emplace(t.merchant);
      if (seen->count_7d++ == 0) ++distinct_merchants_7d;
      t.new_merchant = fresh(seen->last_ms, inserted, t.time_ms);
    } else {
      t.new_merchant = -1;
    }
    const auto slot = static_cast<size_t>(t.device_slot);
    if (t.device_slot >= 0 && devices_7d[slot]++ == 0) ++distinct_devices;
    while (tl[lo_distinct].time_ms < t.time_ms - kWindowMillis[3]) {
      const Transaction& old = tl[lo_distinct++];
      if (old.merchant >= 0 && --merchants.at(old.merchant).count_7d == 0) --distinct_merchants_7d;
      if (old.device_slot >= 0 && --devices_7d[static_cast<size_t>(old.device_slot)] == 0) --distinct_devices;
    }
    t.unique_merchants_7d = distinct_merchants_7d;
    t.unique_devices_7d = distinct_devices;

    if (i == 0 || t.time_ms - tl[i - 1].time_ms > lookback) {
      t.since_last_ms = -1;
      t.distance_km = -1;
      cos_previous_lat = latitude_cosine(t.lat);
    } else {
      const Transaction& previous = tl[i - 1];
      t.since_last_ms = t.time_ms - previous.time_ms;
      if (t.lat - previous.lat == 0 && t.lon - previous.lon == 0) {
        // No move (inflows keep the last place): the formula's exact result is +0. Differences
        // rather than ==, so that equal infinities still take the formula, which gives no 0.
        t.distance_km = 0.0;
      } else {
        const double cos_lat = latitude_cosine(t.lat);
        const double km = haversine_with_cosines(previous.lat, previous.lon, cos_previous_lat, t.lat, t.lon, cos_lat);
        t.distance_km = std::round(km * 1000.0) / 1000.0;
        cos_previous_lat = cos_lat;
      }
    }
    if (t.device_slot >= 0) t.new_device = fresh(device_last_ms[slot], false, t.time_ms);
    else t.new_device = -1;
    // An inflow's counterparty is its sender (payer_id), not a beneficiary.
    if (t.beneficiary[0] != 0 && !t.inflow) {
      const auto [last_ms, inserted] = beneficiary_last_ms.try_emplace(t.beneficiary[0]);
      t.new_beneficiary = fresh(*last_ms, inserted, t.time_ms);
    } else {
      t.new_beneficiary = -1;
    }
  }
}

}  // namespace fraudgen
