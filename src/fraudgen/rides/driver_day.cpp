#include "fraudgen/rides/driver_day.h"

#include <algorithm>

#include "fraudgen/core/civil_time.h"

namespace fraudgen {
namespace {

constexpr uint64_t kSessions = 0x5E55;
constexpr double kTargetBusy = 0.6;

int64_t at(int64_t day, double hour) { return day * kMillisPerDay + static_cast<int64_t>(hour * 3'600'000.0) - kBrasiliaOffsetMillis; }

bool works_today(const DriverPerson& d, int64_t day, bool stormy, Rng& r) {
  if (day < d.working_since) return false;
  const unsigned wd = weekday_from_days(day);  // 0 = Monday
  const bool friday_saturday = wd == 4 || wd == 5;
  double p = 0;
  switch (d.activity) {
    case DriverActivity::FullTime: p = wd == 6 ? 0.45 : 0.85; break;
    case DriverActivity::PartTime: p = friday_saturday ? 0.55 : 0.40; break;
    case DriverActivity::Occasional: p = friday_saturday ? 0.45 : 0.04; break;
  }
  return r.chance(p) && !(stormy && r.chance(0.2));
}

}  // namespace

uint64_t drivers_for(uint64_t customers) { return 81 + customers * 12 / 1000; }

void plan_sessions(const SimContext& ctx, const std::vector<const DriverPerson*>& drivers, int64_t day, const DayWeather& weather,
                   const BusyHours& busy, std::vector<DriverSession>& out) {
  BusyHours need{};
  for (size_t a = 0; a < 3; ++a)
    for (size_t h = 0; h < 24; ++h) need[a][h] = busy[a][h] / kTargetBusy;
  const bool stormy = std::count(weather.hours.begin(), weather.hours.end(), Rain::Heavy) > 0;
  // Full-timers first, then part-timers, then occasional drivers; within each in a daily order.
  struct Candidate {
    const DriverPerson* d;
    uint64_t order;
  };
  std::vector<Candidate> working;
  for (const DriverPerson* d : drivers) {
    Rng r(ctx.config().seed, EntityKind::Driver, d->index, pair_key(kSessions, static_cast<uint64_t>(day)));
    if (works_today(*d, day, stormy, r)) working.push_back({d, r.next()});
  }
  std::sort(working.begin(), working.end(), [](const Candidate& a, const Candidate& b) {
    return a.d->activity != b.d->activity ? a.d->activity < b.d->activity : a.order < b.order;
  });
  for (const Candidate& c : working) {
    Rng r(ctx.config().seed, EntityKind::Driver, c.d->index, pair_key(kSessions + 1, static_cast<uint64_t>(day)));
    int length, earliest, latest;
    switch (c.d->activity) {
      case DriverActivity::FullTime: length = static_cast<int>(r.range(9, 10)), earliest = 4, latest = 12; break;
      case DriverActivity::PartTime: length = static_cast<int>(r.range(3, 6)), earliest = 5, latest = 20; break;
      default: length = static_cast<int>(r.range(3, 5)), earliest = 16, latest = 23; break;
    }
    // The start that covers the most demand still without a driver.
    int best = -1;
    double best_cover = 0;
    for (int s = earliest; s <= latest; ++s) {
      double cover = 0;
      for (int h = s; h < std::min(24, s + length); ++h)
        for (size_t a = 0; a < 3; ++a)
          if (c.d->on(static_cast<RideApp>(a))) cover += std::min(1.0, std::max(0.0, need[a][static_cast<size_t>(h)]));
      if (cover > best_cover + 1e-9) best_cover = cover, best = s;
    }
    if (best < 0 || best_cover < 0.5) {
      if (c.d->activity != DriverActivity::FullTime) continue;  // nothing to do: part-timers stay home
      best = static_cast<int>(r.range(6, 8));
    }
    for (int h = best; h < std::min(24, best + length); ++h)
      for (size_t a = 0; a < 3; ++a)
        if (c.d->on(static_cast<RideApp>(a))) need[a][static_cast<size_t>(h)] -= 1.0;
    const double minutes = r.uniform(0, 0.9);  // sessions do not all start on the hour
    out.push_back({c.d->index, at(day, best + minutes), at(day, best + minutes + length)});
  }
}

}  // namespace fraudgen
