#include "fraudgen/sim/history.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace fraudgen {

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

void compute_history(std::span<Transaction> tl) {
  const size_t n = tl.size();
  size_t lo[5] = {0, 0, 0, 0, 0};
  int64_t sum[5] = {0, 0, 0, 0, 0};
  // 7-day distinct counts: occurrences of each merchant/device inside the 7-day window.
  std::unordered_map<int32_t, int32_t> merchants_7d;
  int32_t devices_7d[kMaxDevices] = {};
  int32_t distinct_devices = 0;
  std::unordered_set<int32_t> merchants_ever;
  std::unordered_set<uint64_t> beneficiaries_ever;
  bool devices_ever[kMaxDevices] = {};
  size_t lo_distinct = 0;

  for (size_t i = 0; i < n; ++i) {
    Transaction& t = tl[i];
    for (int w = 0; w < 5; ++w) {
      sum[w] += t.amount_cents;
      while (tl[lo[w]].time_ms < t.time_ms - kWindowMillis[w]) sum[w] -= tl[lo[w]++].amount_cents;
      t.velocity[w] = static_cast<int32_t>(i - lo[w] + 1);
      t.accumulated[w] = sum[w];
    }
    if (t.merchant >= 0) ++merchants_7d[t.merchant];
    if (t.device_slot >= 0 && devices_7d[t.device_slot]++ == 0) ++distinct_devices;
    while (tl[lo_distinct].time_ms < t.time_ms - kWindowMillis[3]) {
      const Transaction& old = tl[lo_distinct++];
      if (old.merchant >= 0) {
        auto it = merchants_7d.find(old.merchant);
        if (--it->second == 0) merchants_7d.erase(it);
      }
      if (old.device_slot >= 0 && --devices_7d[old.device_slot] == 0) --distinct_devices;
    }
    t.unique_merchants_7d = static_cast<int32_t>(merchants_7d.size());
    t.unique_devices_7d = distinct_devices;

    if (i == 0) {
      t.since_last_ms = -1;
      t.distance_km = -1;
    } else {
      t.since_last_ms = t.time_ms - tl[i - 1].time_ms;
      t.distance_km = std::round(haversine_km(tl[i - 1].lat, tl[i - 1].lon, t.lat, t.lon) * 1000.0) / 1000.0;
    }
    if (t.device_slot >= 0) {
      t.new_device = !devices_ever[t.device_slot];
      devices_ever[t.device_slot] = true;
    } else {
      t.new_device = -1;
    }
    if (t.merchant >= 0) t.new_merchant = merchants_ever.insert(t.merchant).second;
    else t.new_merchant = -1;
    // An inflow's counterparty is its sender (payer_id), not a beneficiary.
    if (t.beneficiary[0] != 0 && !t.inflow) t.new_beneficiary = beneficiaries_ever.insert(t.beneficiary[0]).second;
    else t.new_beneficiary = -1;
  }
}

}  // namespace fraudgen
