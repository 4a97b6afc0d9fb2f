#include "fraudgen/validate/ride_conditions_check.h"

#include <cmath>
#include <cstdio>
#include <functional>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/core/random.h"
#include "fraudgen/rides/ride_trip.h"
#include "fraudgen/rides/zone_conditions.h"
#include "fraudgen/schema/columns.h"
#include "fraudgen/schema/vocabulary.h"
#include "fraudgen/validate/text_rules.h"

namespace fraudgen::validate {
namespace {


std::string surge_text(int tenths) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d.%d", tenths / 10, tenths % 10);
  return buf;
}

std::string at_row(const std::string* file, uint64_t row) { return *file + " row " + std::to_string(row); }

}  // namespace

RideConditionsCheck::RideConditionsCheck(const CheckContext& ctx, const RideMarket& market)
    : ctx_(ctx), market_(market) {}

const DayWeather& RideConditionsCheck::weather(Area& c, uint32_t city, int64_t day) {
  if (c.weather_day != day) {
    c.weather = day_weather(market_.ref, market_.rides, ctx_.dataset.seed, city, day);
    c.weather_day = day;
  }
  return c.weather;
}

void RideConditionsCheck::check(const RowRef& r, const RideFacts& f) {
  if (f.area < 0 || f.requested == kNoInstant) return;
  ctx_.checked(Check::RideConditions);
  Area& c = areas_[static_cast<size_t>(f.area)];
  // A city's groups of past hours meet no more rides.
  const int64_t hour = (f.requested + kBrasiliaOffsetMillis) / kHourMillis;
  if (hour > c.swept_hour) {
    std::erase_if(c.hours, [&](const auto& g) { return g.first < hour; });
    std::erase_if(c.zones, [&](const auto& g) { return g.second.bucket < hour * 12; });
    c.swept_hour = hour;
  }
  check_rain(r, f, c);
  check_zone(r, f, c);
  // 99's zero-fee days, recomputed; no other app has them.
  if (r.valid(ride_col::zero_fee_day) && f.app >= 0) {
    const bool want = f.app == ride_app::ninety_nine && zero_fee_day(ctx_.dataset.seed, static_cast<uint32_t>(f.city), local_day_of(f.requested));
    if ((r.i(ride_col::zero_fee_day) != 0) != want)
      ctx_.fail(Check::RideConditions, r, ride_col::zero_fee_day, want ? "true: 99's zero-fee day in the city (recomputed from the seed)" :
                                                           f.app == ride_app::ninety_nine ? "false: not a zero-fee day of 99 in the city (recomputed from the seed)"
                                                                                : "false: only 99 has zero-fee days");
  }
}

void RideConditionsCheck::check_rain(const RowRef& r, const RideFacts& f, Area& c) {
  if (!r.valid(ride_col::rain)) return;
  const int rain = vocab_index(vocab::kRain, r.str(ride_col::rain));
  const int64_t hour = (f.requested + kBrasiliaOffsetMillis) / kHourMillis;
  auto [it, fresh] = c.hours.try_emplace(hour, Group{});
  Group& g = it->second;
  if (fresh) {
    const DayWeather& w = weather(c, static_cast<uint32_t>(f.city), local_day_of(f.requested));
    g = {static_cast<int>(w.hours[static_cast<size_t>(brasilia_hour(f.requested))]), 10, false, 0, &r.file, r.file_row};
    if (rain != g.rain)
      return ctx_.fail(Check::RideConditions, r, ride_col::rain, std::string(vocab::kRain[static_cast<size_t>(g.rain)]) +
                                                               ", the city's weather that hour (day_weather, from the run's seed)");
  }
  if (rain != g.rain)
    ctx_.fail(Check::RideConditions, r, ride_col::rain, std::string(vocab::kRain[static_cast<size_t>(g.rain)]) + ", the rain of every ride of the city that hour (as " +
                                                       at_row(g.file, g.row) + ")");
}

void RideConditionsCheck::check_zone(const RowRef& r, const RideFacts& f, Area& c) {
  if (f.indrive() && r.valid(ride_col::surge_multiplier) && r.d(ride_col::surge_multiplier) != 1.0)
    ctx_.fail(Check::RideConditions, r, ride_col::surge_multiplier, "1.0: inDrive has no surge");
  if (!f.zone || !r.valid(ride_col::pickup_zone)) return;  // a wrong zone is reported by the geography check
  const int64_t bucket = (f.requested + kBrasiliaOffsetMillis) / kBucketMillis;
  auto [it, fresh] = c.zones.try_emplace(pair_key(std::hash<std::string_view>()(r.str(ride_col::pickup_zone)), static_cast<uint64_t>(bucket)), Group{});
  Group& g = it->second;
  const int64_t day = local_day_of(f.requested);
  const bool opened = fresh;
  if (fresh) {
    const ZoneConditions z = zone_conditions(market_.ref, market_.rides, ctx_.dataset.seed, static_cast<uint32_t>(f.city), *f.zone, day,
                                             bucket_of(f.requested), weather(c, static_cast<uint32_t>(f.city), day));
    g = {0, z.surge_tenths, z.flight_bank, bucket, &r.file, r.file_row};
  }
  const std::string how = opened ? " (zone_conditions, from the run's seed)" : " (as " + at_row(g.file, g.row) + ")";
  if (!f.indrive() && f.app >= 0 && r.valid(ride_col::surge_multiplier) && std::lround(r.d(ride_col::surge_multiplier) * 10.0) != g.surge_tenths)
    ctx_.fail(Check::RideConditions, r, ride_col::surge_multiplier, surge_text(g.surge_tenths) + ", the surge of the zone in those five minutes" + how);
  if (r.valid(ride_col::flight_bank) && (r.i(ride_col::flight_bank) != 0) != g.flight_bank)
    ctx_.fail(Check::RideConditions, r, ride_col::flight_bank, std::string(g.flight_bank ? "true" : "false") + ", the zone's flight bank in those five minutes" + how);
}

}  // namespace fraudgen::validate
