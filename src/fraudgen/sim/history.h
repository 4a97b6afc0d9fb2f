// History features from a customer's own earlier transactions: sliding windows over the
// time-sorted timeline, so SQL window functions over the output recompute them exactly.
#pragma once
#include <span>

#include "fraudgen/sim/transaction.h"

namespace fraudgen {

inline constexpr int64_t kWindowMillis[5] = {3'600'000, 6 * 3'600'000, 24 * 3'600'000, 7 * 86'400'000LL, 30 * 86'400'000LL};

// `timeline` must be one customer's transactions with strictly increasing time_ms, their
// device slots below `device_count`. Every feature looks back 30 days at most: a device,
// merchant or beneficiary is new when the 30 days before did not use it; time and distance
// since the previous transaction are empty when there was none in those 30 days.
void compute_history(std::span<Transaction> timeline, size_t device_count);

double haversine_km(double lat1, double lon1, double lat2, double lon2);
// haversine_km given both latitudes' cosines (latitude_cosine), for a walk along a timeline or a
// point measured against many: each cosine is taken once, and the result is bit-identical.
double latitude_cosine(double lat);
double haversine_with_cosines(double lat1, double lon1, double cos_lat1, double lat2, double lon2, double cos_lat2);

}  // namespace fraudgen
