// The driver's GPS trace of a completed ride, as the app keeps it: its length over the quoted
// route (close to the distance driven, with a little noise), the longest jump between fixes
// (20-150 m), and how far from the requested drop-off the trip was ended (5-150 m of drift).
// Honest rides also show what fraud shows, at the calibrated rates (ride_look_alikes.*): a
// signal lost in a tunnel or between towers (a jump of 400-2500 m), a phone saving battery (a
// zig-zag trace 1.2-1.8 times the route), a rider getting out 0.3-4 km early, a driver ending
// the trip 0.5-3 km late. Drawn from the ride's own key, so a ride's trace is the same wherever
// it is computed.
#pragma once
#include <cstdint>

#include "fraudgen/rides/metro_day.h"

namespace fraudgen {

// Fills m.trace for a COMPLETED ride of `city` (other rides keep the defaults).
void trace_ride(const SimContext& ctx, const RideReference& rides, uint32_t city, MetroRide& m);

// What the app pays the driver for a trace longer than 1.25 x the quoted route (rides schema,
// driver_adjustment): the level's per-km tariff x price index x (ratio - 1.25) x quoted km, with
// the ratio as written (3 decimals); 0 at or below 1.25.
int64_t trace_adjustment_cents(const RideReference& rides, uint32_t city, const MetroRide& m, double path_ratio);

// Sets the trace's ratio (rounded as written) and the adjustment that goes with it.
void set_path_ratio(const RideReference& rides, uint32_t city, MetroRide& m, double path_ratio);

}  // namespace fraudgen
