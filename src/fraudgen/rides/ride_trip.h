// What becomes of a request, from the request and its zone's conditions alone: whether a driver
// takes it, whether either side cancels, how long the pickup and the trip take, what it costs,
// the platform's cut and the tip. The driver who takes it is chosen afterwards among those
// online (the metro's day), so a rider's rides, and the payments a bank sees for them, can be
// computed for any rider-day on its own.
//
// Rates (rides reference §2.4-2.7, estimates where no Brazilian figure exists): riders cancel
// about 8% of requests (more under surge), drivers 7% of those they accept (more far out, at
// night, in rain, on cash), no driver comes for 2% to 30% by the zone's conditions; cancelling
// is free for 3 minutes, then costs the rider R$2-10; speeds follow the hour (14-18 km/h at São
// Paulo's peaks, 25-30 off peak, 35-45 at night), slower in rain; Uber keeps about 24% of the
// fare, 99 about 19% (nothing on its zero-fee days), inDrive 10%; inDrive riders offer a price
// (no surge) that drivers accept or counter; 7% of rides paid in the app get a tip of R$1-10.
#pragma once
#include <cstdint>

#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/rides/fare.h"
#include "fraudgen/rides/rider.h"
#include "fraudgen/rides/zone_conditions.h"

namespace fraudgen {

enum class RideStatus : uint8_t { Completed, RiderCancelled, DriverCancelled, NoDriver };
inline constexpr const auto& kRideStatuses = vocab::kRideStatus;

inline constexpr int64_t kNoTime = -1;

struct RideTrip {
  RideStatus status = RideStatus::Completed;
  int64_t request_ms = 0, accept_ms = kNoTime, arrive_ms = kNoTime, start_ms = kNoTime, end_ms = kNoTime, cancel_ms = kNoTime;
  double pickup_km = 0;                      // the driver's distance at accept
  int64_t quoted_distance_m = 0, quoted_duration_s = 0, actual_distance_m = 0, actual_duration_s = 0;
  int surge_tenths = 10;                     // inDrive has none (10)
  FareQuote upfront;                         // the price quoted at request
  FareQuote charged;                         // the parts of a completed ride's fare (upfront or metered); zero for inDrive
  bool metered = false;                      // the route changed so much the fare was metered
  int64_t municipal_fee_cents = 0;           // São Paulo's per-km fee inside fare_cents (completed rides)
  int64_t offer_cents = 0, agreed_cents = 0; // inDrive: the rider's offer and the agreed price
  int counter_offers = 0;
  int64_t fare_cents = 0;                    // what the ride cost (0 unless completed), or the cancellation fee
  int64_t cancel_fee_cents = 0;
  int64_t platform_fee_cents = 0, driver_earnings_cents = 0;
  int64_t tip_cents = 0, tip_ms = kNoTime;
  bool zero_fee_day = false;                 // 99's "Taxa Zero"
  Rain rain = Rain::None;                    // the city's weather in the hour of the request
  bool flight_bank = false;                  // the pickup is an airport during a bank of arrivals
};

RideTrip ride_trip(const SimContext& ctx, const RideReference& rides, const Rider& rider, const RideRequest& q,
                   const ZoneConditions& zone);

// Whether 99 runs a zero-fee day in the city on `day` (about two days a month).
bool zero_fee_day(uint64_t seed, uint32_t city, int64_t day);

}  // namespace fraudgen
