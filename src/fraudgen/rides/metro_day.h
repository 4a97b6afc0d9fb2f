// The rides of one dispatch area of a capital on one day (dispatch_areas.h): every rider's requests with what became of them (rider
// side, computed alone), then the drivers. Requests that a driver accepted are taken in the
// order of acceptance by the nearest driver who is online then, on that app, idle, and whose
// vehicle fits the category; when every such driver is busy, one who was offline goes online for
// it (drivers watch the demand), and when none is idle, the city's next reserve driver for the
// category (driver.h). A driver's position is home at the start of the day, then
// wherever the last ride ended.
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/rides/dispatch_areas.h"
#include "fraudgen/rides/driver_day.h"
#include "fraudgen/rides/ride_extras.h"
#include "fraudgen/rides/ride_trip.h"

namespace fraudgen {

struct MetroRide {
  RideRequest request;
  RideTrip trip;
  int64_t driver = -1;  // DriverPerson::index; -1 when no driver came
  int8_t rating_by_rider = 0, rating_by_driver = 0;  // stars, 0 = not rated
  RiderSide rider;
  RideTrace trace;
  RideFraud fraud;
  int64_t wanted_driver = -1;  // a scenario's driver (DriverPerson::index) who takes the ride when idle
};

// What the requester's payment method was charged: the fare less the promotion, shared equally
// with the split accounts (the requester's share rounded up to the centavo).
inline int64_t charged_cents(const MetroRide& m) {
  const int64_t due = m.trip.fare_cents - m.rider.promo_cents, payers = 1 + m.rider.splits;
  return (due + payers - 1) / payers;
}

// The stars a completed ride gets: riders rate about two rides in three (92% of ratings are 5
// stars, 1.3% 1 star; better drivers get more fives), drivers rate most riders, nearly all 5.
void rate_ride(const SimContext& ctx, const DriverPerson& driver, MetroRide& ride);

// Where a driver's car is when the day begins: home.
GeoPoint driver_start(const SimContext& ctx, const CityGeography& geo, uint64_t driver);

// Assigns drivers to `metro_rides` (dispatch area `area`'s requests of `day`, any order; sorted by
// request time on return) and appends the day's sessions, those that began for a request
// included. `drivers` are the area's drivers; reserves are the area's (driver.h).
void assign_drivers(const SimContext& ctx, const RideReference& rides, const CityGeography& geo, const DispatchAreas& areas, uint32_t area,
                    const std::vector<const DriverPerson*>& drivers, int64_t day, const DayWeather& weather, std::vector<MetroRide>& metro_rides,
                    std::vector<DriverSession>& sessions);

}  // namespace fraudgen
