// The history features of rides, as a ride platform's fraud team computes them: for each ride,
// what the driver account, the rider account and the pair did in the 7 days before
// the request. Each counts rows of the rides table by their own timestamps (a trip by ended_at,
// a cancellation by cancelled_at, a request by requested_at) in [requested_at - 7 days,
// requested_at), so SQL over the table recomputes every value.
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "fraudgen/rides/metro_day.h"

namespace fraudgen {

inline constexpr int64_t kRideHistoryMillis = 7 * 86'400'000LL;
// Days a block simulates before its span so every ride's history is whole: the 7 days of the
// window, and one more for trips that began the day before the window and ended in it.
inline constexpr int64_t kRideHistoryLookbackDays = 8;

struct RideHistory {
  int32_t driver_trips = 0, driver_cancels = 0, driver_rated = 0;
  double driver_stars = 0;  // sum of the ratings counted in driver_rated
  int32_t rider_requests = 0, rider_cancels = 0, rider_rated = 0;
  double rider_stars = 0;
  int32_t pair_rides = 0;
};

// What the history features need of a ride, about a tenth of a MetroRide: a block keeps its
// lookback days in this form only.
struct RideHistoryEvent {
  uint64_t rider_account;  // RiderSide::account_key
  int64_t driver;          // DriverPerson::index; -1 when no driver came
  int64_t request_ms, cancel_ms, end_ms;
  RideApp app;
  RideStatus status;
  int8_t rating_by_rider, rating_by_driver;
};
RideHistoryEvent history_event(const MetroRide& m);

// The events a history counts, given as many times as asked: each call hands every event to
// `take`, a run at a time (a block's 8 days before from disk, then its span from memory).
using RideEventRuns = std::function<void(const std::function<void(std::span<const RideHistoryEvent>)>& take)>;

// Events indexed at once when a history is computed: a capital's 8 days before a block are
// counted in parts, each of the accounts (rider or driver) whose keys hash to it, so the indexes
// never hold more than about this many events (about 60 bytes each) however large the capital.
inline constexpr size_t kRideHistoryEventsPerPart = size_t{1} << 16;

// The history of each of `asked` (rides among `events`, which reach at least
// kRideHistoryLookbackDays before the first of them); out[i] for asked[i].
void ride_history(const RideEventRuns& events, std::span<const RideHistoryEvent> asked, std::vector<RideHistory>& out,
                  size_t events_per_part = kRideHistoryEventsPerPart);
// The same for rides[first, end) from all of `rides` (the city's rides in request order).
void ride_history(const std::vector<RideHistoryEvent>& rides, size_t first, std::vector<RideHistory>& out);

}  // namespace fraudgen
