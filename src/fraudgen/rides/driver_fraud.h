// The ride fraud drivers commit, as real rides, traces and sessions:
//   GPS_SPOOFING: on a day, a driver's phone reports a zig-zag route on several consecutive rides
//     (trace 1.4-3.5 times the quoted route, jumps of 0.8-5 km): the app pays the extra km as
//     driver_adjustment; some riders ask for a fare review.
//   DESTINATION_DISPARITY: a driver ends one to three trips 1.5-8 km away from the drop-off: most
//     drive on with the trip still running (the trace grows), some end it early and take the
//     rest in cash; riders ask for fare reviews and rate lower.
//   GHOST_RIDE: for 5-12 days a driver and an accomplice (a customer of the city) take one to
//     three rides a day on fresh rider accounts asked from one phone (the driver's second
//     phone), next to the driver's car before the day's work: accepted within seconds, 0.1-0.3 km
//     away, short, in cash with the new account's promotion or on a voucher, five stars both ways.
//   RATING_FRAUD: for one to three weeks a driver's recruits (customers of the city on fresh
//     accounts, from their own phones or the driver's second phone) take one or two short cash
//     rides a day near the driver's home, off-peak, all rated five stars.
//   MULTI_ACCOUNT_DRIVER: for two to five weeks an operator drives part of each working day, or
//     whole days, on a second account on the same app in someone else's name (bought, or rented),
//     on the operator's car and mostly the operator's phone and payout account (second_account.h,
//     account_handover.h); a relative sharing a car does the same, legitimately.
//   SURGE_ABUSE: the drivers who take a zone's surged rides at a surge peak (a bank of arrivals
//     at an airport, an event's end, a rush), with one to three others waiting with them, went
//     offline together 3-7 minutes before it and came back just before accepting them
//     (driver_sessions).
// Scenarios start at a rate per area-day that pays for each type's share of --fraud-rate, spread
// evenly over the dispatch areas and days (a fixed phase per type), so an area-day is computed on
// its own; a scheme's people (driver, accomplices, recruits, second account) are of its area.
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/rides/metro_day.h"
#include "fraudgen/rides/rider.h"
#include "fraudgen/rides/rider_store.h"

namespace fraudgen {

struct DriverFraudInputs {
  uint32_t city;
  uint32_t area;                                 // the dispatch area (dispatch_areas.h), whose drivers and riders these are
  const RideReference& rides;
  const CityGeography& geo;
  const std::vector<bool>& served;               // categories running in the city
  const DayWeather& weather;
  const std::vector<const DriverPerson*>& drivers;  // the area's drivers (reserves excluded)
  const RiderStore& riders;                      // the world's riders (`area`'s are used)
  uint64_t riders_before, riders_everywhere;     // riders of the areas before this one, and of all
  uint64_t population;                           // drivers of the world (second accounts are numbered after it)
};

// Before drivers are assigned: appends the day's GHOST_RIDE and RATING_FRAUD rides, each for
// its scenario's driver (wanted_driver), priced as any ride and played out as the scheme needs.
void stage_driver_scenario_rides(const SimContext& ctx, const DriverFraudInputs& in, int64_t day, std::vector<MetroRide>& out);

// After drivers are assigned, rides rated and traced: the drivers' breaks (look-alikes), second
// accounts driving their owners' cars (relatives' and MULTI_ACCOUNT_DRIVER's), GPS
// spoofing, destination disparity and surge abuse on the day's rides and sessions[first, end),
// and the five stars of the staged rides.
void driver_fraud_after_matching(const SimContext& ctx, const DriverFraudInputs& in, int64_t day, std::vector<MetroRide>& rides,
                                 std::vector<DriverSession>& sessions, size_t first_session);

}  // namespace fraudgen
