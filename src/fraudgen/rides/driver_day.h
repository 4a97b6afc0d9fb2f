// When a driver is online on a day: a pure function of (seed, driver, date). Full-timers work
// five or six days a week, two sessions around the peaks for 9-10 hours in all; part-timers two
// to four days, one session of 3-6 hours at a peak; occasional drivers mostly Friday and Saturday
// evenings. Heavy rain keeps a fifth of them home. A driver on several apps is online on all of
// them at once, as drivers do.
#pragma once
#include <cstdint>
#include <vector>

#include "fraudgen/rides/driver.h"
#include "fraudgen/rides/weather.h"

namespace fraudgen {

struct DriverSession {
  uint64_t driver;
  int64_t online_ms, offline_ms;  // UTC
};

// The driver's sessions on local date `day` (appended, in time order).
void driver_sessions(const SimContext& ctx, const DriverPerson& d, int64_t day, const DayWeather& weather, std::vector<DriverSession>& out);

// Drivers for a world of `customers`: 3 per 100 customers (at least 3 per capital), so that the
// riders' requests find an idle driver on their app and category about 92% of the time and the
// city's reserve drivers take the rest (more than Brazil's 1.4 per 100 app users: only a
// capital's metro rides here, and each driver works part of the week).
uint64_t drivers_for(uint64_t customers);

}  // namespace fraudgen
