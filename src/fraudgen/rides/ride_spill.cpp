#include "fraudgen/rides/ride_spill.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "fraudgen/core/scratch_file.h"
#include "fraudgen/rides/driver_day.h"
#include "fraudgen/rides/ride_day_events.h"
#include "fraudgen/rides/ride_span_store.h"
#include "fraudgen/rides/rider_fraud.h"
#include "fraudgen/rides/stored_rider.h"

namespace fraudgen {

double ride_spill_bytes(uint64_t customers, int workers, uint64_t dispatch_area_drivers, RideSpillUse use, RideSpansKept spans) {
  const double riders = kRiderShare * static_cast<double>(customers);
  const double largest_areas = std::max(1.0, std::ceil(0.3 * static_cast<double>(drivers_for(customers)) / static_cast<double>(dispatch_area_drivers)));
  const double lookback = 0.3 * riders / largest_areas * 1.25 * kRequestsPerRiderDay * kRideHistoryLookbackDays * sizeof(RideHistoryEvent);
  const double days = use == RideSpillUse::Run ? mean_ride_day_events_bytes(static_cast<uint64_t>(riders))
                                               : 3 * 1.5 * riders * kRequestsPerRiderDay * kRideLineBytes;
  const double kept = RideSpanStore::bytes_for(riders * kRequestsPerRiderDay * static_cast<double>(spans.days), spans.fraud_rate);
  return riders * sizeof(StoredRider) + days + kept + std::max(workers, 1) * lookback;
}

void ensure_ride_spill_room(const std::filesystem::path& dir, uint64_t customers, int workers, uint64_t dispatch_area_drivers, RideSpillUse use,
                            RideSpansKept spans) {
  ensure_scratch_room(dir, static_cast<uint64_t>(1.1 * ride_spill_bytes(customers, workers, dispatch_area_drivers, use, spans)),
                      "The ride world of " + std::to_string(customers) + " customers (its riders, " +
                          (use == RideSpillUse::Run ? "recent history events" : "the lines of the ride days being sent") +
                          (spans.days > 0 ? ", the labels and driver sessions of its rides" : "") + " and each worker's block's days before)");
}

}  // namespace fraudgen
