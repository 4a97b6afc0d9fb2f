// What the ride checks read from one rides row, parsed once: the city, app, category and
// status, the rider's and driver's accounts, the timestamps; the pickup zone once the geography
// check has matched it.
#pragma once
#include <cstdint>
#include <optional>

#include "fraudgen/rides/zone_conditions.h"
#include "fraudgen/validate/ride_market.h"
#include "fraudgen/validate/row_ref.h"

namespace fraudgen::validate {

inline constexpr int64_t kNoInstant = INT64_MIN;
inline constexpr int64_t kHourMillis = 3'600'000;

// Vocabulary indices (vocabulary.h order) of a ride's status and app.
namespace ride_status {
enum : int { completed, rider_cancelled, driver_cancelled, no_driver };
}
namespace ride_app {
enum : int { uber, ninety_nine, indrive };
}

struct RideFacts {
  int city = -1;                          // RideMarket city, -1 when city_ibge_code is no capital
  int area = -1;                          // the city's dispatch area (per_area.h), -1 when either is unknown
  int app = -1, status = -1, basis = -1;  // vocabulary indices (kRideApp, kRideStatus, kPriceBasis), -1 unknown
  const RideCategory* category = nullptr; // the app's category of that name
  uint64_t rider = 0;   // the rider account: the 48 bits of RACC_, + 1; 0 when unreadable
  uint64_t driver = 0;  // the driver account: the 48 bits of DRV_, + 1; 0 for none or unreadable
  int64_t requested = kNoInstant, accepted = kNoInstant, arrived = kNoInstant, started = kNoInstant, ended = kNoInstant,
          cancelled = kNoInstant;
  std::optional<Zone> zone;  // set by check_ride_place when pickup_zone names the pickup's zone

  bool indrive() const { return app == ride_app::indrive; }
  // When the driver account is free again: the trip's end, or the cancellation.
  int64_t busy_until() const { return ended != kNoInstant ? ended : cancelled; }
};

RideFacts ride_facts(const RideMarket& market, const RowRef& row);
// The 48-bit number of a driver account id + 1 (never 0); nullopt when not DRV_ + 12 upper hex.
std::optional<uint64_t> driver_key(std::string_view driver_id);

}  // namespace fraudgen::validate
