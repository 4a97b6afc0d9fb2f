// When drivers are online on a day, planned against the city's requests that day: drivers watch
// the demand. Whether a driver works at all is the driver's own draw (full-timers five or six days
// a week, part-timers two to four, occasional drivers mostly Friday and Saturday; heavy rain keeps
// a fifth home). Those who work go online where requests are: full-timers first, for 9-10 hours
// from the start that covers the most unmet demand, then part-timers for 3-6 hours, then
// occasional drivers for 3-5 in the evening, until every hour has enough drivers for its rides
// at about 60% busy; full-timers work their hours even when little is left to cover, the others
// stay home. A driver on several apps is online on all of them at once, as drivers do.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "fraudgen/rides/driver.h"
#include "fraudgen/rides/weather.h"

namespace fraudgen {

struct DriverSession {
  uint64_t driver;
  int64_t online_ms, offline_ms;  // UTC
  uint8_t apps = 0x7;             // a bit per RideApp: the driver's accounts online (all of them, unless another account drives the car then)
  bool on(RideApp app) const { return (apps >> static_cast<int>(app)) & 1; }
  // Whether the session is under way at `t` (online from online_ms, offline at offline_ms).
  bool holds(int64_t t) const { return online_ms <= t && t < offline_ms; }
};

// Driver time (hours) the day's accepted requests take, by app and local hour.
using BusyHours = std::array<std::array<double, 24>, 3>;

// The city's sessions on local date `day` (appended), against the day's `busy` hours: each app's
// requests need their own drivers (a driver on several apps counts for each).
void plan_sessions(const SimContext& ctx, const std::vector<const DriverPerson*>& drivers, int64_t day, const DayWeather& weather,
                   const BusyHours& busy, std::vector<DriverSession>& out);

// Drivers for a world of `customers`: 3 per capital plus 1.2 per 100 customers, near
// Brazil's 1.4 per 100 app users. Measured from the tables of 60,000 customers over a week of
// May 2025 (41,900 requests; 801 drivers, and 188 more called in where a category's drivers
// were all busy): full-timers completed 9.3 rides a day they drove, part-timers 6.2,
// occasional drivers 5.5.
uint64_t drivers_for(uint64_t customers);

}  // namespace fraudgen
