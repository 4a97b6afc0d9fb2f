#include "fraudgen/rides/driver_day.h"

#include <algorithm>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/rides/zone_conditions.h"

namespace fraudgen {
namespace {

constexpr uint64_t kSessions = 0x5E55;

int64_t at(int64_t day, double hour) { return day * kMillisPerDay + static_cast<int64_t>(hour * 3'600'000.0) - kBrasiliaOffsetMillis; }

}  // namespace

uint64_t drivers_for(uint64_t customers) { return std::max<uint64_t>(81, customers * 30 / 1000); }

void driver_sessions(const SimContext& ctx, const DriverPerson& d, int64_t day, const DayWeather& weather, std::vector<DriverSession>& out) {
  Rng r(ctx.config().seed, EntityKind::Driver, d.index, pair_key(kSessions, static_cast<uint64_t>(day)));
  const unsigned wd = weekday_from_days(day);  // 0 = Monday
  const bool friday_saturday = wd == 4 || wd == 5;
  double works = 0;
  switch (d.activity) {
    case DriverActivity::FullTime: works = wd == 6 ? 0.45 : 0.85; break;
    case DriverActivity::PartTime: works = friday_saturday ? 0.55 : 0.40; break;
    case DriverActivity::Occasional: works = friday_saturday ? 0.45 : 0.04; break;
  }
  if (!r.chance(works)) return;
  const bool stormy = std::count(weather.hours.begin(), weather.hours.end(), Rain::Heavy) > 0;
  if (stormy && r.chance(0.2)) return;
  auto add = [&](double from, double hours) {
    const double to = std::min(from + hours, 27.0);  // may run past midnight
    out.push_back({d.index, at(day, from), at(day, to)});
  };
  switch (d.activity) {
    case DriverActivity::FullTime: {
      const double start = r.uniform(5.5, 8.0), first = r.uniform(4.0, 6.0);
      add(start, first);
      add(start + first + r.uniform(0.5, 2.0), r.uniform(9.0, 10.0) - first);
      break;
    }
    case DriverActivity::PartTime:
      if (r.chance(0.45)) add(r.uniform(6.0, 8.0), r.uniform(3.0, 5.0));
      else add(r.uniform(16.0, 19.0), r.uniform(3.0, 6.0));
      break;
    case DriverActivity::Occasional:
      add(r.uniform(18.0, 22.0), r.uniform(3.0, 5.0));
      break;
  }
}

}  // namespace fraudgen
