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
};

// Driver time (hours) the day's accepted requests take, by app and local hour.
using BusyHours = std::array<std::array<double, 24>, 3>;

// The city's sessions on local date `day` (appended), against the day's `busy` hours: each app's
// requests need their own drivers (a driver on several apps counts for each).
void plan_sessions(const SimContext& ctx, const std::vector<const DriverPerson*>& drivers, int64_t day, const DayWeather& weather,
                   const BusyHours& busy, std::vector<DriverSession>& out);

// Drivers for a world of `customers`: 3 per capital plus 1.2 per 100 customers, near
// Brazil's 1.4 per 100 app users. Measured on 60,000 customers over a week (39,000 riders, 5,900
// requests a day, 801 drivers): full-timers did 10.2 rides a day (Rio's full-timers 15),
// part-timers 7.5, and the cities' reserve drivers took 5.7% of the rides.
uint64_t drivers_for(uint64_t customers);

}  // namespace fraudgen
