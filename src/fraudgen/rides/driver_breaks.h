// Drivers go offline for a while in the middle of a session and come back: a meal, fuel, a
// rest, a wait for a surge to rise (legitimately, at ride_look_alikes.driver_break_share of
// sessions of two hours or more and of surged rides),
// or, in a SURGE_ABUSE ring, together before a flight bank lands (driver_fraud.h). Either way a
// session becomes two, with the gap between them, and only where the driver was on no ride.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fraudgen/rides/metro_day.h"

namespace fraudgen {

// When each driver of the day's rides was on one: [accepted, ended or cancelled), by driver.
using BusySpans = std::unordered_map<uint64_t, std::vector<std::pair<int64_t, int64_t>>>;
BusySpans busy_spans(const std::vector<MetroRide>& rides);

// Whether `driver` was on no ride in [from, to).
bool idle_between(const BusySpans& busy, uint64_t driver, int64_t from, int64_t to);

// Cuts [from, to) out of the driver's session that holds it (with a minute of it left on each
// side) in sessions[first, end); false when no session holds it, the driver was on a ride, or
// the part after it would come online on a later date than the session (a session running past
// midnight stays whole: a day's sessions come online on that day, which --partition-by relies on).
bool take_offline(std::vector<DriverSession>& sessions, size_t first, const BusySpans& busy, uint64_t driver, int64_t from, int64_t to);

// The honest breaks of the day's sessions in sessions[first, end).
void take_breaks(const SimContext& ctx, const BusySpans& busy, std::vector<DriverSession>& sessions, size_t first);

// Drivers who wait offline for a surge to rise (a bank of arrivals in an airport's lot, a busy
// area's peak) and come back minutes before accepting a surged ride (at driver_break_share of
// surged rides).
void wait_for_surges(const SimContext& ctx, const std::vector<MetroRide>& rides, const BusySpans& busy, std::vector<DriverSession>& sessions, size_t first);

}  // namespace fraudgen
