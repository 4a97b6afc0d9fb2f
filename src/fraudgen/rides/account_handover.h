// The day's hand-over of a car from its owner's account to a second account (second_account.h):
// from a point of the day on, the rides the owner accepted on the second account's app are the
// second account's, and so are the owner's sessions (the owner's accounts on other apps stay
// online with it, as a driver on several apps does). The switch falls where the owner was on no
// ride, with `gap` offline between the two accounts (a logout and login, or a change of driver),
// so the two accounts on one app are never online at once.
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/rides/driver_breaks.h"
#include "fraudgen/rides/ride_extras.h"

namespace fraudgen {

struct Handover {
  const DriverPerson* owner;
  const DriverPerson* second;
  RideApp app;
  int64_t from_ms;  // the earliest switch: the first idle moment at or after it
  int64_t gap_ms;
  RideFraud label;  // set on the second account's rides (none for a partner)
};

// The rides handed over (none when the owner did not work after from_ms). `rides` and
// sessions[first, end) are the area's day after matching and breaks.
size_t hand_over(const Handover& h, const BusySpans& busy, std::vector<MetroRide>& rides, std::vector<DriverSession>& sessions, size_t first);

}  // namespace fraudgen
